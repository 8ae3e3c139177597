"""Project 2 of the 2026 table (培训费, 26.33 万元) and its 培训人数 ≥ 162 人, the line DOMAIN §8's example adjusts."""
import datetime
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth.models import User

from projects.models import Indicator, Project
from projects.written import project_writes
from tests.conftest import project

# Beijing time, inside the budget year: "today" for effective dates and the times shown in messages.
NOW = datetime.datetime(2026, 11, 25, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
SEPT_1 = datetime.date(2026, 9, 1)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Users are logged in with force_login here; hashing their passwords properly only costs time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def training(seeded) -> Project:
    return project(2)


@pytest.fixture
def trainees(training) -> Indicator:
    """培训人数 ≥ 162 人."""
    return training.indicators.get(name="培训人数")


@pytest.fixture
def admin2(db) -> User:
    return User.objects.create_superuser("admin2", password="pw-for-tests-2026", first_name="管理员乙")


def target_change(**overrides) -> dict:
    """162 → 150 from 1 September, the example of the issue."""
    values = {"operator": "≥", "target_text": "150", "unit": "人", "weight": None,
              "reason": "上级压减培训班次，培训人数相应调减", "effective_date": SEPT_1}
    return values | overrides


def budget_change(**overrides) -> dict:
    """26.33 → 24.00 万元 from 1 September."""
    values = {"budget": Decimal("24.00"), "own_level": Decimal("24.00"), "transfer": Decimal("0.00"),
              "reason": "年中预算调减", "effective_date": SEPT_1}
    return values | overrides


@pytest.fixture(scope="module")
def seed_moment():
    """The clock of this folder's tests: a seeded table imported once for a module is dated as theirs are."""
    return NOW


# --- Explicit 分值 (DOMAIN §4 weighting `explicit`) ------------------------------------------------------------------

YEAR_START_POINTS = ["30", "20", "10", "20", "10"]  # project 2's five lines, with the budget line's 10: 100.00
NEW_POINTS = ["10", "30", "10", "30", "10"]


def give_points(project: Project, points: list[str]) -> None:
    """年初 分值 set by hand before the year's first report (the admin's path)."""
    from projects.services.published import save_indicator

    for indicator, value in zip(project.indicators.order_by("order"), points, strict=True):
        indicator.points = Decimal(value)
        save_indicator(indicator=indicator)


@pytest.fixture
def explicit(training, finance) -> Project:
    """Project 2 with its own 分值 (30, 20, 10, 20, 10) and reports as of 31 July: 培训人数 81 of 162 (half),
    完成度 95 of 95, the 定性 line 达成 (100 %), 满意度 90 of 90, 班次 2 of 4 (half); all 26.33 万元 spent.
    Scored 30 × 0.5 + 20 + 10 + 20 + 10 × 0.5 + budget 10 = 80.00."""
    from indicators.services.reports import record_expenditure, record_indicator_report

    with project_writes():  # one refresh of the project's stored result for all eleven writes
        give_points(training, YEAR_START_POINTS)
        july = datetime.date(2026, 7, 31)
        for line, value in zip(training.indicators.order_by("order"), ["81", "95", None, "90", "2"], strict=True):
            if value is None:
                record_indicator_report(indicator=line, user=finance, as_of=july, tier="achieved")
            else:
                record_indicator_report(indicator=line, user=finance, as_of=july, value=Decimal(value))
        record_expenditure(project=training, user=finance, as_of=july, amount=Decimal("26.33"))
    return training


def points_change(project: Project, points: list[str | None], **overrides) -> dict:
    """New 分值 for project 2's lines in published order, from 1 September (NEW_POINTS: 10, 30, 10, 30, 10)."""
    ids = project.indicators.order_by("order").values_list("pk", flat=True)
    values = {"points": dict(zip(ids, points, strict=True)), "reason": "培训班次减少，分值向完成度和满意度倾斜",
              "effective_date": SEPT_1}
    return values | overrides
