"""The target-quality review of a department-year's table (issue #22): the table as published, last year's actuals
of the same project and line (matched by name: the table carries no stable key yet), judged by
`indicators.rules.target_quality`, with the warnings finance chose to keep and why."""
import datetime
from dataclasses import dataclass

from django.db.models import Prefetch

from indicators.models import TargetFindingAcceptance
from indicators.rules.target_quality import Finding, LineFacts, ProjectFacts, Severity, review_table
from indicators.selectors.evaluation import evaluate
from projects.models import Department, Indicator, Project


@dataclass(frozen=True)
class ReviewItem:
    finding: Finding
    accepted: TargetFindingAcceptance | None  # the reason in force when finance keeps a warning

    @property
    def open(self) -> bool:
        """Still to be dealt with: every error, and a warning nobody has kept with a reason."""
        return self.accepted is None


@dataclass(frozen=True)
class ProjectReview:
    project: Project
    items: list[ReviewItem]

    @property
    def findings(self) -> list[Finding]:
        return [item.finding for item in self.items]

    @property
    def errors(self) -> int:
        return sum(item.finding.severity is Severity.ERROR for item in self.items)

    @property
    def warnings(self) -> int:
        return sum(item.finding.severity is Severity.WARNING for item in self.items)

    @property
    def accepted(self) -> int:
        return sum(not item.open for item in self.items)


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

    @property
    def accepted(self) -> int:
        return sum(review.accepted for review in self.projects)

    def item(self, *, project_id: int, indicator_order: int | None, rule: str) -> ReviewItem | None:
        for review in self.projects:
            if review.project.pk == project_id:
                return next((item for item in review.items
                             if item.finding.indicator_order == indicator_order and item.finding.rule == rule), None)
        return None


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


def _acceptances(projects: list[Project]) -> dict[tuple[int, int | None, str], TargetFindingAcceptance]:
    """The reason in force per (project, line order, rule): the latest row of each."""
    rows = (TargetFindingAcceptance.objects.filter(project__in=projects)
            .select_related("indicator", "entered_by").order_by("entered_at", "id"))
    return {(row.project_id, row.indicator.order if row.indicator_id else None, row.rule): row for row in rows}


def review_targets(*, department: Department, year: int) -> TableReview:
    """Every finding of the department's table of the year, by project in the published order."""
    projects = list(
        Project.objects.filter(department=department, year=year).order_by("seq")
        .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.order_by("order")))
    )
    last = _last_actuals(department, year)
    accepted = _acceptances(projects) if projects else {}
    by_seq: dict[int, list[Finding]] = {}
    for finding in review_table([_facts(project, last or {}) for project in projects]):
        by_seq.setdefault(finding.project_seq, []).append(finding)

    def item(project: Project, finding: Finding) -> ReviewItem:
        kept = accepted.get((project.pk, finding.indicator_order, finding.rule.value))
        # Only a warning may be kept; an error found again after a reason was written is still an error.
        return ReviewItem(finding, kept if finding.severity is Severity.WARNING else None)

    return TableReview(
        department=department, year=year,
        projects=[ProjectReview(project, [item(project, f) for f in by_seq.get(project.seq, [])]) for project in projects],
        last_year_compared=last is not None,
    )
