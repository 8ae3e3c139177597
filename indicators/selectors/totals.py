"""What evaluated projects add up to: the department's line on every page and sheet (DOMAIN §4–5).

The one place the dashboard, the table's 合计, the monitoring round, the `evaluate` table and both workbooks take
their sums from: budget in force, spent, execution rate and its level, indicators by status, lines and projects by
monitoring level, 待说明. In memory, no query; `add` takes one project at a time, so a workbook written in chunks
adds up the same figures as a page that holds every project.
"""
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from decimal import Decimal, localcontext
from types import MappingProxyType
from typing import TYPE_CHECKING

from indicators import rules

if TYPE_CHECKING:
    from indicators.selectors.evaluation import ProjectEvaluation

ZERO = Decimal(0)
_NONE_AT_ANY_LEVEL = MappingProxyType(dict.fromkeys(rules.Level, 0))


@dataclass(frozen=True)
class DepartmentTotals:
    time_progress: Decimal | None = None  # None: no date, hence no budget level (a workbook adding up as it goes)
    projects: int = 0
    indicators: int = 0
    budget: Decimal = ZERO  # 万元, in force at the as-of date
    spent: Decimal = ZERO  # 万元; a project without an expenditure report counts 0
    met: int = 0
    not_met: int = 0
    no_data: int = 0
    needs_explanation: int = 0  # 待说明: yellow/red lines without a 偏差原因
    # Budget and indicator lines at each monitoring level; projects at each level (their worst line's).
    lines_at: Mapping[rules.Level, int] = field(default_factory=lambda: _NONE_AT_ANY_LEVEL)
    projects_at: Mapping[rules.Level, int] = field(default_factory=lambda: _NONE_AT_ANY_LEVEL)
    settings: rules.RuleSettings = rules.DEFAULT_SETTINGS  # the year's profile: the budget level's bands

    @property
    def execution_rate(self) -> Decimal | None:
        """spent ÷ budget; None when the budget is 0."""
        with localcontext(prec=rules.PRECISION):  # the rules layer's precision, not the caller's 28 digits
            return self.spent / self.budget if self.budget else None

    @cached_property  # read for every row a page shows, sorts or filters; the totals never change once made
    def budget_level(self) -> rules.Level:
        """The department's execution rate against time progress, judged like a project's (DOMAIN §5)."""
        if self.time_progress is None:
            return rules.Level.NONE
        return rules.budget_monitoring(
            budget=self.budget, spent=self.spent, time_progress=self.time_progress, settings=self.settings
        )[1]

    @property
    def budget_level_label(self) -> str:
        return rules.LEVEL_LABELS[self.budget_level]

    def add(self, project: "ProjectEvaluation") -> "DepartmentTotals":
        """These totals with one more project."""
        return department_totals([project], time_progress=self.time_progress, settings=self.settings, start=self)


LEVELS = (rules.Level.GREEN, rules.Level.YELLOW, rules.Level.RED, rules.Level.NONE)  # `ProjectCounts.lines_at`
LEVEL_INDEX = {level: index for index, level in enumerate(LEVELS)}  # a level's place in LEVELS


@dataclass(slots=True)
class ProjectCounts:
    """What one project adds to its department's totals: from its evaluation (`project_counts`), or from its stored
    result with the date's levels worked out (indicators/selectors/stored_results.py)."""

    indicators: int
    budget: Decimal  # in force
    spent: Decimal | None
    met: int
    not_met: int
    no_data: int
    needs_explanation: int
    lines_at: list[int]  # the budget line and the indicator lines at each level, in LEVELS order
    monitoring_level: rules.Level


def level_counts(levels: Iterable[rules.Level]) -> list[int]:
    """How many of `levels` are at each level, in LEVELS order."""
    counts = [0] * len(LEVELS)
    for level in levels:
        counts[LEVEL_INDEX[level]] += 1
    return counts


