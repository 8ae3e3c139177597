"""The finance bureau's view (财政局, issue #21): every department of a year at a glance, as of a date.

The whole city is read at once, from the projects' stored results (indicators/selectors/stored_results.py: one
query) or, for a date they do not stand for, evaluated (`evaluate` without departments: 7 queries), as one
`ProjectFigures` per project, then split by department in memory. Each department's totals are added up once
(`counted_totals`, the sums every department total is made of) with the plain average of its projects' scores
(`average_score`, as its dashboard's), so a row of the bureau's table is exactly the headline of that department's
dashboard; the city's totals are its departments' unrounded sums added (`combined_totals`), never a sum of rounded
rows.
"""
import datetime
import heapq
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby
from operator import attrgetter

from django.db.models import Count

from indicators import rules
from indicators.selectors.dashboard import average_score
from indicators.selectors.evaluation import evaluate
from indicators.selectors.rule_settings import grade_labels, rule_settings
from indicators.selectors.stored_results import ProjectFigures, stored_projects
from indicators.selectors.totals import DepartmentTotals, combined_totals, counted_totals
from projects.choices import ReviewState
from projects.models import Department, ProjectReview

ZERO = Decimal(0)
ATTENTION_SHOWN = 20  # departments and projects listed as most needing attention


class _AtLevels:
    """Red and yellow projects and lines of whatever `totals` the row or the city has: one definition for both."""

    totals: DepartmentTotals

    @property
    def red_projects(self) -> int:
        return self.totals.projects_at[rules.Level.RED]

    @property
    def yellow_projects(self) -> int:
        return self.totals.projects_at[rules.Level.YELLOW]

    @property
    def red_lines(self) -> int:
        return self.totals.lines_at[rules.Level.RED]

    @property
    def yellow_lines(self) -> int:
        return self.totals.lines_at[rules.Level.YELLOW]


@dataclass(frozen=True)
class DepartmentRow(_AtLevels):
    """One department: the headline of its dashboard, and what the bureau sorts and filters it by."""

    department: Department
    totals: DepartmentTotals
    average_score: Decimal | None  # plain mean of the projects' totals, as its dashboard's
    grade: str  # read from the plain average score, as a project's grade is read from its 总分
    states: dict[str, int]  # projects in each submission state (DOMAIN §9), every state, 填报中 first

    @property
    def submitted(self) -> int:
        """已送审 and 已审核: the self-evaluations the department has sent to the bureau."""
        return self.states[ReviewState.SUBMITTED] + self.states[ReviewState.APPROVED]

    @property
    def level(self) -> rules.Level:
        """The department's execution against time progress (DOMAIN §5), as its dashboard shows it."""
        return self.totals.budget_level

    @property
    def level_label(self) -> str:
        return rules.LEVEL_SHORT[self.level]


@dataclass(frozen=True)
class ProjectConcern:
    project: ProjectFigures
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class CityFigures(_AtLevels):
    departments: int
    totals: DepartmentTotals
    average_score: Decimal | None
    grades: dict[str, int]
    states: dict[str, int]

    @property
    def state_counts(self) -> list[tuple[str, str, int]]:
        return [(state.value, state.label, self.states[state]) for state in ReviewState]


@dataclass(frozen=True)
class BureauView:
    year: int
    as_of: datetime.date
    time_progress: Decimal
    figures: CityFigures
    rows: list[DepartmentRow]  # every department with projects in the year, by code
    concerns: list[DepartmentRow]  # the departments that most need attention, worst first
    projects: list[ProjectConcern]  # the projects that most need attention, worst first
    projects_of_concern: int  # how many projects have at least one reason (the list shows the first)
    every_project: list[ProjectFigures]  # every project of the city, for the charts


def _department_grade(average: Decimal | None, settings: rules.RuleSettings) -> str:
    if average is None:
        return ""
    return rules.grade_for(rules.to_cents(average), settings)


def _project_reasons(p: ProjectFigures, lowest_grade: str) -> tuple[str, ...]:
    reasons = []
    if p.over_budget:
        reasons.append("超支")
    elif p.budget_level is rules.Level.RED:
        reasons.append("预算执行红灯")
    if p.grade == lowest_grade:
        reasons.append(f"等级{lowest_grade}")
    if p.needs_explanation:
        reasons.append(f"待说明 {p.needs_explanation} 条")
    return tuple(reasons)


