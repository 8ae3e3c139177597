"""The read path: a department-year evaluated as of a date, in a fixed number of queries.

Queries, whatever the number of projects: the year's rule profile (none when the request has read it already),
projects, indicators, indicator reports, expenditures, monitoring notes, indicator adjustments, budget
adjustments (8). Everything else is combined in memory by the rules layer.
Each indicator's current 偏离度 deduction and its explicit 分值 in force (the approved 分值 adjustment, if any)
come with the indicators, in the same statement.
Rows come as values (indicators.selectors.rows), the rules run in one decimal context for the whole evaluation,
and every explanation is written only when something reads it.
"""
import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import FilteredRelation, Q, QuerySet

from indicators import rules
from indicators.ledger import current_rows
from indicators.models import ExpenditureReport, IndicatorReport, MonitoringNote
from indicators.selectors.rows import (
    DepartmentRow,
    ExpenditureReportRow,
    IndicatorReportRow,
    IndicatorRow,
    MonitoringNoteRow,
    ProjectRow,
    ledger_rows,
)
from indicators.selectors.rule_settings import rule_settings
from indicators.selectors.totals import DepartmentTotals, department_totals
from projects.in_force import (
    BudgetInForce,
    TargetInForce,
    budget_adjustments_in_force,
    budget_in_force,
    indicator_adjustments_in_force,
    POINTS_JOINED_VALUES,
    joined_points_line,
    points_line_in_force,
    target_in_force,
)
from projects.models import Indicator, Project

ZERO = Decimal(0)


@dataclass(frozen=True)
class DeductionInForce:
    """The current 偏离度 deduction of a line as recorded (its `points` may exceed what is applied)."""

    id: int
    points: Decimal
    reason: str


@dataclass
class IndicatorEvaluation:
    indicator: Indicator | IndicatorRow
    target: TargetInForce
    report: IndicatorReport | IndicatorReportRow | None  # current as of the date
    score: rules.IndicatorScore
    progress: Decimal | None
    level: rules.Level
    note: MonitoringNote | MonitoringNoteRow | None  # current monitoring note
    needs_explanation: bool
    forecast_score: rules.IndicatorScore
    input: rules.IndicatorInput
    deduction: DeductionInForce | None = None
    deducted: Decimal = ZERO  # the points the deduction took (score.points is after it)
    points_adjustment_id: int | None = None  # the approved 分值 adjustment in force (None: the 年初 分值)

    @property
    def basis(self) -> rules.Basis:
        """监控口径 the line is judged by: the stored one (DOMAIN §5), read as the rules read it."""
        return rules.monitoring_basis(self.input)

    @property
    def actual(self) -> Decimal | None:
        return self.report.value if self.report else None

    @property
    def tier(self) -> str:
        return self.report.tier if self.report else ""

    @property
    def status(self) -> str:
        return self.score.status.value

    @property
    def status_label(self) -> str:
        return rules.STATUS_LABELS[self.score.status]

    @property
    def adjusted(self) -> bool:
        return self.target.adjustment is not None


@dataclass
class ProjectEvaluation:
    project: Project | ProjectRow
    budget: BudgetInForce
    expenditure: ExpenditureReport | ExpenditureReportRow | None
    score: rules.ProjectScore
    budget_progress: Decimal
    budget_level: rules.Level
    budget_note: MonitoringNote | MonitoringNoteRow | None
    budget_needs_explanation: bool
    forecast: rules.ProjectScore
    indicators: list[IndicatorEvaluation] = field(default_factory=list)
    settings: rules.RuleSettings = rules.DEFAULT_SETTINGS  # the year's rule profile it was scored by

    @property
    def spent(self) -> Decimal | None:
        return self.expenditure.amount if self.expenditure else None

    @property
    def execution_rate(self) -> Decimal | None:
        return self.score.budget.execution_rate

    @property
    def over_budget(self) -> bool:
        """超支: spent more than the budget in force (DOMAIN §3), flagged wherever the budget line appears."""
        return rules.is_over_budget(self.score.budget)

    @property
    def total(self) -> Decimal:
        return self.score.total

    @property
    def grade(self) -> str:
        return self.score.grade

    @property
    def monitoring_level(self) -> rules.Level:
        return rules.worst_level([self.budget_level, *(i.level for i in self.indicators)])

    @property
    def needs_explanation(self) -> int:
        return int(self.budget_needs_explanation) + sum(i.needs_explanation for i in self.indicators)

    @property
    def forecast_score(self) -> Decimal:
        return self.forecast.total

    @property
    def explicit_points(self) -> bool:
        """Scored by its lines' own 分值 (DOMAIN §4, weighting `explicit`), which change by a 分值 adjustment."""
        return bool(self.indicators) and all(line.input.points is not None for line in self.indicators)

    @property
    def points_adjustment_id(self) -> int | None:
        """The approved 分值 adjustment in force (the same for every line of the project)."""
        return next((line.points_adjustment_id for line in self.indicators if line.points_adjustment_id), None)


