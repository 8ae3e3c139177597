"""The reports of the August round's scenario (as of 31 July), shared by the monitoring tests and the browser test.

What they mean line by line is drawn in tests/monitoring/conftest.py.
"""
import datetime
from decimal import Decimal

from indicators.services.reports import record_expenditure, record_indicator_report
from projects.models import Indicator
from tests.conftest import project

ROUND = datetime.date(2026, 7, 31)


def indicator(seq: int, order: int) -> Indicator:
    return Indicator.objects.select_related("project").get(project=project(seq), order=order)


def record_august_round(user) -> None:
    """Projects 1 and 2 report as of 31 July; the other 13 stay without reports."""
    record_expenditure(project=project(1), user=user, as_of=ROUND, amount=Decimal("1.20"))
    for order, value in ((1, "3"), (3, "6"), (4, "90"), (5, "96")):
        record_indicator_report(indicator=indicator(1, order), user=user, as_of=ROUND, value=Decimal(value))
    record_expenditure(project=project(2), user=user, as_of=ROUND, amount=Decimal("20.00"))
    for order, value in ((1, "60"), (2, "80"), (5, "2")):
        record_indicator_report(indicator=indicator(2, order), user=user, as_of=ROUND, value=Decimal(value))
    record_indicator_report(indicator=indicator(2, 3), user=user, as_of=ROUND, tier="partial",
                            tier_percent=Decimal(70))
