"""A parsed table → the database: plan every change first (nothing written), then apply the plan atomically."""
import datetime
import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.errors import DomainError
from projects.choices import AdjustmentState
from projects.importing.classes import with_framework
from projects.importing.table import ParsedIndicator, ParsedProject, ParsedTable
from projects.in_force import (
    budget_adjustments_in_force,
    budget_in_force,
    indicator_adjustments_in_force,
    target_in_force,
)
from projects.ledger_presence import any_reports
from projects.models import BudgetAdjustment, Department, Indicator, IndicatorAdjustment, Project
from projects.services.published import published_change_refusal
from projects.review_lock import ensure_all_unlocked
from projects.selectors.review_locks import locked_refusals
from projects.written import mark_written, project_writes

CHANGE_REASON = "导入项目绩效目标汇总表"
CLOSING_REASON = "项目撤销（已不在汇总表中）："
PROJECT_FIELDS = {
    "name": "项目名称", "overview": "项目概况", "budget": "预算金额", "own_level": "本级支出",
    "transfer": "转移支付支出", "annual_goal": "年度绩效目标", "livelihood_standard": "重大民生标准",
    "code": "项目代码",
}
INDICATOR_FIELDS = {
    "name": "指标名称", "operator": "运算符", "target_text": "年度目标值", "target_value": "目标数值", "unit": "单位",
    "points": "分值",
}
# Once the year has a report, these become approved adjustments instead of in-place edits (DOMAIN §8).
BUDGET_FIELDS = ("budget", "own_level", "transfer")
TARGET_FIELDS = ("operator", "target_text", "target_value", "unit")
CLASS_SOURCES = ("name", "operator", "unit")  # classes and basis are re-inferred only when one of these changed
INFERRED_FIELDS = {"level1": "一级指标", "level2": "二级指标", "basis": "监控口径", "classes_inferred": "分类为推断"}
# Projects inserted per step of a write (with their indicators), so a large table's write can say how far it is; the
# seed's table (15 projects) is still one step, the same queries as one bulk insert.
WRITE_CHUNK = 100


class ImportRefused(DomainError):
    """The table is valid but cannot be applied as it stands; `changes` lists what is in the way."""

    status = 409

    def __init__(self, message: str, changes: list[str]):
        self.changes = changes
        super().__init__({"": [message, *changes]})


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    old: object
    new: object

    def __str__(self) -> str:
        return f"{self.label}：{_shown(self.old)} → {_shown(self.new)}"


@dataclass
class Line:
    """One project or indicator of the table and what importing it does."""

    what: str
    seq: int  # the project's 序号
    parsed: ParsedProject | ParsedIndicator
    existing: Project | Indicator | None
    changes: list[Change] = field(default_factory=list)  # written in place
    adjusted: list[Change] = field(default_factory=list)  # become one approved adjustment
    in_force: object = None  # TargetInForce / BudgetInForce the adjustment starts from

    def listed(self, changes: list[Change], suffix: str = "") -> list[str]:
        """`项目 2 指标 2「…」 年度目标值：95 → 98`, one per change (the number is shown only without its text)."""
        texts = {change.field for change in changes}
        return [f"{self.what} {change}{suffix}" for change in changes
                if not (change.field == "target_value" and "target_text" in texts)]

    @property
    def status(self) -> str:
        return "create" if self.existing is None else "update" if self.changes or self.adjusted else "unchanged"


