"""The same project in earlier years (issue #22): each line's target and year-end actual there, by the stable keys
(projects.keys), beside this year's. Each earlier year is read through the one evaluation as of 31 December.

A page reads one project's past (`previous_years`); a workbook reads the whole department's once per earlier year
(`department_previous_years`, the queries of one evaluation a year) and hands each project its part."""
import datetime
from dataclasses import dataclass, field

from core.formatting import plain
from indicators import rules
from indicators.selectors.evaluation import IndicatorEvaluation, ProjectEvaluation, evaluate, evaluate_project
from projects.models import Project

YEARS_BACK = 2


@dataclass(frozen=True)
class PastLine:
    target: str  # as it stood at the year end: 「≥ 95%」
    actual: str  # 「99%」, a tier's name, or 未填报
    status: str
    status_label: str


@dataclass
class PreviousYears:
    years: list[int] = field(default_factory=list)  # oldest first
    projects: dict[int, ProjectEvaluation] = field(default_factory=dict)  # year → that year's evaluation
    lines: dict[str, dict[int, PastLine]] = field(default_factory=dict)  # line key → year → the line then

    def line(self, key: str) -> list[PastLine | None]:
        """The line's past, one entry per year of `years` (None: the line did not exist that year)."""
        past = self.lines.get(key, {})
        return [past.get(year) for year in self.years]


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def past_line(line: IndicatorEvaluation) -> PastLine:
    target = line.target
    unit = "" if target.target_text.endswith(target.unit) else target.unit
    shown_target = f"{target.operator} {target.target_text}{unit}".strip()
    if line.actual is not None:
        actual = f"{plain(line.actual)}{target.unit}"
    elif line.tier:
        actual = rules.TIER_LABELS[rules.Tier(line.tier)]
    else:
        actual = "未填报"
    return PastLine(shown_target, actual, line.status, line.status_label)


def previous_years(project: Project, *, back: int = YEARS_BACK) -> PreviousYears:
    """The project's last `back` years that carried its code, evaluated at their year ends."""
    result = PreviousYears()
    if not project.code:
        return result
    earlier = (Project.objects.filter(department_id=project.department_id, code=project.code,
                                      year__lt=project.year, year__gte=project.year - back)
               .select_related("department").order_by("year"))
    for past in earlier:
        _add_year(result, evaluate_project(project=past, as_of=year_end(past.year)))
    return result


def _add_year(result: PreviousYears, evaluation: ProjectEvaluation) -> None:
    year = evaluation.project.year
    result.years.append(year)
    result.projects[year] = evaluation
    for line in evaluation.indicators:
        if line.indicator.key:
            result.lines.setdefault(line.indicator.key, {})[year] = past_line(line)


@dataclass
class DepartmentPast:
    """A department's earlier years at their year ends, by project code."""

    years: list[int] = field(default_factory=list)  # oldest first, the years that had projects
    by_code: dict[str, dict[int, ProjectEvaluation]] = field(default_factory=dict)  # code → year → evaluation

    def of(self, project: Project) -> PreviousYears:
        """The project's past as `previous_years` reads it, without a query."""
        result = PreviousYears()
        for year, evaluation in sorted(self.by_code.get(project.code, {}).items()) if project.code else ():
            _add_year(result, evaluation)
        return result


def department_previous_years(*, department, year: int, back: int = YEARS_BACK) -> DepartmentPast:
    """Each of the department's last `back` years evaluated whole at its year end: one evaluation a year."""
    result = DepartmentPast()
    for earlier in range(year - back, year):
        evaluation = evaluate(year=earlier, as_of=year_end(earlier), departments=[department])
        if evaluation.projects:
            result.years.append(earlier)
        for project in evaluation.projects:
            if project.project.code:
                result.by_code.setdefault(project.project.code, {})[earlier] = project
    return result


def beside(evaluation: ProjectEvaluation, past: PreviousYears) -> list[tuple[IndicatorEvaluation, PastLine, list]]:
    """This year's lines, each with its figures now and its past (one entry per earlier year, None where it did not
    exist)."""
    return [(line, past_line(line), past.line(line.indicator.key)) for line in evaluation.indicators]
