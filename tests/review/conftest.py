"""Review tests: the seeded 2026 table at year end (Beijing time), with a reviewer and a second reviewer."""
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from core.roles import BUREAU, REVIEWER
from tests.conftest import make_user

YEAR_END = datetime(2026, 12, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def year_end():
    with time_machine.travel(YEAR_END, tick=False):
        yield YEAR_END.date()


@pytest.fixture
def reviewer(department):
    return make_user("reviewer", group=REVIEWER, department=department, first_name="审核丙")


@pytest.fixture
def outside_reviewer(other_department):
    return make_user("reviewer-other", group=REVIEWER, department=other_department)


@pytest.fixture
def bureau(db):
    return make_user("czj", group=BUREAU, first_name="财政丁")