@dataclass
class ImportPlan:
    department: Department | None  # None: created on apply
    department_name: str
    year: int
    has_reports: bool
    projects: list[Line]
    indicators: list[Line]
    deleted_indicators: list[Indicator]
    deleted_projects: list[Project]
    refusals: list[str]
    # Projects of a reported year that left the table: closed by an adjustment of their budget to 0, never deleted.
    closed_projects: list[Line] = field(default_factory=list)
    # Printed classes the year's framework does not have (DOMAIN §10), each by row and column.
    class_refusals: list[str] = field(default_factory=list)

    def count(self, lines: str, status: str) -> int:
        return sum(line.status == status for line in getattr(self, lines))

    def change_list(self) -> list[str]:
        lines = self.projects + self.indicators
        listed = [text for line in lines for text in line.listed(line.changes) + line.listed(line.adjusted, "（调整）")]
        listed += [f"删除 {_indicator_what(i.project, i)}" for i in self.deleted_indicators]
        listed += [text for line in self.closed_projects for text in line.listed(line.adjusted, "（撤销项目）")]
        return listed + [f"删除 {_project_what(p)}" for p in self.deleted_projects]

    def touched_project_ids(self) -> set[int]:
        """The existing projects the plan changes: their own fields, their indicators', their removal or closing."""
        ids = {line.existing.pk for line in self.projects if line.existing is not None and line.status == "update"}
        ids |= {line.existing.project_id for line in self.indicators
                if line.existing is not None and line.status == "update"}
        by_seq = {line.seq: line.existing for line in self.projects if line.existing is not None}
        ids |= {by_seq[line.seq].pk for line in self.indicators if line.existing is None and line.seq in by_seq}
        ids |= {i.project_id for i in self.deleted_indicators} | {p.pk for p in self.deleted_projects}
        return ids | {line.existing.pk for line in self.closed_projects}  # closing adjusts its budget to 0

    @property
    def adjustments(self) -> list[Line]:
        return [line for line in self.projects + self.indicators + self.closed_projects if line.adjusted]

    def digest(self) -> str:
        """Names what applying the plan would do: equal digests, equal imports (the page's preview → confirm)."""
        shown = [[line.what, line.status, *map(str, line.changes), *map(str, line.adjusted)]
                 for line in self.projects + self.indicators]
        shown.append(self.change_list())
        shown.append(self.refusals)
        return hashlib.sha256(json.dumps(shown, ensure_ascii=False).encode()).hexdigest()


class PlanChanged(DomainError):
    """What the table would change is no longer what was previewed (someone changed the data meanwhile)."""

    status = 409

    def __init__(self, plan: ImportPlan):
        self.plan = plan
        super().__init__("自预览以来数据已有变化，未作任何改动：请核对新的预览后再确认。")


def find_department(name_or_code: str, *, lock: bool = False) -> Department | None:
    """The department of that name, else of that code."""
    departments = Department.objects.select_for_update() if lock else Department.objects
    found = list(departments.filter(Q(name=name_or_code) | Q(code=name_or_code)))
    return next((d for d in found if d.name == name_or_code), found[0] if found else None)


def plan_import(table: ParsedTable, *, department: Department | str, year: int) -> ImportPlan:
    """What importing `table` would change (reads only): one query per table, plus some for removals."""
    department_obj = department if isinstance(department, Department) else None
    table, class_refusals = with_framework(table, year=year)  # the year's 指标体系 (DOMAIN §10)
    found = Project.objects.filter(department=department_obj, year=year) if department_obj else []
    projects = {p.seq: p for p in found}
    by_id = {p.id: p for p in projects.values()}
    indicators = {}
    for indicator in Indicator.objects.filter(project__in=by_id) if by_id else []:
        indicator.project = by_id[indicator.project_id]  # for messages, without a query each
        indicators[(indicator.project_id, indicator.order)] = indicator
    has_reports = bool(projects) and any_reports([p.pk for p in projects.values()])
    targets, budgets = {}, {}
    if has_reports:  # the table is then compared with what is in force, so a re-import adjusts nothing twice
        latest = datetime.date.max
        targets = indicator_adjustments_in_force(indicator_ids=[i.id for i in indicators.values()], as_of=latest)
        budgets = budget_adjustments_in_force(project_ids=list(by_id), as_of=latest)
    plan = ImportPlan(department_obj, str(department), year, has_reports, [], [], [], [], [])
    for parsed in table.projects:
        project = projects.pop(parsed.seq, None)
        in_force = budget_in_force(project, budgets.get(project.id)) if has_reports and project else None
        plan.projects.append(_line(Line(_project_what(parsed), parsed.seq, parsed, project, in_force=in_force)))
        for indicator_parsed in parsed.indicators:
            indicator = indicators.pop((project.id, indicator_parsed.order), None) if project else None
            in_force = target_in_force(indicator, targets.get(indicator.id)) if has_reports and indicator else None
            what = _indicator_what(parsed, indicator_parsed)
            plan.indicators.append(_line(Line(what, parsed.seq, indicator_parsed, indicator, in_force=in_force)))
    plan.deleted_projects = sorted(projects.values(), key=lambda p: p.seq)
    gone = {p.id for p in plan.deleted_projects}
    plan.deleted_indicators = sorted((i for i in indicators.values() if i.project_id not in gone), key=lambda i: i.pk)
    # In a reported year a project that left the table is closed, not deleted: its adjustments stay with it.
    plan.refusals, recorded = _attached(plan.deleted_indicators, plan.deleted_projects, closing=has_reports)
    if has_reports:
        _keep_the_reported_year(plan, budgets, recorded)
    plan.class_refusals = class_refusals
    return plan


