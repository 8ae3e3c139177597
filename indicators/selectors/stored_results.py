"""A year's projects read from their stored results (indicators/result_models.py), shaped like the evaluation's
projects for what the bureau page reads of them: one query, whatever the size.

The stored rows hold what does not depend on the day; what does (the budget line's level and each 累计 line's,
hence 待说明 and the project's level) is worked out here from the stored figures and the date's time progress by
the same rules the evaluation calls. `None` when a row is missing, was computed under other rule settings, or
when some dated row of a project is later than the date asked (an as-of in the past): the caller then evaluates.
"""
import datetime
from dataclasses import dataclass
from decimal import Decimal

from indicators import rules
from indicators.selectors.evaluation import line_needs_explanation
from indicators.selectors.rows import DepartmentRow, ProjectRow
from indicators.selectors.rule_settings import rule_settings
from indicators.services.results import rules_key
from projects.models import Project

_PROJECT_VALUES = ("id", "seq", "name", "year", "department_id")
_DEPARTMENT_VALUES = tuple(f"department__{name}" for name in DepartmentRow.fields if name != "id")
_RESULT_VALUES = ("valid_from", "rules_key", "budget", "spent", "total", "grade", "met", "not_met", "no_data",
                  "budget_reason", "lines")


@dataclass(frozen=True, slots=True)
class StoredLine:
    level: rules.Level
    report: bool | None  # True when the line has a report (read as `report is not None`, like the evaluation's)


@dataclass(frozen=True, slots=True)
class StoredBudget:
    budget: Decimal  # in force


@dataclass(frozen=True, slots=True)
class StoredScore:
    met: int
    not_met: int
    no_data: int
    total: Decimal
    grade: str
    budget: rules.BudgetScore


@dataclass(slots=True)
class StoredProject:
    """What the bureau page, the department totals and the dashboard summary read of a `ProjectEvaluation`."""

    project: ProjectRow
    budget: StoredBudget
    spent: Decimal | None
    score: StoredScore
    budget_level: rules.Level
    indicators: list[StoredLine]
    needs_explanation: int
    monitoring_level: rules.Level

    @property
    def expenditure(self) -> Decimal | None:  # read as "reported?" by score_state
        return self.spent

    @property
    def total(self) -> Decimal:
        return self.score.total

    @property
    def grade(self) -> str:
        return self.score.grade

    @property
    def execution_rate(self) -> Decimal | None:
        return self.score.budget.execution_rate

    @property
    def over_budget(self) -> bool:
        return rules.is_over_budget(self.score.budget)


# Lines are shared: one per (level, reported), as the page only counts them.
_LINES = {(level, reported): StoredLine(level, True if reported else None)
          for level in rules.Level for reported in (False, True)}
_LEVELS = {level.value: level for level in rules.Level}


def _stored_project(values: dict, departments: dict, time_progress: Decimal, settings) -> StoredProject:
    department_id = values["department_id"]
    department = departments.get(department_id)
    if department is None:
        department = departments[department_id] = DepartmentRow.from_values(
            {"id": department_id, **{name[12:]: values[name] for name in _DEPARTMENT_VALUES}})
    project = ProjectRow.from_values({name: values[name] for name in _PROJECT_VALUES} | {"department": department})
    budget, spent = values["result__budget"], values["result__spent"]
    _, budget_level = rules.budget_monitoring(budget=budget, spent=spent, time_progress=time_progress,
                                              settings=settings)
    needs = int(line_needs_explanation(budget_level, values["result__budget_reason"]))
    lines = []
    for progress, level, reason, reported in values["result__lines"]:
        level = _LEVELS[level] if progress is None else rules.progress_level(Decimal(progress), time_progress,
                                                                             settings)
        needs += line_needs_explanation(level, reason)
        lines.append(_LINES[level, reported])
    score = StoredScore(values["result__met"], values["result__not_met"], values["result__no_data"],
                        values["result__total"], values["result__grade"],
                        rules.score_budget(budget=budget, spent=spent, settings=settings))
    return StoredProject(
        project=project, budget=StoredBudget(budget), spent=spent, score=score, budget_level=budget_level,
        indicators=lines, needs_explanation=needs,
        monitoring_level=rules.worst_level({budget_level, *(line.level for line in lines)}),  # the levels present
    )


def stored_projects(*, year: int, as_of: datetime.date, time_progress: Decimal) -> list[StoredProject] | None:
    """Every project of the year from its stored row, ordered as `evaluate` orders them; one query.

    None when any row cannot stand for the evaluation as of `as_of` (see the module's note)."""
    rows = list(
        Project.objects.filter(year=year).order_by("department__code", "seq")
        .values(*_PROJECT_VALUES, *_DEPARTMENT_VALUES, *(f"result__{name}" for name in _RESULT_VALUES))
    )
    key = rules_key(year)
    for values in rows:
        valid_from = values["result__valid_from"]
        if values["result__rules_key"] != key or (valid_from is not None and valid_from > as_of):
            return None
    settings = rule_settings(year)
    departments: dict = {}
    with rules.precise():  # one decimal context for every line, as the evaluation does
        return [_stored_project(values, departments, time_progress, settings) for values in rows]
