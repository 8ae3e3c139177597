"""Entry tests happen at year end (Beijing time), so that every as-of date of 2026 is allowed."""
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

YEAR_END = datetime(2026, 12, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def year_end():
    with time_machine.travel(YEAR_END, tick=False):
        yield YEAR_END


@pytest.fixture(scope="module")
def seed_moment():
    """Now, as for a test's own import: the tests read no date of the table's import, and most took the table
    before `year_end` moved the clock."""
    return None
