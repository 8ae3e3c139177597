"""Reads of the entry pages: the projects a finance clerk fills in."""
from core.roles import is_finance
from indicators.selectors.dates import default_as_of
from indicators.selectors.evaluation import Evaluation, evaluate
from projects.models import Department


def writable_departments(user):
    """The departments whose reports this user may write (DOMAIN §7: finance, own department)."""
    if not is_finance(user):
        return Department.objects.none()
    return Department.objects.filter(memberships__user=user)


def entry_overview(*, user, year: int) -> Evaluation:
    """Every project the clerk may fill in, evaluated as of today (7 queries: see evaluate)."""
    return evaluate(year=year, as_of=default_as_of(year), departments=writable_departments(user))