def _keep_the_reported_year(plan: ImportPlan, budgets: dict, recorded: set[int]) -> None:
    """In a reported year no project or indicator is added or deleted (DOMAIN §8, projects.services.published):
    rows the table adds or drops are refused, except a project without records that left it, which is closed."""
    for line in plan.indicators:
        if line.existing is None and (project := next(
                (p.existing for p in plan.projects if p.seq == line.seq and p.existing is not None), None)):
            refusal = published_change_refusal(before=None, after=Indicator(project=project))
            plan.refusals.append(f"{line.what}：{refusal}")
    # Explicit 分值 foot to 100.00 only as a whole project, so once reported they change by a 分值 adjustment proposed
    # and approved for the whole project (projects/services/points_adjustments.py); the import refuses them and says so.
    plan.refusals += [f"{line.what}：{published_change_refusal(before=line.existing, after=_with_points(line))}"
                      for line in plan.indicators if any(change.field == "points" for change in line.changes)]
    for line in plan.projects:
        if line.existing is None:
            new = Project(department=plan.department, year=plan.year)
            plan.refusals.append(f"{line.what}：{published_change_refusal(before=None, after=new)}")
    plan.refusals += [f"{_indicator_what(i.project, i)}：{published_change_refusal(before=i, after=None)}"
                      for i in plan.deleted_indicators]
    for project in [p for p in plan.deleted_projects if p.id not in recorded]:
        in_force = budget_in_force(project, budgets.get(project.id))
        line = Line(_project_what(project), project.seq, None, project, in_force=in_force)
        line.adjusted = [Change(name, PROJECT_FIELDS[name], getattr(in_force, name), Decimal("0.00"))
                         for name in BUDGET_FIELDS if getattr(in_force, name) != 0]
        if line.adjusted:  # none when its budget is already 0: closed before, nothing to do
            plan.closed_projects.append(line)
    plan.deleted_projects = [p for p in plan.deleted_projects if p.id in recorded]


def _with_points(line: Line) -> Indicator:
    after = Indicator(pk=line.existing.pk, project=line.existing.project)
    for name in INDICATOR_FIELDS:
        setattr(after, name, getattr(line.existing, name))
    after.points = line.parsed.points
    return after


def _line(line: Line) -> Line:
    """Fills in the line's changes: adjustable ones (when compared with what is in force) apart."""
    parsed, existing, in_force = line.parsed, line.existing, line.in_force
    if existing is None:
        return line
    is_indicator = isinstance(parsed, ParsedIndicator)
    labels, adjustable = (INDICATOR_FIELDS, TARGET_FIELDS) if is_indicator else (PROJECT_FIELDS, BUDGET_FIELDS)
    for name, label in labels.items():
        new = getattr(parsed, name)
        if new is None and name not in TARGET_FIELDS:
            continue  # an optional column the table does not have
        if in_force is not None and name in adjustable:
            if getattr(in_force, name) != new:
                line.adjusted.append(Change(name, label, getattr(in_force, name), new))
        elif getattr(existing, name) != new:
            line.changes.append(Change(name, label, getattr(existing, name), new))
    if is_indicator and any(c.field in CLASS_SOURCES for c in line.changes + line.adjusted):
        for name, label in INFERRED_FIELDS.items():
            if getattr(existing, name) != getattr(parsed, name):
                line.changes.append(Change(name, label, getattr(existing, name), getattr(parsed, name)))
    return line


# What may be recorded against a row that left the table: (what it is called, the relation from the row to it).
# Relations by name: the ledgers are the judging side's models, and this side of the code never imports them.
INDICATOR_RECORDS = [("填报记录", "reports"), ("监控说明", "monitoring_notes"), ("调整记录", "adjustments")]
PROJECT_RECORDS = [
    ("支出填报", "expenditures"), ("指标填报", "indicators__reports"), ("监控说明", "monitoring_notes"),
    ("调整记录", "budget_adjustments"), ("调整记录", "indicators__adjustments"),
]


