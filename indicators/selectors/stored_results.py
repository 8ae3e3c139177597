"""A year's projects read from their stored results (indicators/result_models.py), as the figures the bureau page
adds up: one query, whatever the size.

The stored rows hold what does not depend on the day, the lines of fixed level already counted; what does (the
budget line's level and each 累计 line's, hence 待说明 and the project's level) is worked out here from the stored
figures and the date's time progress by the same rules the evaluation calls. `None` when a row is missing, was
computed under other rule settings, or when some dated row of a project is later than the date asked (an as-of in
the past): the caller then evaluates, and reads each evaluation as the same figures (`ProjectFigures.of`).
"""
import datetime
from dataclasses import dataclass
from decimal import Decimal

from indicators import rules
from indicators.selectors.evaluation import ProjectEvaluation, line_needs_explanation
from indicators.selectors.rows import DepartmentRow
from indicators.selectors.rule_settings import rule_settings
from indicators.selectors.totals import LEVELS, ProjectCounts, level_counts, project_counts
from indicators.services.results import rules_key
from projects.models import Project

_DEPARTMENT_FIELDS = tuple(name for name in DepartmentRow.fields if name != "id")
_RESULT_FIELDS = ("valid_from", "rules_key", "budget", "spent", "over_budget", "total", "grade", "met", "not_met",
                  "no_data", "budget_reason", "fixed_green", "fixed_yellow", "fixed_red", "fixed_none", "fixed_needs",
                  "cumulative")
_VALUES = ("id", "seq", "name", "department_id", *(f"department__{name}" for name in _DEPARTMENT_FIELDS),
           *(f"result__{name}" for name in _RESULT_FIELDS))
_VALID_FROM = _VALUES.index("result__valid_from")
# The fixed lines' counts are stored in LEVELS order, so the date's lines are added to them by position.
assert LEVELS == (rules.Level.GREEN, rules.Level.YELLOW, rules.Level.RED, rules.Level.NONE)
_INDEX = {level: index for index, level in enumerate(LEVELS)}


@dataclass(slots=True)
class ProjectFigures(ProjectCounts):
    """One project as the bureau page reads it: what it adds to the totals, and what its row, the attention list
    and the charts show."""

    id: int
    seq: int
    name: str
    department: DepartmentRow
    total: Decimal
    grade: str
    over_budget: bool
    execution_rate: Decimal | None
    budget_level: rules.Level

    @property
    def pk(self) -> int:
        return self.id

    @property
    def department_id(self) -> int:
        return self.department.id

    @classmethod
    def of(cls, project: ProjectEvaluation) -> "ProjectFigures":
        """The figures of an evaluated project (an as-of the stored rows do not stand for)."""
        counts = project_counts(project)
        row = project.project
        return cls(
            **{name: getattr(counts, name) for name in ProjectCounts.__dataclass_fields__},
            id=row.id, seq=row.seq, name=row.name, department=row.department, total=project.total,
            grade=project.grade, over_budget=project.over_budget, execution_rate=project.execution_rate,
            budget_level=project.budget_level,
        )


class _Reader:
    """Turns stored rows into figures as of one date; each distinct 累计 progress is judged once."""

    def __init__(self, time_progress: Decimal, settings: rules.RuleSettings):
        self.time_progress, self.settings = time_progress, settings
        self.departments: dict[int, DepartmentRow] = {}
        self.levels: dict[str, rules.Level] = {}

    def department(self, department_id: int, values: tuple) -> DepartmentRow:
        department = self.departments.get(department_id)
        if department is None:
            department = self.departments[department_id] = DepartmentRow.from_values(
                {"id": department_id, **dict(zip(_DEPARTMENT_FIELDS, values, strict=True))})
        return department

    def level(self, progress: str) -> rules.Level:
        level = self.levels.get(progress)
        if level is None:
            level = self.levels[progress] = rules.progress_level(Decimal(progress), self.time_progress,
                                                                 self.settings)
        return level

    def figures(self, row: tuple) -> ProjectFigures:
        project_id, seq, name, department_id = row[:4]
        department = self.department(department_id, row[4:_VALID_FROM])
        (_, _, budget, spent, over_budget, total, grade, met, not_met, no_data, budget_reason,
         *fixed, fixed_needs, cumulative) = row[_VALID_FROM:]
        _, budget_level = rules.budget_monitoring(budget=budget, spent=spent, time_progress=self.time_progress,
                                                  settings=self.settings)
        needs = fixed_needs + line_needs_explanation(budget_level, budget_reason)
        dated = [budget_level]
        for progress, reason in cumulative:
            level = self.level(progress)
            needs += line_needs_explanation(level, reason)
            dated.append(level)
        lines = [a + b for a, b in zip(fixed, level_counts(dated), strict=True)]
        return ProjectFigures(
            indicators=sum(fixed) + len(cumulative), budget=budget, spent=spent, met=met, not_met=not_met,
            no_data=no_data, needs_explanation=needs, lines_at=lines,
            # The worst of the levels present among the budget line and the indicator lines.
            monitoring_level=rules.worst_level(level for level, n in zip(LEVELS, lines) if n),
            id=project_id, seq=seq, name=name, department=department, total=total, grade=grade,
            over_budget=over_budget, execution_rate=rules.execution_rate(budget=budget, spent=spent),
            budget_level=budget_level,
        )


def stored_projects(*, year: int, as_of: datetime.date, time_progress: Decimal) -> list[ProjectFigures] | None:
    """Every project of the year from its stored row, ordered as `evaluate` orders them; one query.

    None when any row cannot stand for the evaluation as of `as_of` (see the module's note)."""
    rows = list(Project.objects.filter(year=year).order_by("department__code", "seq").values_list(*_VALUES))
    key = rules_key(year)
    for row in rows:
        valid_from = row[_VALID_FROM]
        if row[_VALID_FROM + 1] != key or (valid_from is not None and valid_from > as_of):
            return None
    reader = _Reader(time_progress, rule_settings(year))
    with rules.precise():  # one decimal context for every line, as the evaluation does
        return [reader.figures(row) for row in rows]
