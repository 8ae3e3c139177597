"""Project 2 of the 2026 table (培训费, 26.33 万元) and its 培训人数 ≥ 162 人, the line DOMAIN §8's example adjusts."""
import datetime
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth.models import User

from projects.models import Indicator, Project
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