@dataclass
class Evaluation:
    year: int
    as_of: datetime.date
    time_progress: Decimal
    projects: list[ProjectEvaluation]
    settings: rules.RuleSettings = rules.DEFAULT_SETTINGS  # the year's rule profile (DOMAIN §10)

    @cached_property
    def totals(self) -> DepartmentTotals:
        """What the projects add up to (budget, spent, rate and level, counts, 待说明); read by every page and sheet."""
        return department_totals(self.projects, time_progress=self.time_progress, settings=self.settings)


def has_reason(note: MonitoringNote | MonitoringNoteRow | None) -> bool:
    """The line's current monitoring note names a 偏差原因 (DOMAIN §5)."""
    return note is not None and bool(note.reasons)


def line_needs_explanation(level: rules.Level, reason: bool) -> bool:
    """待说明: a yellow or red line whose current note names no 偏差原因 (DOMAIN §5)."""
    return level in (rules.Level.YELLOW, rules.Level.RED) and not reason


# The stored words as the rules' enums, by lookup: calling an enum class per line was a tenth of an evaluation.
_OPERATORS = {member.value: member for member in rules.Operator}
_LEVEL1 = {member.value: member for member in rules.Level1}
_TIERS = {member.value: member for member in rules.Tier}
_BASES = {member.value: member for member in rules.Basis}


def _indicator_input(target: TargetInForce, indicator: Indicator, *, value, tier, tier_percent) -> rules.IndicatorInput:
    return rules.IndicatorInput(
        name=indicator.name,
        operator=_OPERATORS.get(target.operator) or rules.Operator(target.operator),
        target=target.target_value,
        unit=target.unit,
        level1=_LEVEL1.get(indicator.level1) or rules.Level1(indicator.level1),
        weight=target.weight,
        points=indicator.points_in_force,
        actual=value,
        tier=(_TIERS.get(tier) or rules.Tier(tier)) if tier else None,
        tier_percent=tier_percent,
        # blank: written without one, inferred
        basis=(_BASES.get(indicator.basis) or rules.Basis(indicator.basis)) if indicator.basis else None,
    )


@dataclass(frozen=True)
class _DeductionRow:
    id: int
    as_of: datetime.date
    entered_at: datetime.datetime
    corrects_id: int | None
    points: Decimal
    reason: str


_DEDUCTION_VALUES = tuple(f"in_force__{name}" for name in _DeductionRow.__dataclass_fields__)


def _current_deduction(rows: list[_DeductionRow], as_of: datetime.date) -> DeductionInForce | None:
    """DOMAIN §6: the latest as-of, then the latest entry, skipping rows corrected by a row dated on or before it."""
    current = current_rows(rows, key=lambda row: None, as_of=as_of).get(None)
    return None if current is None else DeductionInForce(current.id, current.points, current.reason)


def _project_queryset(*, year: int, departments, project_ids) -> QuerySet[Project]:
    projects = Project.objects.filter(year=year).order_by("department__code", "seq")
    if departments is not None:
        projects = projects.filter(department__in=departments)
    if project_ids is not None:
        projects = projects.filter(pk__in=project_ids)
    return projects


_DEPARTMENT_VALUES = tuple(f"department__{name}" for name in DepartmentRow.fields if name != "id")


def _project_rows(queryset: QuerySet[Project]) -> list[ProjectRow]:
    """The projects with their departments, one query; one department row per department."""
    departments: dict[int, DepartmentRow] = {}
    rows = []
    for values in queryset.values(*ProjectRow.fields, *_DEPARTMENT_VALUES):
        joined = {name: values.pop(f"department__{name}") for name in DepartmentRow.fields if name != "id"}
        department = departments.get(values["department_id"])
        if department is None:
            department = departments[values["department_id"]] = DepartmentRow.from_values(
                {"id": values["department_id"], **joined}
            )
        values["department"] = department
        rows.append(ProjectRow.from_values(values))
    return rows


