"""The dates a read means when it names none: today within the budget year, the monitoring rounds."""
import datetime

from django.conf import settings
from django.utils import timezone


def default_as_of(year: int) -> datetime.date:
    """Today (Beijing time) inside the budget year; its last day for a past year, its first for a future one."""
    today = timezone.localdate()
    return min(max(today, datetime.date(year, 1, 1)), datetime.date(year, 12, 31))


def monitoring_rounds(year: int) -> list[datetime.date]:
    return [datetime.date(year, month, day) for month, day in settings.PERF_MONITORING_ROUNDS]


def latest_round(year: int) -> datetime.date:
    """The latest monitoring round not after today; the first round when none has passed yet."""
    today = timezone.localdate()
    rounds = monitoring_rounds(year)
    passed = [d for d in rounds if d <= today]
    return passed[-1] if passed else rounds[0]
