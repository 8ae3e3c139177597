"""Writing a change of submission state (DOMAIN §9): one ledger row and the state it leads to, atomically.

Who may make which change, and what must be complete before 送审, is decided by the review service
(indicators/services/review.py), which alone calls `record_transition`.
"""
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.errors import ConflictError, DomainError
from projects.choices import REASON_REQUIRED, REVIEW_TRANSITIONS, ReviewAction, ReviewState
from projects.models import Project, ProjectReview, ReviewEvent


def lock_state(project: Project | int) -> tuple[Project, ProjectReview | None]:
    """The project and its state row, read under the project's lock (the one ensure_unlocked takes)."""
    pk = int(getattr(project, "pk", project))  # a model, the evaluation's row or an id
    locked = Project.objects.select_for_update().select_related("department").get(pk=pk)
    return locked, ProjectReview.objects.filter(project=locked).first()


def current_state(review: ProjectReview | None) -> ReviewState:
    return ReviewState(review.state) if review is not None else ReviewState.DRAFT


@transaction.atomic
def record_transition(*, project: Project, review: ProjectReview | None, action: ReviewAction, user,
                      reason: str = "") -> ReviewEvent:
    """Appends the event and moves the state; the caller holds the project's lock (lock_state)."""
    froms, to = REVIEW_TRANSITIONS[action]
    state = current_state(review)
    if state not in froms:
        raise ConflictError(f"该项目 {project.year} 年自评当前为「{state.label}」，不能{action.label}。")
    reason = (reason or "").strip()
    if action in REASON_REQUIRED and not reason:
        raise DomainError(f"请填写{action.label}原因。", field="reason")
    now = timezone.now()
    number = (review.last_number if review else 0) + 1
    try:
        with transaction.atomic():
            event = ReviewEvent.objects.create(project=project, number=number, action=action, from_state=state,
                                               to_state=to, reason=reason, by=user, at=now)
    except IntegrityError:
        raise ConflictError("该项目的自评状态刚被他人更改：请刷新后重试。") from None
    submitted = {"submitted_by": user, "submitted_at": now} if action == ReviewAction.SUBMIT else {}
    if review is None:
        ProjectReview.objects.create(project=project, state=to, last_number=number, changed_by=user, changed_at=now,
                                     **submitted)
    else:
        review.state, review.last_number, review.changed_by, review.changed_at = to, number, user, now
        for name, value in submitted.items():
            setattr(review, name, value)
        review.save()
    return event
