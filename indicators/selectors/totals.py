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


def department_totals(projects: Iterable["ProjectEvaluation"], *, time_progress: Decimal | None,
                      settings: rules.RuleSettings = rules.DEFAULT_SETTINGS,
                      start: DepartmentTotals | None = None) -> DepartmentTotals:
    """The totals of `projects` (added to `start`, when given), the budget judged by the year's `settings`."""
    start = start or DepartmentTotals(time_progress=time_progress, settings=settings)
    counted, indicators, budget, spent = start.projects, start.indicators, start.budget, start.spent
    met, not_met, no_data, needs = start.met, start.not_met, start.no_data, start.needs_explanation
    lines, levels = dict(start.lines_at), dict(start.projects_at)
    with localcontext(prec=rules.PRECISION):
        for project in projects:
            score = project.score
            counted += 1
            indicators += len(project.indicators)
            budget += project.budget.budget
            spent += project.spent or ZERO
            met, not_met, no_data = met + score.met, not_met + score.not_met, no_data + score.no_data
            needs += project.needs_explanation
            lines[project.budget_level] += 1
            for line in project.indicators:
                lines[line.level] += 1
            levels[project.monitoring_level] += 1
    return DepartmentTotals(
        time_progress=time_progress, projects=counted, indicators=indicators, budget=budget, spent=spent, met=met,
        not_met=not_met, no_data=no_data, needs_explanation=needs, lines_at=MappingProxyType(lines),
        projects_at=MappingProxyType(levels), settings=start.settings,
    )
