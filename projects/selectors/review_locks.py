"""Which projects the review lock (DOMAIN §9) would refuse a write to, read only: for previews and dry runs."""
from projects.choices import LOCKED_STATES
from projects.models import Project
from projects.review_lock import locked_project_message


def locked_refusals(project_ids) -> list[str]:
    """The refusal `ensure_all_unlocked` would give for each project 已送审 or 已审核 among `project_ids`, in its order.

    A preview must neither take the projects' row locks nor mark them as written (that would refresh their stored
    results for a write that never happens), so it reads here; the write's own check stays the guard for a project
    submitted after the preview.
    """
    project_ids = {int(pk) for pk in project_ids}
    if not project_ids:
        return []
    rows = (
        Project.objects.filter(pk__in=sorted(project_ids), review__state__in=LOCKED_STATES)
        .order_by("pk").values_list("seq", "name", "year", "review__state")
    )
    return [locked_project_message(seq=seq, name=name, year=year, state=state) for seq, name, year, state in rows]
