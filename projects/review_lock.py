"""The one lock check of the write path (DOMAIN §9): a project 已送审 or 已审核 accepts no change to its year.

Every service that writes a project's figures or texts calls `ensure_unlocked` inside its transaction, before
writing anything, so that every door (pages, API, imports, the admin) refuses alike and nothing is stored.
"""
import datetime
from contextlib import contextmanager
from dataclasses import dataclass
from contextvars import ContextVar

from django.db import connection

from core.errors import ConflictError
from projects.choices import LOCKED_STATES, ReviewState
from projects.models import Project, ProjectReview
from projects.written import mark_written, project_writes


# Projects checked (and locked) by the enclosing transaction: the lines of one form ask once, not once each.
_checked: ContextVar[frozenset] = ContextVar("review_lock_checked", default=frozenset())


def locked_message(*, year: int, state: str) -> str:
    return f"该项目 {year} 年自评{ReviewState(state).label}，如需修改请先退回"


def locked_project_message(*, seq: int, name: str, year: int, state: str) -> str:
    """The refusal of one project among several (an import): `项目 1「设备购置经费」：该项目 2026 年自评已送审…`."""
    return f"项目 {seq}「{name}」：{locked_message(year=year, state=state)}"


def ensure_unlocked(project: Project | int) -> None:
    """Refuses (ConflictError, 409) a write to a project 已送审 or 已审核.

    Takes the project row's lock until the caller's transaction ends; the review service takes the same lock
    before changing the state, so a write and a submission of the same project run one after the other and a
    write can never land after the submission it did not see.
    """
    pk = int(getattr(project, "pk", project))  # a model, the evaluation's row or an id
    if pk in _checked.get() and connection.in_atomic_block:
        return
    mark_written([pk])  # its stored result is refreshed before the transaction commits (projects/written.py)
    found = (
        Project.objects.select_for_update(of=("self",)).filter(pk=pk).values_list("year", "review__state").first()
    )
    if found is None:
        return  # nothing to protect: the caller's own lookup says the project does not exist
    year, state = found
    if state in LOCKED_STATES:
        raise ConflictError(locked_message(year=year, state=state))


@contextmanager
def checked_once(project: Project | int, *, refuse_as=None):
    """Checks the project, then lets the writes inside the block (one form's lines, inside the same transaction,
    which holds the project's lock) skip the check.

    `refuse_as(errors, conflicts)` is the form's own error class, so that its page shows the refusal above the form.
    """
    with project_writes():  # the lines' writes, then one refresh of the project's stored result
        try:
            ensure_unlocked(project)
        except ConflictError as locked:
            if refuse_as is None:
                raise
            refused = refuse_as(locked.errors, {})
            refused.status = locked.status
            raise refused from None
        pk = int(getattr(project, "pk", project))  # a model, the evaluation's row or an id
        token = _checked.set(_checked.get() | {pk})
        try:
            yield
        finally:
            _checked.reset(token)


def lock_projects(project_ids) -> dict[int, str]:
    """Locks several projects in one query (a batch of writes) and returns the refusal of each one 已送审 or
    已审核, by id, for the batch to put beside that project's lines; projects this transaction has already checked
    (checked_once) are neither read nor refused again."""
    project_ids = {int(pk) for pk in project_ids}
    mark_written(project_ids)  # their stored results are refreshed before the transaction commits
    done = _checked.get() if connection.in_atomic_block else frozenset()
    wanted = sorted(project_ids - done)
    if not wanted:
        return {}
    rows = (
        Project.objects.select_for_update(of=("self",)).filter(pk__in=wanted)
        .order_by("pk").values_list("pk", "year", "review__state")
    )
    return {pk: locked_message(year=year, state=state) for pk, year, state in rows if state in LOCKED_STATES}


def ensure_all_unlocked(project_ids) -> None:
    """The same check for several projects (an import): each locked one is named, nothing is stored."""
    project_ids = list(project_ids)
    mark_written(project_ids)
    rows = (
        Project.objects.select_for_update(of=("self",)).filter(pk__in=list(project_ids))
        .order_by("pk").values_list("seq", "name", "year", "review__state")
    )
    refused = [locked_project_message(seq=seq, name=name, year=year, state=state)
               for seq, name, year, state in rows if state in LOCKED_STATES]
    if refused:
        raise ConflictError("；".join(refused))


@dataclass(frozen=True)
class ReviewStatus:
    """What a page shows of a project's submission state, and whether its save buttons are hidden."""

    state: ReviewState
    locked: bool
    message: str  # DOMAIN §9's refusal while locked, else ''
    by: str  # who made the last change ('' for a project never submitted)
    at: datetime.datetime | None

    @property
    def label(self) -> str:
        return self.state.label


def review_status(project: Project) -> ReviewStatus:
    """From the project's `review` relation: no query when the caller selected it (get_project_for_user does)."""
    try:
        review = project.review
    except ProjectReview.DoesNotExist:
        review = None
    if review is None:
        return ReviewStatus(ReviewState.DRAFT, False, "", "", None)
    state = ReviewState(review.state)
    locked = state in LOCKED_STATES
    who = review.changed_by.get_full_name() or review.changed_by.username
    return ReviewStatus(state, locked, locked_message(year=project.year, state=state) if locked else "", who,
                        review.changed_at)
