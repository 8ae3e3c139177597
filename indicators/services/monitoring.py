"""The write path for monitoring notes (DOMAIN §5, §6): validate, lock, check for conflicts, append.

A note belongs to an indicator, or to a project's budget line (`indicator` None), and an as-of date. Locking,
the stale-page check and corrections are the reports' own (services.common), so the two ledgers behave alike.
"""
import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from core.limits import length_errors, length_refusal
from core.errors import ConflictError, DomainError
from indicators import rules
from indicators.models import DeviationReason, Likelihood, MonitoringNote
from indicators.services.common import (
    UNSET,
    append_row,
    check_as_of,
    check_writer,
    resolve_correction,
    row_fields,
)
from indicators.services.reports import MAX_AMOUNT, MAX_VALUE, check_bounded_rate, check_spending
from projects.in_force import indicator_adjustments_in_force, target_in_force
from projects.models import Indicator, Project
from projects.review_lock import checked_once, ensure_unlocked
from projects.written import project_writes, writes_projects

BUDGET_LINE = "budget"
REASON_LABELS = dict(DeviationReason.choices)
LIKELIHOOD_LABELS = dict(Likelihood.choices)
# What callers may send: the stored code or the label printed on the 监控表.
_REASONS_BY_NAME = {**{code: code for code in DeviationReason.values}, **{v: k for k, v in REASON_LABELS.items()}}
_LIKELIHOOD_BY_NAME = {**{code: code for code in Likelihood.values}, **{v: k for k, v in LIKELIHOOD_LABELS.items()}}
NEEDS_MEASURES = (Likelihood.POSSIBLE, Likelihood.IMPOSSIBLE)


def line_key(indicator_id: int | None) -> str:
    """The name of a line on forms and in error keys: 'budget' or 'ind-<id>'."""
    return BUDGET_LINE if indicator_id is None else f"ind-{indicator_id}"


def normalize_reasons(reasons: Iterable[str] | None) -> list[str]:
    """Codes of the 偏差原因 given by code or label, in the order of the five; DomainError for any other."""
    if isinstance(reasons, str):
        reasons = [reasons]
    codes = set()
    for reason in reasons or []:
        name = str(reason).strip()
        if not name:
            continue
        code = _REASONS_BY_NAME.get(name)
        if code is None:
            raise DomainError(
                f"未知的偏差原因：'{name}'（应为 {'、'.join(REASON_LABELS.values())} 之一）", field="reasons"
            )
        codes.add(code)
    return [code for code in DeviationReason.values if code in codes]


def normalize_likelihood(likelihood: str | None) -> str:
    name = (likelihood or "").strip()
    if not name:
        return ""
    code = _LIKELIHOOD_BY_NAME.get(name)
    if code is None:
        raise DomainError(
            f"未知的完成目标可能性：'{name}'（应为 {'、'.join(LIKELIHOOD_LABELS.values())} 之一）", field="likelihood"
        )
    return code


def reasons_text(note: MonitoringNote) -> str:
    """经费保障、其他（场地未落实）"""
    labels = [REASON_LABELS[code] for code in note.reasons]
    if note.reason_other and note.reason_other_text:
        labels[-1] = f"{labels[-1]}（{note.reason_other_text}）"
    return "、".join(labels)


def describe_note(row: MonitoringNote | None) -> str:
    if row is None:
        return "（无）"
    parts = []
    if row.forecast is not None:
        parts.append(f"预计 {rules.format_plain(row.forecast)}")
    if row.reasons:
        parts.append(f"偏差原因 {reasons_text(row)}")
    if row.likelihood:
        parts.append(LIKELIHOOD_LABELS[row.likelihood])
    if row.measures:
        measures = row.measures if len(row.measures) <= 30 else row.measures[:29] + "…"
        parts.append(f"改进措施「{measures}」")
    who = row.entered_by.get_full_name() or row.entered_by.username
    when = timezone.localtime(row.entered_at)
    return f"{'；'.join(parts) or '（空白说明）'}（截至 {row.as_of:%Y-%m-%d}，{who} 于 {when:%Y-%m-%d %H:%M} 填报）"


def clean_note_fields(*, reasons, reason_other: str, likelihood: str, measures: str) -> tuple[list[str], str, str, str]:
    """The rules of a note's words (DOMAIN §5), every refusal at once; the page's form asks them too.

    Returns (reason codes, 其他 text, likelihood code, measures). A text for 其他 means 其他 is ticked.
    """
    errors: dict[str, list[str]] = {}
    codes: list[str] = []
    likelihood_code = ""
    try:
        codes = normalize_reasons(reasons)
    except DomainError as exc:
        errors.update(exc.errors)
    other_text = (reason_other or "").strip()
    if other_text and DeviationReason.OTHER not in codes:
        codes.append(DeviationReason.OTHER.value)
    if DeviationReason.OTHER in codes and not other_text:
        errors["reason_other"] = ["勾选「其他」时请写明具体原因。"]
    elif too_long := length_refusal(other_text, key="reason_other", label="其他原因"):
        errors["reason_other"] = [too_long]
    try:
        likelihood_code = normalize_likelihood(likelihood)
    except DomainError as exc:
        errors.update(exc.errors)
    measures = (measures or "").strip()
    if likelihood_code in NEEDS_MEASURES and not measures:
        errors["measures"] = [f"完成目标可能性为「{LIKELIHOOD_LABELS[likelihood_code]}」时请填写改进措施。"]
    if errors:
        raise DomainError(errors)
    return codes, other_text, likelihood_code, measures