def _indicator_rows(project_ids: list[int], as_of: datetime.date,
                    projects: dict[int, ProjectRow]) -> dict[int, list[IndicatorRow]]:
    """Each project's indicators in published order, each with its project, its current deduction and its 分值 in
    force (`points_in_force`, with `points_adjustment_id`), in one query: the deductions dated up to the date and
    the lines of 分值 adjustments are joined, so a line comes once per deduction and 分值 adjustment line."""
    indicators = (
        Indicator.objects.filter(project_id__in=project_ids)
        .annotate(in_force=FilteredRelation("deductions", condition=Q(deductions__as_of__lte=as_of)))
        .order_by("project_id", "order")
        .values(*IndicatorRow.fields, *_DEDUCTION_VALUES, *POINTS_JOINED_VALUES)
    )
    grouped: dict[int, list[IndicatorRow]] = {}
    deductions: dict[int, dict[int, _DeductionRow]] = {}
    points_lines: dict[int, set] = {}
    previous = None
    for values in indicators:
        joined = [values.pop(name) for name in _DEDUCTION_VALUES]
        if joined[0] is not None:
            deductions.setdefault(values["id"], {})[joined[0]] = _DeductionRow(*joined)
        points_line = joined_points_line(tuple(values.pop(name) for name in POINTS_JOINED_VALUES))
        if points_line is not None:
            points_lines.setdefault(values["id"], set()).add(points_line)
        if previous is not None and previous.id == values["id"]:
            continue  # the same line again, with another of its deductions or 分值 adjustments
        values["project"] = projects[values["project_id"]]
        previous = IndicatorRow.from_values(values)
        grouped.setdefault(values["project_id"], []).append(previous)
    for rows in grouped.values():
        for row in rows:
            row.deduction = _current_deduction(list(deductions[row.id].values()), as_of) if row.id in deductions else None
            in_force = points_line_in_force(points_lines.get(row.id, ()), as_of)
            row.points_adjustment_id = in_force.adjustment_id if in_force else None
            row.points_in_force = in_force.new_points if in_force else row.points
    return grouped


def evaluate(
    *,
    year: int,
    as_of: datetime.date,
    departments=None,
    project_ids=None,
    settings: rules.RuleSettings | None = None,
) -> Evaluation:
    """Evaluates every project of a year (optionally of some departments or projects) as of a date, by the year's
    rule profile (`settings`, when the caller has read it already)."""
    settings = settings or rule_settings(year)
    projects = _project_rows(_project_queryset(year=year, departments=departments, project_ids=project_ids))
    if not projects:  # a year the department had no project (the dashboard's 上年): no ledger to read
        return Evaluation(year=year, as_of=as_of, time_progress=rules.time_progress(as_of, year), projects=[],
                          settings=settings)
    return _evaluate_rows(projects, year=year, as_of=as_of, settings=settings)


def _evaluate_rows(projects: list, *, year: int, as_of: datetime.date, settings: rules.RuleSettings) -> Evaluation:
    """The projects given (rows, or instances with their department), their ledgers read: 6 queries."""
    by_id = {p.id: p for p in projects}
    ids = list(by_id)
    indicators = _indicator_rows(ids, as_of, by_id)
    indicator_ids = [i.id for rows in indicators.values() for i in rows]
    users: dict = {}  # who entered each row, one row per user across the ledgers
    # By indicator, not through the indicator's project: the join made PostgreSQL scan every report (make bench).
    reports = current_rows(
        ledger_rows(IndicatorReport.objects.filter(indicator_id__in=indicator_ids, as_of__lte=as_of),
                    IndicatorReportRow, users),
        key=lambda r: r.indicator_id,
        as_of=as_of,
    )
    expenditures = current_rows(
        ledger_rows(ExpenditureReport.objects.filter(project_id__in=ids, as_of__lte=as_of), ExpenditureReportRow,
                    users),
        key=lambda r: r.project_id,
        as_of=as_of,
    )
    notes = current_rows(
        ledger_rows(MonitoringNote.objects.filter(project_id__in=ids, as_of__lte=as_of), MonitoringNoteRow, users),
        key=lambda n: (n.project_id, n.indicator_id),
        as_of=as_of,
    )
    target_adjustments = indicator_adjustments_in_force(indicator_ids=indicator_ids, as_of=as_of)
    budget_adjustments = budget_adjustments_in_force(project_ids=ids, as_of=as_of)
    with rules.precise():  # one decimal context for every line, not one per rule call
        progress = rules.time_progress(as_of, year)
        evaluated = [
            _evaluate_project(
                project,
                indicators.get(project.id, []),
                reports=reports,
                expenditure=expenditures.get(project.id),
                notes=notes,
                target_adjustments=target_adjustments,
                budget=budget_in_force(project, budget_adjustments.get(project.id)),
                time_progress=progress,
                settings=settings,
            )
            for project in projects
        ]
    return Evaluation(year=year, as_of=as_of, time_progress=progress, projects=evaluated, settings=settings)