def project_counts(project: "ProjectEvaluation") -> ProjectCounts:
    score = project.score
    return ProjectCounts(
        indicators=len(project.indicators), budget=project.budget.budget, spent=project.spent, met=score.met,
        not_met=score.not_met, no_data=score.no_data, needs_explanation=project.needs_explanation,
        lines_at=level_counts([project.budget_level, *(line.level for line in project.indicators)]),
        monitoring_level=project.monitoring_level,
    )


def department_totals(projects: Iterable["ProjectEvaluation"], *, time_progress: Decimal | None,
                      settings: rules.RuleSettings = rules.DEFAULT_SETTINGS,
                      start: DepartmentTotals | None = None) -> DepartmentTotals:
    """The totals of `projects` (added to `start`, when given), the budget judged by the year's `settings`."""
    return counted_totals((project_counts(p) for p in projects), time_progress=time_progress, settings=settings,
                          start=start)


def counted_totals(projects: Iterable[ProjectCounts], *, time_progress: Decimal | None,
                   settings: rules.RuleSettings = rules.DEFAULT_SETTINGS,
                   start: DepartmentTotals | None = None) -> DepartmentTotals:
    """The totals of projects already counted (added to `start`, when given)."""
    start = start or DepartmentTotals(time_progress=time_progress, settings=settings)
    counted, indicators, budget, spent = start.projects, start.indicators, start.budget, start.spent
    met, not_met, no_data, needs = start.met, start.not_met, start.no_data, start.needs_explanation
    green, yellow, red, none = (start.lines_at[level] for level in LEVELS)
    levels = dict(start.projects_at)
    with localcontext(prec=rules.PRECISION):
        for project in projects:
            counted += 1
            indicators += project.indicators
            budget += project.budget
            spent += project.spent or ZERO
            met, not_met, no_data = met + project.met, not_met + project.not_met, no_data + project.no_data
            needs += project.needs_explanation
            at = project.lines_at  # in LEVELS order: added one by one, as a page of 15,000 projects adds them
            green, yellow, red, none = green + at[0], yellow + at[1], red + at[2], none + at[3]
            levels[project.monitoring_level] += 1
    return _totals(time_progress, start.settings, counted, indicators, budget, spent, met, not_met, no_data, needs,
                   [green, yellow, red, none], levels)


def combined_totals(parts: Iterable[DepartmentTotals], *, time_progress: Decimal | None,
                    settings: rules.RuleSettings = rules.DEFAULT_SETTINGS) -> DepartmentTotals:
    """The totals of several departments' projects: their unrounded sums added (the city's, from its departments')."""
    counted = indicators = met = not_met = no_data = needs = 0
    budget = spent = ZERO
    lines, levels = [0] * len(LEVELS), dict.fromkeys(rules.Level, 0)
    with localcontext(prec=rules.PRECISION):
        for part in parts:
            counted, indicators = counted + part.projects, indicators + part.indicators
            budget, spent = budget + part.budget, spent + part.spent
            met, not_met, no_data = met + part.met, not_met + part.not_met, no_data + part.no_data
            needs += part.needs_explanation
            lines = [n + part.lines_at[level] for n, level in zip(lines, LEVELS)]
            for level, n in part.projects_at.items():
                levels[level] += n
    return _totals(time_progress, settings, counted, indicators, budget, spent, met, not_met, no_data, needs, lines,
                   levels)


def _totals(time_progress, settings, counted, indicators, budget, spent, met, not_met, no_data, needs, lines,
            levels) -> DepartmentTotals:
    return DepartmentTotals(
        time_progress=time_progress, projects=counted, indicators=indicators, budget=budget, spent=spent, met=met,
        not_met=not_met, no_data=no_data, needs_explanation=needs,
        lines_at=MappingProxyType(dict(zip(LEVELS, lines))), projects_at=MappingProxyType(levels), settings=settings,
    )
