"""Year-end tests: the seeded 2026 table with the scenario's reports in, at year end (Beijing time)."""
from datetime import datetime
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from tests.conftest import built_once_per_module, person, project, the_department, the_finance

SCENARIO = Path(__file__).resolve().parent.parent / "scenarios" / "reports_2026.csv"
YEAR_END = datetime(2026, 12, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def year_end():
    with time_machine.travel(YEAR_END, tick=False):
        yield YEAR_END.date()


def import_the_reports():
    the_finance(the_department())
    with time_machine.travel(YEAR_END, tick=False):
        call_command("import_reports", str(SCENARIO), department="宁波市妇女联合会", year=2026, user="finance",
                     stdout=StringIO())


@pytest.fixture
@built_once_per_module(import_the_reports)
def scenario(seeded, finance, built):
    """The seed with the scenario's reports (projects 1, 3 and 7), imported by `finance` as `make run` would."""
    built(import_the_reports)
    return seeded


def line(seq: int, order: int):
    return project(seq).indicators.get(order=order)


@pytest.fixture
def reviewer(department):
    """The department's 审核人员: records 偏离度 deductions."""
    from core.roles import REVIEWER

    return person("reviewer", group=REVIEWER, department=department, first_name="审核丙")


@pytest.fixture(scope="module")
def seed_moment():
    """The clock of this folder's tests: a seeded table imported once for a module is dated as theirs are."""
    return YEAR_END