def _evaluate_project(project, indicators, *, reports, expenditure, notes, target_adjustments, budget, time_progress,
                      settings) -> ProjectEvaluation:
    targets = [target_in_force(i, target_adjustments.get(i.pk)) for i in indicators]
    inputs, forecast_inputs = [], []
    for indicator, target in zip(indicators, targets, strict=True):
        report = reports.get(indicator.id)
        value, tier, percent = (report.value, report.tier, report.tier_percent) if report else (None, "", None)
        line = _indicator_input(target, indicator, value=value, tier=tier, tier_percent=percent)
        inputs.append(line)
        note = notes.get((project.id, indicator.id))
        if note is not None and note.forecast is not None and not tier:
            line = _indicator_input(target, indicator, value=note.forecast, tier=tier, tier_percent=percent)
        forecast_inputs.append(line)
    spent = expenditure.amount if expenditure else None
    deductions = [i.deduction for i in indicators]
    recorded = [d.points if d else None for d in deductions]
    undeducted = rules.score_project(budget=budget.budget, spent=spent, indicators=inputs, settings=settings)
    score = rules.apply_deductions(undeducted, inputs, recorded, settings)
    budget_note = notes.get((project.id, None))
    forecast_spent = budget_note.forecast if budget_note and budget_note.forecast is not None else spent
    if forecast_spent == spent and forecast_inputs == inputs:
        forecast = score  # nothing forecast: the forecast score is the score (scoring twice was a fifth of a page)
    else:
        forecast = rules.apply_deductions(
            rules.score_project(budget=budget.budget, spent=forecast_spent, indicators=forecast_inputs,
                                settings=settings),
            forecast_inputs, recorded, settings,
        )
    budget_progress, budget_level = rules.budget_monitoring(
        budget=budget.budget, spent=spent, time_progress=time_progress, settings=settings
    )
    evaluation = ProjectEvaluation(
        project=project,
        budget=budget,
        expenditure=expenditure,
        score=score,
        budget_progress=budget_progress,
        budget_level=budget_level,
        budget_note=budget_note,
        budget_needs_explanation=line_needs_explanation(budget_level, has_reason(budget_note)),
        forecast=forecast,
        settings=settings,
    )
    for indicator, target, ind_input, ind_score, forecast_score, deduction, before in zip(
        indicators, targets, inputs, score.indicators, forecast.indicators, deductions, undeducted.indicators,
        strict=True,
    ):
        line_progress, level = rules.indicator_monitoring(ind_input, time_progress, settings=settings)
        note = notes.get((project.id, indicator.id))
        evaluation.indicators.append(
            IndicatorEvaluation(
                indicator=indicator,
                target=target,
                report=reports.get(indicator.id),
                score=ind_score,
                progress=line_progress,
                level=level,
                note=note,
                needs_explanation=line_needs_explanation(level, has_reason(note)),
                forecast_score=forecast_score,
                input=ind_input,
                deduction=deduction,
                deducted=rules.applied_deduction(before, deduction.points if deduction else None),
                points_adjustment_id=indicator.points_adjustment_id,
            )
        )
    return evaluation


def evaluate_project(*, project: Project, as_of: datetime.date) -> ProjectEvaluation:
    """One project, through the same path; its `project` is the instance the caller holds. Read with its
    department (as every page's access check reads it), the instance is not read again: 7 queries, else 8."""
    if Project.department.is_cached(project):
        settings = rule_settings(project.year)
        evaluation = _evaluate_rows([project], year=project.year, as_of=as_of, settings=settings).projects[0]
    else:
        evaluation = evaluate(year=project.year, as_of=as_of, project_ids=[project.pk]).projects[0]
    evaluation.project = project
    return evaluation


def project_ids(*, year: int, departments) -> list[int]:
    """Ids of the department-year's projects in the order every sheet and page lists them (one query)."""
    return list(_project_queryset(year=year, departments=departments, project_ids=None).values_list("pk", flat=True))


def evaluate_in_chunks(*, year: int, as_of: datetime.date, ids: Sequence[int], chunk: int,
                       settings: rules.RuleSettings | None = None) -> Iterator[ProjectEvaluation]:
    """The evaluations `evaluate` gives, `chunk` projects at a time: a whole city's workbook in bounded memory.

    The year's rule profile once, then seven queries per chunk; a caller that lets go of each project holds at most one chunk of them.
    """
    settings = settings or rule_settings(year)
    for start in range(0, len(ids), chunk):
        yield from evaluate(year=year, as_of=as_of, project_ids=ids[start:start + chunk], settings=settings).projects
