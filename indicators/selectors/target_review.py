"""The target-quality review of a department-year's table (issue #22): the table as published, last year's actuals
of the same project and line (matched by name: the table carries no stable key yet), judged by
`indicators.rules.target_quality`."""
import datetime
from dataclasses import dataclass

from django.db.models import Prefetch

from indicators.rules.target_quality import Finding, LineFacts, ProjectFacts, Severity, review_table
from indicators.selectors.evaluation import evaluate
from projects.models import Department, Indicator, Project


@dataclass(frozen=True)
class ProjectReview:
    project: Project
    findings: list[Finding]

    @property
    def errors(self) -> int:
        return sum(finding.severity is Severity.ERROR for finding in self.findings)

    @property
    def warnings(self) -> int:
        return sum(finding.severity is Severity.WARNING for finding in self.findings)


@dataclass(frozen=True)
class TableReview:
    department: Department
    year: int
    projects: list[ProjectReview]
    last_year_compared: bool  # whether last year's table existed to compare with

    @property
    def findings(self) -> list[Finding]:
        return [finding for review in self.projects for finding in review.findings]

    @property
    def errors(self) -> int:
        return sum(review.errors for review in self.projects)

    @property
    def warnings(self) -> int:
        return sum(review.warnings for review in self.projects)


def _last_actuals(department: Department, year: int) -> dict[tuple[str, str], object] | None:
    """Last year's year-end actual per (project name, indicator name); None when last year has no table."""
    if not Project.objects.filter(department=department, year=year - 1).exists():
        return None
    last = evaluate(year=year - 1, as_of=datetime.date(year - 1, 12, 31), departments=[department])
    return {
        (result.project.name.strip(), line.indicator.name.strip()): line.actual
        for result in last.projects for line in result.indicators if line.actual is not None
    }


def _facts(project: Project, last: dict) -> ProjectFacts:
    lines = tuple(
        LineFacts(order=indicator.order, name=indicator.name, operator=indicator.operator,
                  target_text=indicator.target_text, target_value=indicator.target_value, unit=indicator.unit,
                  level1=indicator.level1, level2=indicator.level2,
                  last_actual=last.get((project.name.strip(), indicator.name.strip())))
        for indicator in project.indicators.all()
    )
    return ProjectFacts(seq=project.seq, name=project.name, texts=f"{project.overview}\n{project.annual_goal}",
                        budget=project.budget, own_level=project.own_level, transfer=project.transfer, lines=lines)


def review_targets(*, department: Department, year: int) -> TableReview:
    """Every finding of the department's table of the year, by project in the published order."""
    projects = list(
        Project.objects.filter(department=department, year=year).order_by("seq")
        .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.order_by("order")))
    )
    last = _last_actuals(department, year)
    by_seq = {}
    for finding in review_table([_facts(project, last or {}) for project in projects]):
        by_seq.setdefault(finding.project_seq, []).append(finding)
    return TableReview(
        department=department, year=year,
        projects=[ProjectReview(project, by_seq.get(project.seq, [])) for project in projects],
        last_year_compared=last is not None,
    )
