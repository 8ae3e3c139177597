"""Every role of DOMAIN §7 as a named person, and a year with a little of everything to show."""
import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from indicators.services.monitoring import record_monitoring_note
from indicators.services.reports import record_expenditure, record_indicator_report
from tests.conftest import built_once_per_module, project, the_department, the_finance

ROLES = ["finance", "manager", "auditor", "admin_user", "reviewer", "czj"]


AUGUST_10 = datetime.datetime(2026, 8, 10, 9, tzinfo=ZoneInfo("Asia/Shanghai"))


def enter_a_little_of_everything():
    finance = the_finance(the_department())
    with time_machine.travel(AUGUST_10, tick=False):
        training = project(2)
        first = training.indicators.get(order=1)
        record_indicator_report(indicator=first, user=finance, as_of=datetime.date(2026, 7, 31), value=Decimal(80))
        record_expenditure(project=training, user=finance, as_of=datetime.date(2026, 7, 31), amount=Decimal("12.5"))
        record_monitoring_note(project=training, indicator=first, user=finance, as_of=datetime.date(2026, 7, 31),
                               forecast=Decimal(160), reasons=["经费保障"])


@pytest.fixture
@built_once_per_module(enter_a_little_of_everything)
def a_year_in_progress(seeded, finance, built):
    """2026-08-10: project 2 has a value, a spend and a note; the rest of the year has nothing yet."""
    built(enter_a_little_of_everything)
    with time_machine.travel(AUGUST_10, tick=False):
        yield project(2)


@pytest.fixture(scope="module")
def seed_moment():
    """Now, as for a test's own import: `a_year_in_progress` moves the clock only after the table is in."""
    return None
