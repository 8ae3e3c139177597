"""What evaluated projects add up to: the department's line on every page and sheet (DOMAIN §4–5).

The one place the dashboard, the table's 合计, the monitoring round, the `evaluate` table and both workbooks take
their sums from: budget in force, spent, execution rate and its level, indicators by status, lines and projects by
monitoring level, 待说明. In memory, no query; `add` takes one project at a time, so a workbook written in chunks
adds up the same figures as a page that holds every project.
"""
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, localcontext
from types import MappingProxyType
from typing import TYPE_CHECKING

from indicators import rules
from indicators.selectors.rule_settings import rule_settings

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

    @property
    def execution_rate(self) -> Decimal | None:
        """spent ÷ budget; None when the budget is 0."""
        with localcontext(prec=rules.PRECISION):  # the rules layer's precision, not the caller's 28 digits
            return self.spent / self.budget if self.budget else None

    @property
    def budget_level(self) -> rules.Level:
        """The department's execution rate against time progress, judged like a project's (DOMAIN §5)."""
        if self.time_progress is None:
            return rules.Level.NONE
        return rules.budget_monitoring(
            budget=self.budget, spent=self.spent, time_progress=self.time_progress, settings=rule_settings()
        )[1]

    @property
    def budget_level_label(self) -> str:
        return rules.LEVEL_LABELS[self.budget_level]

    def add(self, project: "ProjectEvaluation") -> "DepartmentTotals":
        """These totals with one more project."""
        lines = dict(self.lines_at)
        for level in (project.budget_level, *(line.level for line in project.indicators)):
            lines[level] += 1
        projects = dict(self.projects_at)
        projects[project.monitoring_level] += 1
        score = project.score
        with localcontext(prec=rules.PRECISION):
            budget = self.budget + project.budget.budget
            spent = self.spent + (project.spent or ZERO)
        return replace(
            self, projects=self.projects + 1, indicators=self.indicators + len(project.indicators),
            budget=budget, spent=spent, met=self.met + score.met, not_met=self.not_met + score.not_met,
            no_data=self.no_data + score.no_data, needs_explanation=self.needs_explanation + project.needs_explanation,
            lines_at=MappingProxyType(lines), projects_at=MappingProxyType(projects),
        )


def department_totals(projects: Iterable["ProjectEvaluation"], *, time_progress: Decimal | None) -> DepartmentTotals:
    totals = DepartmentTotals(time_progress=time_progress)
    for project in projects:
        totals = totals.add(project)
    return totals
