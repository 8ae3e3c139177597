"""Which projects a transaction wrote, so that their stored results are refreshed before it commits (issue #21).

Every write of a project's figures passes the review lock first (projects/review_lock.py: `ensure_unlocked`,
`ensure_all_unlocked`, `checked_once`, `lock_projects`), and that is where the project is marked here. A write
service runs inside `project_writes()` (or `@writes_projects`): when the outermost one ends without an error, each marked project is
refreshed once, inside the same transaction, so a stored result is never out of step with a committed ledger.

`projects` never imports `indicators`: the refresh is the indicators app's, registered at start-up
(IndicatorsConfig.ready) as the one function called here.
"""
import functools
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction

_refresher: list[Callable[[set[int]], None]] = []
_open: ContextVar[set[int] | None] = ContextVar("projects_written", default=None)


def register_refresher(refresh: Callable[[set[int]], None]) -> None:
    """The one function that brings the given projects' stored results in step (indicators.services.results)."""
    _refresher[:] = [refresh]


def refresh_now(project_ids: Iterable[int]) -> None:
    ids = {int(pk) for pk in project_ids}
    if ids and _refresher:
        _refresher[0](ids)


def mark_written(project_ids: Iterable[int]) -> None:
    """The projects will be written by the enclosing transaction.

    Outside any `project_writes` block (a door that forgot to open one), the refresh runs right after the commit
    instead: late by a moment, and `check_results` would still find nothing different.
    """
    ids = {int(pk) for pk in project_ids}
    written = _open.get()
    if written is not None:
        written |= ids
    elif ids:
        transaction.on_commit(lambda: _refresh_alone(ids))


def _refresh_alone(ids: set[int]) -> None:
    with transaction.atomic():
        refresh_now(ids)


@contextmanager
def project_writes():
    """A transaction whose written projects are refreshed once, at its end, before it commits."""
    if _open.get() is not None:  # inside another write: the outermost refreshes
        with transaction.atomic():
            yield
        return
    written: set[int] = set()
    token = _open.set(written)
    try:
        with transaction.atomic():
            yield
            if not transaction.get_rollback():  # a preview that writes and rolls back refreshes nothing
                refresh_now(written)
    finally:
        _open.reset(token)


def writes_projects(function):
    """`@transaction.atomic` for a write service, with the refresh of what it wrote before the commit."""
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with project_writes():
            return function(*args, **kwargs)
    return wrapper
