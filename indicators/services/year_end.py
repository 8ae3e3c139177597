"""The write path of closing the year (DOMAIN §4, §9): year-end explanations, project texts, 偏离度 deductions.

Each is appended to its own ledger, never changed: a new text for a line that has one corrects it, names it and
says why. Every write locks the project, so two clerks saving the same line cannot both win.
"""
from decimal import Decimal
from typing import NamedTuple

from django.utils import timezone

from core.limits import TEXT_LIMITS, check_lengths
from core.errors import ConflictError, DomainError
from core.roles import is_admin, is_reviewer, member_department_ids
from indicators import rules
from indicators.ledger import standing_rows
from indicators.models import LineExplanation, ProjectSelfEvaluation, ScoreDeduction
from indicators.selectors.dates import default_as_of
from indicators.selectors.evaluation import evaluate_project
from indicators.services.common import UNSET, append_row, check_writer
from projects.in_force import indicator_adjustments_in_force, target_in_force
from projects.models import Indicator, Project
from projects.review_lock import checked_once, ensure_unlocked
from projects.written import writes_projects

LINE_TEXT_LIMIT = TEXT_LIMITS["line_text"]  # a line's 偏差原因分析及改进措施, 评价依据, or a deduction's reason
PROJECT_TEXT_LIMIT = TEXT_LIMITS["project_text"]  # each project text
PROJECT_TEXTS = {"achievement": "实际完成情况", "problems": "存在问题", "measures": "改进措施"}
MAX_POINTS = Decimal(1000)  # DecimalField(5, 2)
DEDUCTION_ONLY = "只有本部门的审核人员（或管理员）可以记录偏离度扣分。"


class Recorded(NamedTuple):
    row: object  # the current row after the call
    created: bool  # False when nothing changed, and nothing was appended


def may_deduct(user, department_id: int) -> bool:
    """A reviewer of the department records 偏离度 deductions (DOMAIN §7); an admin may too."""
    return is_admin(user) or (is_reviewer(user) and department_id in member_department_ids(user))


def check_length(text: str, *, field: str, label: str, key: str) -> None:
    """Refuses an over-long text as a whole: it is never cut (core/limits.py says how, for every service)."""
    check_lengths((field, key, label, text))


def _who(row) -> str:
    who = row.entered_by.get_full_name() or row.entered_by.username
    return f"{who}，{timezone.localtime(row.entered_at):%Y-%m-%d %H:%M}"


def _current(rows, *, expected_current_id, reason: str, what: str):
    """The row a new one corrects (None for the first); refuses a stale page and a change without its reason."""
    current = standing_rows(rows, key=lambda row: 0).get(0)
    if expected_current_id is not UNSET and (current.id if current else None) != expected_current_id:
        detail = f"（{_who(current)}）" if current else ""
        raise ConflictError(
            f"保存前已有人修改了{what}{detail}。您填写的内容未保存，请核对后重新提交。", field="reason", other=current
        )
    if current is not None and not reason.strip():
        raise DomainError(f"{what}已有内容（{_who(current)} 填写）：修改请填写修改原因。", field="reason")
    return current


def _qualitative(indicator: Indicator) -> bool:
    """Whether the line is 定性 under the target in force now (an adjustment may change its operator)."""
    adjustment = indicator_adjustments_in_force(
        indicator_ids=[indicator.pk], as_of=default_as_of(indicator.project.year)
    ).get(indicator.pk)
    return rules.is_qualitative(target_in_force(indicator, adjustment).operator)


def _lock(project: Project) -> Project:
    """The project under lock, refused while its self-evaluation is 已送审 or 已审核 (DOMAIN §9)."""
    locked = Project.objects.select_for_update().get(pk=project.pk)
    ensure_unlocked(locked)
    return locked


