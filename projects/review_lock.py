"""The one lock check of the write path (DOMAIN §9): a project 已送审 or 已审核 accepts no change to its year.

Every service that writes a project's figures or texts calls `ensure_unlocked` inside its transaction, before
writing anything, so that every door (pages, API, imports, the admin) refuses alike and nothing is stored.
"""
from core.errors import ConflictError
from projects.choices import LOCKED_STATES, ReviewState
from projects.models import Project


def locked_message(*, year: int, state: str) -> str:
    return f"该项目 {year} 年自评{ReviewState(state).label}，如需修改请先退回"


def ensure_unlocked(project: Project | int) -> None:
    """Refuses (ConflictError, 409) a write to a project 已送审 or 已审核.

    Takes the project row's lock until the caller's transaction ends; the review service takes the same lock
    before changing the state, so a write and a submission of the same project run one after the other and a
    write can never land after the submission it did not see.
    """
    pk = project.pk if isinstance(project, Project) else int(project)
    found = (
        Project.objects.select_for_update(of=("self",)).filter(pk=pk).values_list("year", "review__state").first()
    )
    if found is None:
        return  # nothing to protect: the caller's own lookup says the project does not exist
    year, state = found
    if state in LOCKED_STATES:
        raise ConflictError(locked_message(year=year, state=state))


def ensure_all_unlocked(project_ids) -> None:
    """The same check for several projects (an import): each locked one is named, nothing is stored."""
    rows = (
        Project.objects.select_for_update(of=("self",)).filter(pk__in=list(project_ids))
        .order_by("pk").values_list("seq", "name", "year", "review__state")
    )
    refused = [f"项目 {seq}「{name}」：{locked_message(year=year, state=state)}"
               for seq, name, year, state in rows if state in LOCKED_STATES]
    if refused:
        raise ConflictError("；".join(refused))