def _project_concern(flagged: tuple[ProjectFigures, tuple[str, ...]]) -> tuple:
    """Worst first: more reasons, then more lines 待说明, then the lower score."""
    project, reasons = flagged
    return (-len(reasons), -project.needs_explanation, project.total)


def _department_concern(row: DepartmentRow) -> tuple:
    """Worst first: red projects, then 待说明, then the lower average score."""
    average = row.average_score if row.average_score is not None else ZERO
    return (-row.red_projects, -row.totals.needs_explanation, average, row.department.code)


def _states(*, year: int) -> dict[int, dict[str, int]]:
    """Each department's projects by submission state, one query; a project without a state row is 填报中."""
    counts: dict[int, dict[str, int]] = {}
    rows = (ProjectReview.objects.filter(project__year=year).values_list("project__department_id", "state")
            .annotate(n=Count("pk")).order_by())
    for department_id, state, n in rows:
        counts.setdefault(department_id, {})[state] = n
    return counts


def _with_draft(states: dict[str, int], projects: int) -> dict[str, int]:
    counted = {state: states.get(state, 0) for state in ReviewState}
    counted[ReviewState.DRAFT] = projects - sum(n for state, n in counted.items() if state != ReviewState.DRAFT)
    return counted


def _city_projects(*, year: int, as_of: datetime.date, time_progress: Decimal,
                   settings: rules.RuleSettings) -> list[ProjectFigures]:
    """From the stored results when they stand for this date (1 query); else the evaluation itself (7 queries)."""
    stored = stored_projects(year=year, as_of=as_of, time_progress=time_progress)
    if stored is not None:
        return stored
    return [ProjectFigures.of(p) for p in evaluate(year=year, as_of=as_of, settings=settings).projects]


def bureau_view(*, year: int, as_of: datetime.date) -> BureauView:
    """Every department of the year as of the date, from the projects' stored results (one query) or, when they do
    not stand for that date, evaluated (the stored results' query, then the 7 of `evaluate`); the projects'
    submission states (one query); the rest in memory, each department's figures once."""
    time_progress = rules.time_progress(as_of, year)
    settings = rule_settings(year)
    projects = _city_projects(year=year, as_of=as_of, time_progress=time_progress, settings=settings)
    states = _states(year=year)
    rows = []
    # Projects come ordered by department code, then seq: each department's projects are consecutive.
    for _, own in groupby(projects, key=attrgetter("department_id")):
        own = list(own)
        average = average_score([p.total for p in own])
        department = own[0].department
        rows.append(DepartmentRow(
            department, counted_totals(own, time_progress=time_progress, settings=settings), average,
            _department_grade(average, settings), _with_draft(states.get(department.pk, {}), len(own)),
        ))
    grades = dict.fromkeys(grade_labels(), 0)
    for p in projects:
        grades[p.grade] = grades.get(p.grade, 0) + 1
    lowest = settings.lowest_grade
    flagged = [(p, reasons) for p in projects if (reasons := _project_reasons(p, lowest))]
    # Only the first are shown: picked as a stable sort would order them, without sorting the whole city.
    shown = heapq.nsmallest(ATTENTION_SHOWN, flagged, key=_project_concern)
    figures = CityFigures(
        departments=len(rows),
        totals=combined_totals((r.totals for r in rows), time_progress=time_progress, settings=settings),
        average_score=average_score([p.total for p in projects]), grades=grades,
        states={state: sum(r.states[state] for r in rows) for state in ReviewState},
    )
    worst = sorted((r for r in rows if r.red_projects or r.totals.needs_explanation), key=_department_concern)
    return BureauView(
        year=year, as_of=as_of, time_progress=time_progress, figures=figures, rows=rows,
        concerns=worst[:ATTENTION_SHOWN], projects=[ProjectConcern(p, reasons) for p, reasons in shown],
        projects_of_concern=len(flagged),
        every_project=projects,
    )