def _explanation(*, project: Project, indicator: Indicator | None, user, text, basis, reason, expected_current_id,
                 what: str) -> Recorded:
    project = _lock(project)
    check_writer(user, project.department_id)
    rows = list(LineExplanation.objects.filter(project=project, indicator=indicator).select_related("entered_by"))
    latest = standing_rows(rows, key=lambda row: 0).get(0)
    text = (latest.text if latest else "") if text is None else text.strip()
    basis = (latest.basis if latest else "") if basis is None else basis.strip()
    check_length(text, field="text", label="偏差原因分析及改进措施", key="line_text")
    check_length(basis, field="basis", label="评价依据", key="line_text")
    check_length(reason, field="reason", label="修改原因", key="line_text")
    if (text, basis) == ((latest.text, latest.basis) if latest else ("", "")):
        return Recorded(latest, False)
    target = _current(rows, expected_current_id=expected_current_id, reason=reason, what=what)
    row = append_row(LineExplanation, project=project, indicator=indicator, text=text, basis=basis, corrects=target,
                     reason=reason.strip() if target else "", entered_by=user)
    return Recorded(row, True)


@writes_projects
def record_line_explanation(
    *,
    indicator: Indicator,
    user,
    text: str | None = None,
    basis: str | None = None,
    reason: str = "",
    expected_current_id=UNSET,
) -> Recorded:
    """An indicator line's year-end 偏差原因分析及改进措施 and, for a 定性 line, its 评价依据.

    None keeps what the line has; a line whose texts are unchanged appends nothing.
    """
    indicator = Indicator.objects.select_related("project").get(pk=indicator.pk)
    if basis and not _qualitative(indicator):
        raise DomainError("评价依据只用于定性指标：定量指标请填写偏差原因分析及改进措施。", field="basis")
    return _explanation(project=indicator.project, indicator=indicator, user=user, text=text, basis=basis,
                        reason=reason, expected_current_id=expected_current_id,
                        what=f"指标「{indicator.name}」的年终说明")


@writes_projects
def record_budget_explanation(*, project: Project, user, text: str, reason: str = "",
                              expected_current_id=UNSET) -> Recorded:
    """The budget line's year-end 偏差原因分析及改进措施."""
    return _explanation(project=project, indicator=None, user=user, text=text, basis=None, reason=reason,
                        expected_current_id=expected_current_id, what="预算执行的年终说明")


@writes_projects
def record_project_texts(
    *,
    project: Project,
    user,
    achievement: str | None = None,
    problems: str | None = None,
    measures: str | None = None,
    reason: str = "",
    expected_current_id=UNSET,
) -> Recorded:
    """The project's 实际完成情况, 存在问题 and 改进措施 (None keeps a text as it is)."""
    project = _lock(project)
    check_writer(user, project.department_id)
    rows = list(ProjectSelfEvaluation.objects.filter(project=project).select_related("entered_by"))
    latest = standing_rows(rows, key=lambda row: 0).get(0)
    given = {"achievement": achievement, "problems": problems, "measures": measures}
    texts = {
        name: (getattr(latest, name) if latest else "") if value is None else value.strip()
        for name, value in given.items()
    }
    errors: dict[str, list[str]] = {}
    for name, label in PROJECT_TEXTS.items():
        try:
            check_length(texts[name], field=name, label=label, key="project_text")
        except DomainError as exc:
            errors.update(exc.errors)
    if errors:
        raise DomainError(errors)
    check_length(reason, field="reason", label="修改原因", key="line_text")
    unchanged = texts == {name: getattr(latest, name) for name in texts} if latest else not any(texts.values())
    if unchanged:
        return Recorded(latest, False)
    target = _current(rows, expected_current_id=expected_current_id, reason=reason, what="项目自评说明")
    row = append_row(ProjectSelfEvaluation, project=project, **texts, corrects=target,
                     reason=reason.strip() if target else "", entered_by=user)
    return Recorded(row, True)


