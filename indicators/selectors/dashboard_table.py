"""The dashboard's project table: one row a project, the manager's filters and order, pages of rows; no query."""
from dataclasses import dataclass
from decimal import Decimal

from indicators import rules
from indicators.selectors.evaluation import Evaluation, ProjectEvaluation
from indicators.selectors.rule_settings import grade_labels
from indicators.selectors.status import ScoreState, ShowsScoreState, budget_explanation, project_explanations, score_state
from projects.models import Project

SEVERITY = {rules.Level.NONE: 0, rules.Level.GREEN: 1, rules.Level.YELLOW: 2, rules.Level.RED: 3}
LEVEL_FILTERS = (rules.Level.GREEN, rules.Level.YELLOW, rules.Level.RED)


@dataclass(frozen=True)
class ProjectRow(ShowsScoreState):
    evaluation: ProjectEvaluation
    state: ScoreState = ScoreState.FINAL  # 未填报 / 截至目前 / final: how the score and grade read
    explanations: tuple[str, ...] = ()  # why the status is yellow or red, a line each, red first
    budget_explanation: str = ""  # why the execution rate's badge is yellow or red

    @property
    def shown_grade(self) -> str:
        """The grade a manager may filter by: none before the project has any value."""
        return self.evaluation.grade if self.has_data else ""

    @property
    def project(self) -> Project:
        return self.evaluation.project

    @property
    def budget(self) -> Decimal:
        return self.evaluation.budget.budget

    @property
    def level(self) -> rules.Level:
        """The status badge: the worst of the budget's and the indicators' monitoring levels."""
        return self.evaluation.monitoring_level

    @property
    def level_label(self) -> str:
        return rules.LEVEL_SHORT[self.level]

    @property
    def level_title(self) -> str:
        """The badge's hover text: the level, then why."""
        return "\n".join([rules.LEVEL_LABELS[self.level], *self.explanations])

    @property
    def budget_level_label(self) -> str:
        return rules.LEVEL_SHORT[self.evaluation.budget_level]


def _grade_rank(grade: str) -> int:
    labels = grade_labels()
    return labels.index(grade) if grade in labels else len(labels)


# Each sortable column: its key in ?sort= and how a row is compared (None sorts last either way).
SORT_COLUMNS = {
    "seq": lambda r: r.project.seq,
    "name": lambda r: r.project.name,
    "budget": lambda r: r.budget,
    "spent": lambda r: r.evaluation.spent,
    "rate": lambda r: r.evaluation.execution_rate,
    "met": lambda r: r.evaluation.score.met,
    "not_met": lambda r: r.evaluation.score.not_met,
    "no_data": lambda r: r.evaluation.score.no_data,
    "score": lambda r: r.evaluation.total if r.has_data else None,
    # Best grade first when ascending, like the score descending.
    "grade": lambda r: _grade_rank(r.evaluation.grade) if r.has_data else None,
    "level": lambda r: SEVERITY[r.level],
    "needs": lambda r: r.evaluation.needs_explanation,
}
DEFAULT_SORT = "seq"


@dataclass(frozen=True)
class TableQuery:
    """What the manager asked of the table: filters and order, already checked (indicators.views.params)."""

    grade: str = ""
    level: str = ""
    needs_explanation: bool = False
    sort: str = DEFAULT_SORT
    descending: bool = False
    page: int = 1

    @property
    def filtered(self) -> bool:
        return bool(self.grade or self.level or self.needs_explanation)

    def keeps(self, row: ProjectRow) -> bool:
        return (
            (not self.grade or row.shown_grade == self.grade)
            and (not self.level or row.level.value == self.level)
            and (not self.needs_explanation or row.evaluation.needs_explanation > 0)
        )


def project_row(project: ProjectEvaluation, evaluation: Evaluation) -> ProjectRow:
    t = evaluation.time_progress
    return ProjectRow(
        project, score_state(project, evaluation.as_of), tuple(project_explanations(project, t)),
        budget_explanation(project, t),
    )


def project_rows(evaluation: Evaluation, query: TableQuery) -> list[ProjectRow]:
    """The projects the query keeps, in its order; ties keep the published order (序号)."""
    rows = [row for row in (project_row(p, evaluation) for p in evaluation.projects) if query.keeps(row)]
    key = SORT_COLUMNS[query.sort]
    present = [r for r in rows if key(r) is not None]
    missing = [r for r in rows if key(r) is None]
    present.sort(key=key, reverse=query.descending)  # stable: equal values stay in 序号 order
    return present + missing


PAGE_SIZE = 100  # rows per page: a city-sized department has thousands, and rendering each one costs time


@dataclass(frozen=True)
class TablePage:
    rows: list[ProjectRow]
    number: int
    pages: int
    first: int  # 1-based position of the page's first row among all rows (0 when there are none)
    last: int


def table_page(rows: list[ProjectRow], number: int) -> TablePage:
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    number = min(number, pages)
    start = (number - 1) * PAGE_SIZE
    shown = rows[start:start + PAGE_SIZE]
    return TablePage(shown, number, pages, start + 1 if shown else 0, start + len(shown))
