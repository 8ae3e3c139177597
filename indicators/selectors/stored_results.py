"""A year's projects read from their stored results (indicators/result_models.py), as the figures the bureau page
adds up: one query, whatever the size.

The stored rows hold what does not depend on the day, the lines of fixed level already counted; what does (the
budget line's level and each 累计 line's, hence 待说明 and the project's level) is worked out here from the stored
figures and the date's time progress by the same rules the evaluation calls. `None` when a row is missing, was
computed under other rule settings, or when some dated row of a project is later than the date asked (an as-of in
the past): the caller then evaluates, and reads each evaluation as the same figures (`ProjectFigures.of`).
"""
import datetime
import json
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import TextField
from django.db.models.functions import Cast

from indicators import rules
from indicators.selectors.evaluation import ProjectEvaluation, line_needs_explanation
from indicators.selectors.rows import DepartmentRow
from indicators.selectors.rule_settings import rule_settings
from indicators.selectors.totals import LEVEL_INDEX, LEVELS, ProjectCounts, project_counts
from indicators.services.results import STORED_FIELDS, rules_key
from projects.models import Project

_DEPARTMENT_FIELDS = tuple(name for name in DepartmentRow.fields if name != "id")
# The 累计 lines are read as their JSON text (the last value), decoded here once per distinct text: many projects
# share one (no 累计 line at all, say), and Django decoding every row's JSON was half the CPU of reading the rows.
_VALUES = ("id", "seq", "name", "department_id", *(f"department__{name}" for name in _DEPARTMENT_FIELDS),
           *(f"result__{name}" for name in STORED_FIELDS if name != "cumulative"), "cumulative_text")
_VALID_FROM = _VALUES.index("result__valid_from")


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
    """Turns stored rows into figures as of one date; each distinct 累计 progress is judged once, and the worst
    level of each combination of levels present once."""

    def __init__(self, time_progress: Decimal, settings: rules.RuleSettings):
        self.time_progress, self.settings = time_progress, settings
        self.departments: dict[int, DepartmentRow] = {}
        # Each distinct 累计 progress judged once: its level's index in the line counts, and whether the line is
        # 待说明 without a reason and with one. Each distinct text of a project's 累计 lines added up once: the
        # lines at each level (LEVELS' order), how many are 待说明, how many lines.
        self.judged: dict[str, tuple[int, bool, bool]] = {}
        self.counted: dict[str, tuple[tuple[int, int, int, int], int, int]] = {}
        self.worst: dict[tuple[bool, ...], rules.Level] = {}

    def department(self, department_id: int, values: tuple) -> DepartmentRow:
        department = self.departments.get(department_id)
        if department is None:
            department = self.departments[department_id] = DepartmentRow.from_values(
                {"id": department_id, **dict(zip(_DEPARTMENT_FIELDS, values, strict=True))})
        return department

    def judge(self, progress: str) -> tuple[int, bool, bool]:
        level = rules.progress_level(Decimal(progress), self.time_progress, self.settings)
        judged = self.judged[progress] = (
            LEVEL_INDEX[level], line_needs_explanation(level, False), line_needs_explanation(level, True))
        return judged

    def count(self, text: str) -> tuple[tuple[int, int, int, int], int, int]:
        lines, needs, judged = [0, 0, 0, 0], 0, self.judged
        cumulative = json.loads(text)
        for progress, reason in cumulative:
            index, needs_without, needs_with = judged.get(progress) or self.judge(progress)
            lines[index] += 1
            needs += needs_with if reason else needs_without
        counted = self.counted[text] = (tuple(lines), needs, len(cumulative))
        return counted

    def worst_level(self, lines: list[int]) -> rules.Level:
        green, yellow, red, none = lines  # LEVELS' order
        present = (green > 0, yellow > 0, red > 0, none > 0)
        worst = self.worst.get(present)
        if worst is None:
            worst = self.worst[present] = rules.worst_level(level for level, n in zip(LEVELS, lines) if n)
        return worst

    def figures(self, row: tuple) -> ProjectFigures:
        department = self.departments.get(row[3]) or self.department(row[3], row[4:_VALID_FROM])
        (_, _, budget, spent, over_budget, total, grade, met, not_met, no_data, budget_reason,
         green, yellow, red, none, needs, cumulative) = row[_VALID_FROM:]
        _, budget_level = rules.budget_monitoring(budget=budget, spent=spent, time_progress=self.time_progress,
                                                  settings=self.settings)
        (c_green, c_yellow, c_red, c_none), c_needs, c_lines = self.counted.get(cumulative) or self.count(cumulative)
        lines = [green + c_green, yellow + c_yellow, red + c_red, none + c_none]
        lines[LEVEL_INDEX[budget_level]] += 1
        needs += c_needs + line_needs_explanation(budget_level, budget_reason)
        return ProjectFigures(
            green + yellow + red + none + c_lines, budget, spent, met, not_met, no_data, needs, lines,
            self.worst_level(lines),  # the worst of the levels present among the budget and indicator lines
            row[0], row[1], row[2], department, total, grade, over_budget,
            rules.execution_rate(budget=budget, spent=spent), budget_level,
        )


def stored_projects(*, year: int, as_of: datetime.date, time_progress: Decimal) -> list[ProjectFigures] | None:
    """Every project of the year from its stored row, ordered as `evaluate` orders them; one query.

    None when any row cannot stand for the evaluation as of `as_of` (see the module's note)."""
    rows = list(Project.objects.filter(year=year).order_by("department__code", "seq")
                .annotate(cumulative_text=Cast("result__cumulative", TextField())).values_list(*_VALUES))
    key = rules_key(year)
    for row in rows:
        valid_from = row[_VALID_FROM]
        if row[_VALID_FROM + 1] != key or (valid_from is not None and valid_from > as_of):
            return None
    reader = _Reader(time_progress, rule_settings(year))
    with rules.precise():  # one decimal context for every line, as the evaluation does
        return [reader.figures(row) for row in rows]
