"""The read path of 送审 and 审核 (DOMAIN §9): each project's state, its history, and what is missing before 送审.

What is missing is the year-end self-evaluation's own list (selectors/year_end.py: explanations, 评价依据, project
texts), plus every adjustment of the project still pending (DOMAIN §8); each item links to where it is fixed.
Queries for a whole board: the self-evaluations' 9, the states with who changed them (1), the pending
adjustments of both kinds (2), whatever the number of projects.
"""
import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from indicators.selectors.dates import default_as_of
from indicators.selectors.year_end import SelfEvaluation, self_evaluations
from projects.choices import LOCKED_STATES, AdjustmentState, ReviewState
from projects.models import (
    BudgetAdjustment,
    IndicatorAdjustment,
    PointsAdjustment,
    Project,
    ProjectReview,
    ReviewEvent,
)


@dataclass(frozen=True)
class MissingItem:
    """One thing to do before 送审, with the page where it is done."""

    kind: str  # "text", "basis", "achievement", "problems", "measures" (year end) or "adjustment"
    message: str
    url: str


@dataclass
class ProjectReviewRow:
    """A project on the board: its state, who changed it and when, and what it still lacks."""

    project: Project
    state: ReviewState
    review: ProjectReview | None
    missing: list[MissingItem] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.state.label

    @property
    def locked(self) -> bool:
        return self.state in LOCKED_STATES

    @property
    def ready(self) -> bool:
        return self.state in (ReviewState.DRAFT, ReviewState.RETURNED) and not self.missing

    @property
    def by(self) -> str:
        user = self.review.changed_by if self.review else None
        return (user.get_full_name() or user.username) if user else ""

    @property
    def at(self) -> datetime.datetime | None:
        return self.review.changed_at if self.review else None

    @property
    def submitted_by_id(self) -> int | None:
        return self.review.submitted_by_id if self.review else None


def _year_end_items(state: SelfEvaluation) -> list[MissingItem]:
    page = reverse("self_evaluation:page", args=[state.project.pk])
    return [MissingItem(m.field, m.message, f"{page}#{m.anchor}") for m in state.missing]


def _adjustment_items(project: Project, pending: int) -> list[MissingItem]:
    if not pending:
        return []
    url = f"{reverse('adjustments:list')}?year={project.year}&project={project.pk}&state={AdjustmentState.PENDING}"
    return [MissingItem("adjustment", f"本项目有 {pending} 项调整尚待管理员审批：审批或撤回后才能送审。", url)]


def _pending_adjustments(ids: list[int]) -> Counter:
    # Budget and 分值 adjustments belong to the project: one statement for both (one id per pending proposal).
    pending = Counter(
        BudgetAdjustment.objects.filter(project_id__in=ids, state=AdjustmentState.PENDING).order_by()
        .values_list("project_id", flat=True)
        .union(PointsAdjustment.objects.filter(project_id__in=ids, state=AdjustmentState.PENDING).order_by()
               .values_list("project_id", flat=True), all=True)
    )
    pending.update(dict(
        IndicatorAdjustment.objects.filter(indicator__project_id__in=ids, state=AdjustmentState.PENDING)
        .values_list("indicator__project_id").annotate(n=Count("pk")).values_list("indicator__project_id", "n")
    ))
    return pending


def review_rows(*, year: int, departments=None, project_ids=None) -> list[ProjectReviewRow]:
    """Every project of the year (of some departments or projects) with its state and what it lacks for 送审."""
    states = self_evaluations(year=year, as_of=default_as_of(year), departments=departments, project_ids=project_ids)
    ids = [state.project.pk for state in states]
    reviews = {r.project_id: r for r in ProjectReview.objects.filter(project_id__in=ids).select_related("changed_by")}
    pending = _pending_adjustments(ids)
    rows = []
    for state in states:
        review = reviews.get(state.project.pk)
        rows.append(ProjectReviewRow(
            project=state.project, state=ReviewState(review.state) if review else ReviewState.DRAFT, review=review,
            missing=_year_end_items(state) + _adjustment_items(state.project, pending[state.project.pk]),
        ))
    return rows


def project_review(project: Project) -> ProjectReviewRow:
    return review_rows(year=project.year, project_ids=[project.pk])[0]


def review_history(project: Project) -> list[ReviewEvent]:
    """The project's state changes, oldest first, with who made each."""
    return list(ReviewEvent.objects.filter(project=project).select_related("by").order_by("number"))


@dataclass(frozen=True)
class ReviewStamp:
    """How a form or report shows a project's state: 「已审核（审核人 审核丙，2026-12-20）」 once approved."""

    state: ReviewState
    by: str
    at: datetime.datetime | None

    @property
    def approved(self) -> bool:
        return self.state == ReviewState.APPROVED

    def __str__(self) -> str:
        if not self.by:
            return self.state.label
        role = "审核人" if self.approved else "操作人"
        return f"{self.state.label}（{role} {self.by}，{timezone.localtime(self.at):%Y-%m-%d}）"


DRAFT_STAMP = ReviewStamp(ReviewState.DRAFT, "", None)


def review_stamps(projects) -> dict[int, ReviewStamp]:
    """Each project's stamp (a queryset or ids of projects; one query). A project absent from it is 填报中."""
    stamps = {}
    for review in ProjectReview.objects.filter(project__in=projects).select_related("changed_by"):
        user = review.changed_by
        stamps[review.project_id] = ReviewStamp(ReviewState(review.state), user.get_full_name() or user.username,
                                                review.changed_at)
    return stamps