def _attached(indicators: list[Indicator], projects: list[Project], *, closing: bool = False
              ) -> tuple[list[str], set[int]]:
    """Why rows that left the table cannot be deleted: anything recorded against them is kept (DOMAIN §6); and the
    ids of the projects that hold records."""
    refusals, recorded = [], set()
    for model, rows, records, describe, keep in (
        (Indicator, indicators, INDICATOR_RECORDS, lambda i: _indicator_what(i.project, i), "请在表中保留该指标"),
        (Project, projects, [r for r in PROJECT_RECORDS if not (closing and r[0] == "调整记录")], _project_what,
         "请在表中保留该项目"),
    ):
        for kind, relation in records if rows else []:
            held = set(
                model.objects.filter(id__in=[r.id for r in rows], **{f"{relation}__isnull": False})
                .values_list("id", flat=True)
            )
            refusals += [f"{describe(r)}已有{kind}，不能删除：{keep}" for r in rows if r.id in held]
            recorded |= held if model is Project else set()
    return list(dict.fromkeys(refusals)), recorded


def check_plan(plan: ImportPlan, *, user=None, reason: str | None = None) -> None:
    """Raises ImportRefused when the plan may not be applied as asked (the dry run shows the same refusal)."""
    if plan.class_refusals:
        raise ImportRefused("导入被拒绝：以下指标的一级、二级指标不属于本年度评分规则的指标体系，未作任何改动。",
                            plan.class_refusals)
    if plan.refusals:
        raise ImportRefused("导入被拒绝：以下项目或指标不能按表新增或删除，未作任何改动。", plan.refusals)
    if plan.adjustments and not (reason or "").strip():
        raise ImportRefused(
            "本年度已有填报记录，以下变更须作为调整记录导入：请注明调整原因（--reason），未作任何改动。",
            [text for line in plan.adjustments for text in line.listed(line.adjusted)],
        )
    if plan.adjustments and user is None:
        raise ImportRefused("本年度已有填报记录，调整须注明操作人（--user），未作任何改动。", [])


LOCKED_REFUSAL = (
    "导入被拒绝：表中修改了以下项目，而它们的年终自评已送审或已审核，未作任何改动。"
    "须先由审核人员退回这些项目的自评（已审核的由管理员撤销审核），或在表中保留它们现有的内容，再重新上传。"
)


def check_unlocked(plan: ImportPlan) -> None:
    """The dry run's word for what applying would refuse by the review lock (DOMAIN §9): the projects the plan
    changes (`touched_project_ids`, as `apply_plan` locks them) that are 已送审 or 已审核. Reads only: no row lock,
    nothing marked as written; `apply_plan`'s own check refuses a project submitted after the dry run."""
    refusals = locked_refusals(plan.touched_project_ids())
    if refusals:
        raise ImportRefused(LOCKED_REFUSAL, refusals)


def apply_plan(plan: ImportPlan, *, user=None, reason: str | None = None,
               effective: datetime.date | None = None, progress=None) -> ImportPlan:
    """Writes the plan in one transaction: creations, in-place edits, deletions and approved adjustments.

    `progress(done, total)` is called before each `WRITE_CHUNK` of the table's projects has its new rows inserted
    (a terminal's progress line); the caller says when all is written, the stored results and keys included."""
    check_plan(plan, user=user, reason=reason)
    now = timezone.now()
    history = {"default_user": user, "default_change_reason": (reason or CHANGE_REASON)[:100]}
    with project_writes():
        ensure_all_unlocked(plan.touched_project_ids())  # a project 已送审 or 已审核 takes no change (DOMAIN §9)
        department = plan.department or _create_department(plan.department_name)
        plan.department = department
        for project in plan.deleted_projects:
            project.delete()  # its indicators go with it (checked above: nothing recorded against them)
        Indicator.objects.filter(id__in=[i.id for i in plan.deleted_indicators]).delete()
        by_seq = {line.existing.seq: line.existing for line in plan.projects if line.existing is not None}
        new_lines = {}
        for line in plan.indicators:
            if line.existing is None:
                new_lines.setdefault(line.seq, []).append(line)
        for start in range(0, len(plan.projects), WRITE_CHUNK):
            if progress is not None:
                progress(start, len(plan.projects))
            _create(plan.projects[start:start + WRITE_CHUNK], new_lines, by_seq, department, plan.year, history)
        _update(plan.projects, Project, history)
        _update(plan.indicators, Indicator, history)
        decided = {"reason": reason or "", "effective_date": effective or timezone.localdate(),
                   "state": AdjustmentState.APPROVED, "proposed_by": user, "proposed_at": now,
                   "decided_by": user, "decided_at": now}
        IndicatorAdjustment.objects.bulk_create([
            _indicator_adjustment(line, decided) for line in plan.adjustments if isinstance(line.existing, Indicator)
        ])
        BudgetAdjustment.objects.bulk_create([
            _budget_adjustment(line, decided) for line in plan.adjustments
            if isinstance(line.existing, Project) and line not in plan.closed_projects
        ] + [_closing_adjustment(line, decided) for line in plan.closed_projects if line.adjusted])
    return plan


