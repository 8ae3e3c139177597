"""Reads of the monitoring round (DOMAIN §5): the department's round at a glance and each project's 监控表.

Everything comes from the evaluation selector (7 queries); a sheet adds one query for the notes a form saw.
"""
import datetime
from dataclasses import dataclass
from decimal import Decimal

from indicators import rules
from indicators.models import MonitoringNote
from indicators.selectors.evaluation import IndicatorEvaluation, ProjectEvaluation, evaluate, evaluate_project
from indicators.selectors.totals import DepartmentTotals
from indicators.services.monitoring import line_key
from projects.models import Department, Indicator, Project

SEVERITY = {rules.Level.RED: 3, rules.Level.YELLOW: 2, rules.Level.GREEN: 1, rules.Level.NONE: 0}


@dataclass(frozen=True)
class SheetLine:
    """One line of a 监控表: the budget line (indicator None) or an indicator, as of the round's date."""

    key: str
    indicator: Indicator | None
    name: str
    level1: str
    level2: str
    target_text: str  # 年度指标值 as published: '≥8台/件/组'; the budget line's is empty (see `budget`)
    unit: str
    qualitative: bool
    actual: Decimal | None  # 截至监控点完成值 (the budget line: 执行数)
    tier_label: str  # 定性 lines: the tier reported
    progress: Decimal | None
    level: rules.Level
    note: MonitoringNote | None
    needs_explanation: bool
    allows_negative: bool
    basis: str = rules.Basis.CUMULATIVE.value  # 监控口径 (DOMAIN §5); spending is cumulative
    over_budget: bool = False  # the budget line only: 超支 (DOMAIN §3)

    @property
    def is_budget(self) -> bool:
        return self.indicator is None

    @property
    def level_label(self) -> str:
        return rules.LEVEL_LABELS[self.level]


def _target_text(operator: str, text: str, unit: str) -> str:
    """年度指标值 as one text: '≥8台/件/组'; a published '5%' with unit % stays '≤5%', not '≤5%%'."""
    return f"{operator}{text}" if text.endswith(unit) else f"{operator}{text}{unit}"


def _indicator_line(line: IndicatorEvaluation) -> SheetLine:
    target = line.target
    tier = rules.Tier(line.tier) if line.tier else None
    return SheetLine(
        key=line_key(line.indicator.pk), indicator=line.indicator, name=line.indicator.name,
        level1=line.indicator.level1, level2=line.indicator.level2,
        target_text=_target_text(target.operator, target.target_text, target.unit),
        unit=target.unit, qualitative=rules.is_qualitative(target.operator), actual=line.actual,
        tier_label=rules.TIER_LABELS[tier] if tier else "", progress=line.progress, level=line.level,
        note=line.note, needs_explanation=line.needs_explanation,
        allows_negative=rules.allows_negative(name=line.indicator.name, unit=target.unit),
        basis=line.basis.value,
    )


def sheet_lines(project: ProjectEvaluation) -> list[SheetLine]:
    """The budget line first, then the indicators in their published order: the rows of the 监控表."""
    budget = SheetLine(
        key=line_key(None), indicator=None, name="预算执行", level1="", level2="", target_text="", unit="万元",
        qualitative=False, actual=project.spent, tier_label="", progress=project.budget_progress,
        level=project.budget_level, note=project.budget_note, needs_explanation=project.budget_needs_explanation,
        allows_negative=False, over_budget=project.over_budget,
    )
    return [budget, *(_indicator_line(line) for line in project.indicators)]


@dataclass(frozen=True)
class RoundProject:
    evaluation: ProjectEvaluation
    lines: list[SheetLine]

    @property
    def project(self) -> Project:
        return self.evaluation.project

    @property
    def level(self) -> rules.Level:
        return self.evaluation.monitoring_level

    @property
    def level_label(self) -> str:
        return rules.LEVEL_LABELS[self.level]

    def count(self, level: rules.Level) -> int:
        return sum(line.level is level for line in self.lines)

    @property
    def green(self) -> int:
        return self.count(rules.Level.GREEN)

    @property
    def yellow(self) -> int:
        return self.count(rules.Level.YELLOW)

    @property
    def red(self) -> int:
        return self.count(rules.Level.RED)

    @property
    def needs_explanation(self) -> int:
        return self.evaluation.needs_explanation


@dataclass(frozen=True)
class MonitoringRound:
    department: Department
    year: int
    as_of: datetime.date
    time_progress: Decimal
    projects: list[RoundProject]  # worst first
    totals: DepartmentTotals  # the department's: budget, spent, rate and level, projects and lines by level, 待说明

    @property
    def needs_explanation(self) -> int:
        return self.totals.needs_explanation


def _worst_first(project: RoundProject) -> tuple:
    rate = project.evaluation.budget_progress
    return (-SEVERITY[project.level], -project.needs_explanation, -project.red, -project.yellow, rate,
            project.project.seq)


def monitoring_round(*, department: Department, year: int, as_of: datetime.date) -> MonitoringRound:
    """The department's projects with their lines' levels as of a round date, worst first (7 queries)."""
    evaluation = evaluate(year=year, as_of=as_of, departments=[department])
    projects = [RoundProject(evaluation=p, lines=sheet_lines(p)) for p in evaluation.projects]
    projects.sort(key=_worst_first)
    return MonitoringRound(
        department=department, year=year, as_of=as_of, time_progress=evaluation.time_progress, projects=projects,
        totals=evaluation.totals,
    )


@dataclass(frozen=True)
class MonitoringSheet:
    """One project's 监控表 as of a date, with the notes a submitted form had seen (by id)."""

    evaluation: ProjectEvaluation
    lines: list[SheetLine]
    time_progress: Decimal
    seen: dict[int, MonitoringNote]

    @property
    def project(self) -> Project:
        return self.evaluation.project

    @property
    def needs_explanation(self) -> int:
        return self.evaluation.needs_explanation


def monitoring_sheet(*, project: Project, as_of: datetime.date, seen_ids=()) -> MonitoringSheet:
    """7 queries for the evaluation, plus 1 for the notes named by `seen_ids` when there are any."""
    evaluation = evaluate_project(project=project, as_of=as_of)
    ids = {i for i in seen_ids if i is not None}
    seen = {n.pk: n for n in MonitoringNote.objects.filter(project=project, pk__in=ids)} if ids else {}
    return MonitoringSheet(
        evaluation=evaluation, lines=sheet_lines(evaluation),
        time_progress=rules.time_progress(as_of, project.year), seen=seen,
    )