@writes_projects
def record_deduction(*, indicator: Indicator, user, points: Decimal | None, reason: str,
                     expected_current_id=UNSET) -> ScoreDeduction:
    """A 偏离度 deduction from a line flagged over-achieved (DOMAIN §4): at most its 得分, with a reason.

    Recorded by a reviewer of the department (or an admin), dated today within the year; a later one corrects it,
    and 0 withdraws it.
    """
    indicator = Indicator.objects.select_related("project").get(pk=indicator.pk)
    if not may_deduct(user, indicator.project.department_id):
        raise DomainError(DEDUCTION_ONLY)
    project = _lock(indicator.project)
    as_of = default_as_of(project.year)
    line = next(i for i in evaluate_project(project=project, as_of=as_of).indicators if i.indicator.pk == indicator.pk)
    if rules.Flag.OVER_ACHIEVEMENT not in line.score.flags:
        raise DomainError("该指标未标记“超额较多”，不能记录偏离度扣分。", field="points")
    earned = line.score.points + line.deducted  # before any deduction
    if points is None:
        raise DomainError("请填写扣分。", field="points")
    if not points.is_finite() or abs(points) >= MAX_POINTS or points != points.quantize(Decimal("0.01")):
        raise DomainError("扣分应为最多 2 位小数的分数。", field="points")
    if points < 0:
        raise DomainError("扣分不能为负数。", field="points")
    if points > earned:
        raise DomainError(f"扣分不能超过该指标的得分 {rules.format_number(earned)} 分。", field="points")
    reason = reason.strip()
    if not reason:
        raise DomainError("请填写扣分原因。", field="reason")
    check_length(reason, field="reason", label="扣分原因", key="line_text")
    rows = list(ScoreDeduction.objects.filter(indicator=indicator).select_related("entered_by"))
    current = standing_rows(rows, key=lambda row: 0).get(0)
    if expected_current_id is not UNSET and (current.id if current else None) != expected_current_id:
        raise ConflictError("保存前已有人修改了该指标的扣分：请核对后重新提交。", field="points", other=current)
    if current is None and points == 0:
        raise DomainError("扣分应大于 0。", field="points")
    return append_row(ScoreDeduction, indicator=indicator, as_of=as_of, points=points, reason=reason,
                      corrects=current, entered_by=user)


# --- The self-evaluation page: every changed text at once, all or nothing --------------------------------------


class PageErrors(DomainError):
    """Some texts were refused and nothing was saved; `errors` is keyed `<part>-<field>` (`line-12-text`).

    `conflicts` maps a part to the row someone else saved since the page was loaded.
    """

    def __init__(self, errors: dict[str, list[str]], conflicts: dict[str, object]):
        super().__init__(errors)
        self.conflicts = conflicts
        if conflicts:
            self.status = ConflictError.status


def _collect(errors: dict[str, list[str]], part: str, exc: DomainError) -> None:
    for name, messages in exc.errors.items():
        errors.setdefault(f"{part}-{name}" if name else part, []).extend(messages)


@writes_projects
def save_self_evaluation(*, project: Project, user, writes: list[tuple[str, object, dict]]) -> int:
    """Calls each write `(part, service, kwargs)` of the page; returns how many rows were appended.

    Every write is tried so that all refusals show at once beside their fields; if any is refused, nothing is saved
    (PageErrors).
    """
    errors: dict[str, list[str]] = {}
    conflicts: dict[str, object] = {}
    created = 0
    project = Project.objects.select_for_update().get(pk=project.pk)
    with checked_once(project, refuse_as=PageErrors):  # once for the page, not on every text
        for part, service, kwargs in writes:
            try:
                created += service(user=user, **kwargs).created  # each service is its own savepoint
            except DomainError as exc:
                _collect(errors, part, exc)
                if isinstance(exc, ConflictError):
                    conflicts[part] = exc.other
    if errors:
        raise PageErrors(errors, conflicts)
    return created