def _create(lines: list[Line], new_lines: dict[int, list[Line]], by_seq: dict[int, Project], department: Department,
            year: int, history: dict) -> None:
    """Inserts the new projects of `lines` and the new indicators of their projects (new or not), with history."""
    created = [Project(department=department, year=year, **_values(line.parsed, PROJECT_FIELDS), seq=line.parsed.seq)
               for line in lines if line.existing is None]
    if created:
        bulk_create_with_history(created, Project, **history)
        mark_written(p.pk for p in created)  # new projects get their stored results too
        by_seq.update((p.seq, p) for p in created)
    new_indicators = [
        Indicator(project=by_seq[line.seq], order=line.parsed.order, **_values(line.parsed, INDICATOR_FIELDS),
                  **{name: getattr(line.parsed, name) for name in INFERRED_FIELDS})
        for project_line in lines for line in new_lines.get(project_line.seq, [])
    ]
    if new_indicators:
        bulk_create_with_history(new_indicators, Indicator, **history)


def _update(lines: list[Line], model, history: dict) -> None:
    changed = [line for line in lines if line.existing is not None and line.changes]
    for line in changed:
        for change in line.changes:
            setattr(line.existing, change.field, change.new)
    fields = sorted({change.field for line in changed for change in line.changes})
    if changed:
        bulk_update_with_history([line.existing for line in changed], model, fields, **history)


def _indicator_adjustment(line: Line, decided: dict) -> IndicatorAdjustment:
    old, new = line.in_force, line.parsed
    return IndicatorAdjustment(
        indicator=line.existing, old_operator=old.operator, old_target_text=old.target_text,
        old_target_value=old.target_value, old_unit=old.unit, old_weight=old.weight, new_operator=new.operator,
        new_target_text=new.target_text, new_target_value=new.target_value, new_unit=new.unit,
        new_weight=old.weight, **decided,
    )


def _budget_adjustment(line: Line, decided: dict) -> BudgetAdjustment:
    old, new = line.in_force, line.parsed
    return BudgetAdjustment(
        project=line.existing, old_budget=old.budget, old_own_level=old.own_level, old_transfer=old.transfer,
        new_budget=new.budget, new_own_level=new.own_level, new_transfer=new.transfer, **decided,
    )


def _closing_adjustment(line: Line, decided: dict) -> BudgetAdjustment:
    old, zero = line.in_force, Decimal("0.00")
    return BudgetAdjustment(
        project=line.existing, old_budget=old.budget, old_own_level=old.own_level, old_transfer=old.transfer,
        new_budget=zero, new_own_level=zero, new_transfer=zero, **(decided | {"reason": CLOSING_REASON + decided["reason"]}),
    )


def _values(parsed, labels: dict) -> dict:
    return {name: "" if getattr(parsed, name) is None and name not in (*TARGET_FIELDS, "points")
            else getattr(parsed, name) for name in labels}


def _create_department(name: str) -> Department:
    base = (slugify(name, allow_unicode=True) or name)[:50]
    code, suffix = base, 1
    while Department.objects.filter(code=code).exists():
        suffix += 1
        code = f"{base[:45]}-{suffix}"
    return Department.objects.create(name=name, code=code)


def _project_what(project) -> str:
    return f"项目 {project.seq}「{project.name}」"


def _indicator_what(project, indicator) -> str:
    return f"项目 {project.seq} 指标 {indicator.order}「{indicator.name}」"


def _shown(value) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, Decimal):
        return f"{value:.2f}" if value.as_tuple().exponent == -2 else f"{value.normalize():f}"
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"
