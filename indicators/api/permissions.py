"""Who may read and write through the API: exactly the browser's rules (core.access, core.roles).

Authenticated users read the departments they may see (auditors and admins all of them); only finance staff
of the project's department write. A line outside the user's departments is 404, a write without the role 403.
"""
from rest_framework.exceptions import NotFound
from rest_framework.permissions import SAFE_METHODS

from core.access import get_indicator_for_user, get_project_for_user
from core.ids import MAX_ID
from projects.models import Indicator, Project


def _bounded(pk: int, message: str) -> int:
    if not 1 <= pk <= MAX_ID:
        raise NotFound(message)
    return pk


def wants_write(request) -> bool:
    return request.method not in SAFE_METHODS


def project_for(request, pk: int, *, write: bool | None = None) -> Project:
    """The project a request names: 404 unseen, 403 when writing without the role (write defaults to the method)."""
    write = wants_write(request) if write is None else write
    return get_project_for_user(request.user, _bounded(pk, "没有找到该项目。"), write=write)


def indicator_for(request, pk: int, *, write: bool | None = None) -> Indicator:
    write = wants_write(request) if write is None else write
    return get_indicator_for_user(request.user, _bounded(pk, "没有找到该指标。"), write=write)