def _check_forecast(forecast, *, indicator: Indicator | None, as_of: datetime.date, adjustment=UNSET):
    """The forecast in the line's unit: 万元 with 2 places for the budget line, the indicator's unit otherwise."""
    if forecast is None:
        return None
    if isinstance(forecast, int) and not isinstance(forecast, bool):
        forecast = Decimal(forecast)
    if not isinstance(forecast, Decimal):
        raise DomainError(f"全年预计完成值应为数字：'{forecast}'", field="forecast")
    if indicator is None:
        if not forecast.is_finite() or abs(forecast) >= MAX_AMOUNT or forecast != forecast.quantize(Decimal("0.01")):
            raise DomainError(f"金额超出范围（万元，最多 2 位小数）：{forecast}", field="forecast")
        if forecast < 0:
            raise DomainError("全年预计执行数不能为负数。", field="forecast")
        return forecast
    if adjustment is UNSET:
        adjustment = indicator_adjustments_in_force(indicator_ids=[indicator.pk], as_of=as_of).get(indicator.pk)
    target = target_in_force(indicator, adjustment)
    if rules.is_qualitative(target.operator):
        raise DomainError("定性指标按完成档次评价，全年预计完成值请留空（可在改进措施中说明）。", field="forecast")
    if not forecast.is_finite() or abs(forecast) >= MAX_VALUE or forecast != forecast.quantize(Decimal("0.0001")):
        raise DomainError(f"数值超出范围（最多 16 位整数、4 位小数）：{forecast}", field="forecast")
    if forecast < 0 and not rules.allows_negative(name=indicator.name, unit=target.unit):
        raise DomainError("全年预计完成值不能为负数（只有下降率、增长率、节约率可以为负）。", field="forecast")
    return forecast


def _check_forecast_sense(forecast, *, project: Project, indicator: Indicator | None, as_of: datetime.date,
                          measures: str, adjustment=UNSET) -> None:
    """DOMAIN §3 on forecasts: a bounded rate stays within 100; the budget line's 全年预计执行数 is not 元 typed for
    万元, and over the budget it needs its 超支说明, which a note gives as its 改进措施."""
    if forecast is None:
        return
    if indicator is not None:
        check_bounded_rate(indicator, forecast, as_of, field="forecast", adjustment=adjustment)
        return
    check_spending(project, forecast, as_of, over_budget_reason=measures, field="forecast", reason_field="measures",
                   what="全年预计执行数", adjustment=adjustment)


def _is_blank(*, forecast, reasons, likelihood, measures) -> bool:
    return forecast is None and not reasons and not likelihood and not measures


@writes_projects
def record_monitoring_note(
    *,
    project: Project,
    indicator: Indicator | None = None,
    user,
    as_of: datetime.date,
    forecast: Decimal | None,
    reasons: Iterable[str] | None,
    reason_other: str = "",
    likelihood: str = "",
    measures: str = "",
    note: str = "",
    corrects: MonitoringNote | int | None = None,
    reason: str = "",
    expected_current_id=UNSET,
) -> MonitoringNote:
    """Appends one 监控说明 to the ledger; refuses bad input, stale pages and unexplained corrections.

    A text for 其他 means 其他 is ticked; 其他 ticked needs its text; 有可能 / 完全不可能 need 改进措施.
    """
    if indicator is not None:
        indicator = Indicator.objects.select_for_update().select_related("project").get(pk=indicator.pk)
        if indicator.project_id != project.pk:
            raise DomainError("该指标不属于此项目。")
        project = indicator.project
    else:
        project = Project.objects.select_for_update().get(pk=project.pk)
    check_writer(user, project.department_id)
    ensure_unlocked(project)
    check_as_of(as_of, project.year)  # before the rows are read, as the batch does
    rows = list(
        MonitoringNote.objects.filter(project=project, indicator=indicator).select_related("entered_by")
    )
    row, target = checked_note(
        project=project, indicator=indicator, user=user, as_of=as_of, forecast=forecast, reasons=reasons,
        reason_other=reason_other, likelihood=likelihood, measures=measures, note=note, corrects=corrects,
        reason=reason, expected_current_id=expected_current_id, rows=rows,
    )
    return append_row(MonitoringNote, **row_fields(row), corrects=target)


