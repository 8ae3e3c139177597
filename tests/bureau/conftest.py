"""A small city: three generated departments of 15 projects (indicators.demo_data, as `generate_demo` makes them),
the finance bureau's clerk (财政人员), an auditor and a manager of one department."""
import datetime

import pytest

from core.roles import AUDITOR, BUREAU, MANAGER
from indicators.demo_data import load_demo
from projects.models import Department
from tests.conftest import make_user

AS_OF = datetime.date(2026, 7, 31)  # the generated ledger's August monitoring round
CITY_URL = f"/bureau/?year=2026&as_of={AS_OF:%Y-%m-%d}"


@pytest.fixture
def city(db) -> list[Department]:
    load_demo(departments=3, projects=45, seed=2026, year=2026)
    return list(Department.objects.order_by("code"))


@pytest.fixture
def czj(db):
    return make_user("czj", group=BUREAU, first_name="财政局甲")


@pytest.fixture
def city_auditor(db):
    return make_user("city-auditor", group=AUDITOR)


@pytest.fixture
def city_manager(city):
    return make_user("city-manager", group=MANAGER, department=city[0])
