"""The target-quality review of a department-year's table (issue #22): the published table, or while the year has
none its draft; last year's actuals of the same project and line as 历史标准 (matched by name, or carried by the
draft); judged by `indicators.rules.target_quality`, with the warnings finance chose to keep and why."""
import datetime
from dataclasses import dataclass

from django.db.models import Prefetch

from indicators.models import TargetFindingAcceptance
from indicators.rules.target_quality import Finding, LineFacts, ProjectFacts, Severity, review_table
from core.parsing import parse_decimal
from indicators.selectors.evaluation import evaluate
from projects.vocabulary import infer_classes
from projects.models import Department, DraftIndicator, DraftProject, DraftTable, Indicator, Project


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
    project: Project | DraftProject
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
    draft: DraftTable | None = None  # the draft reviewed, when the year has no published table yet

    @property
    def findings(self) -> list[Finding]:
        return [finding for review in self.projects for finding in review.findings]

    @property
    def items(self) -> list[ReviewItem]:
        return [item for review in self.projects for item in review.items]

    @property
    def errors(self) -> int:
        return sum(review.errors for review in self.projects)

    @property
    def warnings(self) -> int:
        return sum(review.warnings for review in self.projects)

    @property
    def accepted(self) -> int:
        return sum(review.accepted for review in self.projects)

    def item(self, *, project_seq: int, indicator_order: int | None, rule: str) -> ReviewItem | None:
        for review in self.projects:
            if review.project.seq == project_seq:
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
    return _project_facts(project, lines)


def _draft_line(line: DraftIndicator) -> LineFacts:
    """A drafted line judged as the import will read it: its number parsed, its classes inferred."""
    level1, level2 = infer_classes(name=line.name, operator=line.operator, unit=line.unit)
    try:
        value = parse_decimal(line.target_text.strip(), max_digits=20, decimal_places=4,
                              unit=line.unit) if line.operator else None
    except ValueError:
        value = None
    return LineFacts(order=line.order, name=line.name, operator=line.operator, target_text=line.target_text,
                     target_value=value, unit=line.unit, level1=level1, level2=level2, last_actual=line.last_actual)


def _project_facts(project: Project | DraftProject, lines: tuple[LineFacts, ...]) -> ProjectFacts:
    return ProjectFacts(seq=project.seq, name=project.name, texts=f"{project.overview}\n{project.annual_goal}",
                        budget=project.budget, own_level=project.own_level, transfer=project.transfer, lines=lines)


def _acceptances(department: Department, year: int) -> dict[tuple[int, int | None, str], TargetFindingAcceptance]:
    """The reason in force per (project 序号, line 序号, rule): the latest row of each."""
    rows = (TargetFindingAcceptance.objects.filter(department=department, year=year)
            .select_related("entered_by").order_by("entered_at", "id"))
    return {(row.project_seq, row.indicator_order, row.rule): row for row in rows}


def _review(department: Department, year: int, subjects: list, facts: list[ProjectFacts], *, compared: bool,
            draft: DraftTable | None = None) -> TableReview:
    accepted = _acceptances(department, year) if subjects else {}
    by_seq: dict[int, list[Finding]] = {}
    for finding in review_table(facts):
        by_seq.setdefault(finding.project_seq, []).append(finding)

    def item(finding: Finding) -> ReviewItem:
        kept = accepted.get((finding.project_seq, finding.indicator_order, finding.rule.value))
        # Only a warning may be kept; an error found again after a reason was written is still an error.
        return ReviewItem(finding, kept if finding.severity is Severity.WARNING else None)

    return TableReview(
        department=department, year=year,
        projects=[ProjectReview(subject, [item(f) for f in by_seq.get(subject.seq, [])]) for subject in subjects],
        last_year_compared=compared, draft=draft,
    )


def review_draft(draft: DraftTable) -> TableReview:
    """The review of a draft: its lines as the import will read them, its own 历史标准."""
    projects = list(draft.projects.order_by("seq").prefetch_related(
        Prefetch("indicators", queryset=DraftIndicator.objects.order_by("order"))))
    facts = [_project_facts(p, tuple(_draft_line(line) for line in p.indicators.all())) for p in projects]
    return _review(draft.department, draft.year, projects, facts, compared=draft.source_year is not None, draft=draft)


def review_targets(*, department: Department, year: int) -> TableReview:
    """Every finding of the department's table of the year (its open draft while none is published), by project in
    the published order."""
    projects = list(
        Project.objects.filter(department=department, year=year).order_by("seq")
        .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.order_by("order")))
    )
    if not projects:
        draft = DraftTable.objects.filter(department=department, year=year, state=DraftTable.State.DRAFT).first()
        if draft is not None:
            return review_draft(draft)
    last = _last_actuals(department, year) if projects else None
    facts = [_facts(project, last or {}) for project in projects]
    return _review(department, year, projects, facts, compared=last is not None)