def checked_note(
    *, project: Project, indicator: Indicator | None, user, as_of: datetime.date, forecast, reasons, reason_other: str,
    likelihood: str, measures: str, note: str, corrects, reason: str, expected_current_id, rows: list,
    adjustment=UNSET,
) -> tuple[MonitoringNote, MonitoringNote | None]:
    """The rules of one note against its line's rows as read under the project's lock: the note to append (not
    saved) and the note it corrects. `adjustment`: the target's (or, for the budget line, the budget's) adjustment
    in force at `as_of`, when the caller has read it. Who writes and the lock are the caller's checks."""
    check_as_of(as_of, project.year)
    # Every refusal of the line at once, the texts' lengths (core/limits.py, whatever the door) among them.
    errors = length_errors(("measures", "measures", "改进措施", (measures or "").strip()),
                           ("note", "note", "说明", (note or "").strip()),
                           ("reason", "correction_reason", "更正原因", (reason or "").strip()))
    try:
        codes, other_text, likelihood, measures = clean_note_fields(
            reasons=reasons, reason_other=reason_other, likelihood=likelihood, measures=measures
        )
    except DomainError as exc:
        errors.update(exc.errors)
    try:
        forecast = _check_forecast(forecast, indicator=indicator, as_of=as_of, adjustment=adjustment)
        _check_forecast_sense(forecast, project=project, indicator=indicator, as_of=as_of,
                              measures="" if "measures" in errors else measures, adjustment=adjustment)
    except DomainError as exc:
        errors = {**exc.errors, **errors}  # a field's first refusal stands (an over-long 改进措施 is not "missing")
    if errors:
        raise DomainError(errors)  # every refusal of the line at once
    if not rows and _is_blank(forecast=forecast, reasons=codes, likelihood=likelihood, measures=measures):
        raise DomainError("请至少填写全年预计完成值、偏差原因、完成目标可能性或改进措施中的一项。")
    target = resolve_correction(
        rows=rows, as_of=as_of, corrects=corrects, reason=reason,
        expected_current_id=expected_current_id, describe=describe_note, value_field="",
    )
    flags = {name: code in codes for code, name in MonitoringNote.REASON_FIELDS.items()}
    row = MonitoringNote(
        project=project, indicator=indicator, as_of=as_of, forecast=forecast, **flags,
        reason_other_text=other_text, likelihood=likelihood, measures=measures, note=(note or "").strip(),
        reason=reason.strip() if target else "", entered_by=user,
    )
    return row, target


@dataclass(frozen=True)
class NoteInput:
    """One changed line of a 监控表 as typed (reasons as codes or labels)."""

    indicator: Indicator | None  # None: the budget line
    forecast: Decimal | None = None
    reasons: tuple[str, ...] = ()
    reason_other: str = ""
    likelihood: str = ""
    measures: str = ""
    reason: str = ""  # 更正原因
    expected_current_id: object = UNSET  # the current note the clerk saw; None: there was none

    @property
    def key(self) -> str:
        return line_key(self.indicator.pk if self.indicator else None)


class MonitoringErrors(DomainError):
    """Some lines were refused and nothing was saved. `errors` is keyed `<line>-<field>`, `<line>` for the line as
    a whole, 'as_of' for the date; `conflicts` maps a line to the note someone else saved since the page loaded."""

    def __init__(self, errors: dict[str, list[str]], conflicts: dict[str, MonitoringNote]):
        super().__init__(errors)
        self.conflicts = conflicts
        if conflicts:
            self.status = ConflictError.status


@dataclass
class _Collected:
    errors: dict[str, list[str]] = field(default_factory=dict)
    conflicts: dict[str, MonitoringNote] = field(default_factory=dict)

    def add(self, line: str, exc: DomainError) -> None:
        for name, messages in exc.errors.items():
            # The date is the whole form's: one message, not one per line.
            key = "as_of" if name == "as_of" else f"{line}-{name}" if name else line
            for message in messages:
                if message not in self.errors.setdefault(key, []):
                    self.errors[key].append(message)
        if isinstance(exc, ConflictError) and exc.other is not None:
            self.conflicts[line] = exc.other


def save_monitoring_form(
    *, project: Project, user, as_of: datetime.date, lines: Sequence[NoteInput]
) -> list[MonitoringNote]:
    """Appends one note per changed line of a project's 监控表, in one transaction.

    Every line is tried, so that all refusals show at once next to their fields; if any is refused, nothing is
    saved (MonitoringErrors).
    """
    from indicators.services.note_batch import NoteBatch  # it builds on this module's checked_note

    collected = _Collected()
    saved: list[MonitoringNote] = []
    with project_writes():
        # One lock for the whole sheet, so that two clerks' saves of the same project run one after the other.
        project = Project.objects.select_for_update().get(pk=project.pk)
        check_writer(user, project.department_id)
        with checked_once(project, refuse_as=MonitoringErrors):  # once for the sheet, not on every line
            batch = NoteBatch(user=user, projects=[project])  # the notes read once, inserted together
            for line in lines:
                try:
                    saved.append(batch.note(
                        project_id=project.pk, indicator=line.indicator, as_of=as_of, forecast=line.forecast,
                        reasons=line.reasons, reason_other=line.reason_other, likelihood=line.likelihood,
                        measures=line.measures, reason=line.reason, expected_current_id=line.expected_current_id,
                    ))
                except DomainError as exc:  # nothing of a refused line is kept: the other lines are still checked
                    collected.add(line.key, exc)
            if collected.errors:
                raise MonitoringErrors(collected.errors, collected.conflicts)  # nothing was inserted
            batch.save()
    return saved
