"""The managers' dashboard (issue #5): headline figures, the project table, charts and what needs attention.

Everything here is computed in memory from ONE `Evaluation` (indicators.selectors.evaluation.evaluate, 7 queries),
so the dashboard costs the same number of queries for 15 projects or 1,500. Numbers stay Decimal at full precision;
core.formatting rounds them for display. The sums are the evaluation's own (`Evaluation.totals`).
"""
import datetime
from dataclasses import dataclass, field
from decimal import Decimal, localcontext

from indicators import rules
from indicators.presenters.charts import chart_data
from indicators.selectors.attention import AttentionList, attention_list
from indicators.selectors.dashboard_table import ProjectRow, TablePage, TableQuery, project_rows, table_page
from indicators.selectors.evaluation import Evaluation
from indicators.selectors.rule_settings import grade_labels
from indicators.selectors.status import ScoreState, score_state
from indicators.selectors.totals import DepartmentTotals, department_totals

ZERO = Decimal(0)


@dataclass(frozen=True)
class DashboardSummary:
    """The headline figures (also `GET /api/summary/`): the department's totals, its average scores and grades."""

    year: int
    as_of: datetime.date
    totals: DepartmentTotals
    average_score: Decimal | None  # plain mean of the projects' totals; None without projects
    weighted_average_score: Decimal | None  # mean weighted by budget in force; None when the budget is 0
    grades: dict[str, int]  # every grade, best first, with its number of projects (0 included)
    # The page's reading of the same figures: projects with no value yet are 未填报, not 差; until the year ends or
    # every line has a value, scores are 截至目前. The figures themselves (above, and the API's) are unchanged.
    graded: dict[str, int] = field(default_factory=dict)  # every grade with its number of projects that have a value
    unreported: int = 0  # projects without any value
    final: bool = True  # every project's score is final

    # The totals under the names the page, the API and the tests read.
    time_progress = property(lambda self: self.totals.time_progress)  # a fraction: 329 / 365 on 2026-11-25
    projects = property(lambda self: self.totals.projects)
    indicators = property(lambda self: self.totals.indicators)
    budget = property(lambda self: self.totals.budget)  # 万元, in force at the as-of date
    spent = property(lambda self: self.totals.spent)  # 万元; a project without an expenditure report counts 0
    execution_rate = property(lambda self: self.totals.execution_rate)  # spent ÷ budget; None when the budget is 0
    budget_level = property(lambda self: self.totals.budget_level)  # execution rate against time progress (§5)
    budget_level_label = property(lambda self: self.totals.budget_level_label)
    met = property(lambda self: self.totals.met)
    not_met = property(lambda self: self.totals.not_met)
    no_data = property(lambda self: self.totals.no_data)
    needs_explanation = property(lambda self: self.totals.needs_explanation)  # 待说明 lines

    @property
    def any_reported(self) -> bool:
        return self.unreported < self.projects


def average_score(scores: list[Decimal]) -> Decimal | None:
    """The plain mean of projects' totals (a department's, the city's); None without projects."""
    with localcontext(prec=rules.PRECISION):  # the rules layer's precision, not the caller's 28 digits
        return sum(scores, ZERO) / len(scores) if scores else None


def dashboard_summary(evaluation: Evaluation) -> DashboardSummary:
    """The headline figures of an evaluated department-year; no query."""
    projects, totals = evaluation.projects, evaluation.totals
    average = average_score([p.total for p in projects])
    with localcontext(prec=rules.PRECISION):  # the rules layer's precision, not the caller's 28 digits
        weighted = sum((p.total * p.budget.budget for p in projects), ZERO)
        weighted_average = weighted / totals.budget if totals.budget else None
    grades, graded = dict.fromkeys(grade_labels(), 0), dict.fromkeys(grade_labels(), 0)
    states = [score_state(p, evaluation.as_of) for p in projects]
    for p, state in zip(projects, states, strict=True):
        grades[p.grade] = grades.get(p.grade, 0) + 1
        if state is not ScoreState.NO_DATA:
            graded[p.grade] = graded.get(p.grade, 0) + 1
    return DashboardSummary(
        year=evaluation.year, as_of=evaluation.as_of, totals=totals, average_score=average,
        weighted_average_score=weighted_average, grades=grades, graded=graded,
        unreported=states.count(ScoreState.NO_DATA), final=all(state is ScoreState.FINAL for state in states),
    )


@dataclass(frozen=True)
class Dashboard:
    summary: DashboardSummary
    query: TableQuery
    rows: list[ProjectRow]  # every row the filters keep, in order
    page: TablePage  # the rows of the page shown
    totals: DepartmentTotals  # the 合计 row: of every row the filters keep
    charts: dict
    attention: AttentionList


def dashboard(evaluation: Evaluation, query: TableQuery) -> Dashboard:
    """Everything the dashboard shows, from one evaluation; no query."""
    summary = dashboard_summary(evaluation)
    rows = project_rows(evaluation, query)
    # Unfiltered, the 合计 row is the department's own totals; filtered, those of the rows kept.
    totals = summary.totals if not query.filtered else department_totals(
        (row.evaluation for row in rows), time_progress=evaluation.time_progress, settings=evaluation.settings
    )
    return Dashboard(
        summary=summary,
        query=query,
        rows=rows,
        page=table_page(rows, query.page),
        totals=totals,
        charts=chart_data(summary, rows),
        attention=attention_list(evaluation),
    )
