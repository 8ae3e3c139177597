"""Every role of DOMAIN §7 as a named person, and a year with a little of everything to show."""
import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from indicators.services.monitoring import record_monitoring_note
from indicators.services.reports import record_expenditure, record_indicator_report
from tests.conftest import project

ROLES = ["finance", "manager", "auditor", "admin_user", "reviewer", "czj"]


@pytest.fixture
def a_year_in_progress(seeded, finance):
    """2026-08-10: project 2 has a value, a spend and a note; the rest of the year has nothing yet."""
    with time_machine.travel(datetime.datetime(2026, 8, 10, 9, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        training = project(2)
        first = training.indicators.get(order=1)
        record_indicator_report(indicator=first, user=finance, as_of=datetime.date(2026, 7, 31), value=Decimal(80))
        record_expenditure(project=training, user=finance, as_of=datetime.date(2026, 7, 31), amount=Decimal("12.5"))
        record_monitoring_note(project=training, indicator=first, user=finance, as_of=datetime.date(2026, 7, 31),
                               forecast=Decimal(160), reasons=["经费保障"])
        yield training
