"""API test helpers: token clients for the named people, today frozen, the scenario of reports posted through the API."""
import csv
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from rest_framework.test import APIClient

from indicators.api.tokens import issue_token
from tests.conftest import built_once_per_module, project, the_department, the_finance

SCENARIO = Path(__file__).resolve().parent.parent / "scenarios" / "reports_2026.csv"
# 2026-11-25 10:00 in Beijing: as-of dates after it are in the future, the default as-of is 2026-11-25.
TODAY = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY.date()


def token_client(user) -> APIClient:
    """What a script does: every request carries `Authorization: Token <key>`."""
    client = APIClient()
    token, _ = issue_token(username=user.username)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def api():
    return token_client


def indicator_of(seq: int, order: int):
    return project(seq).indicators.get(order=order)


def post_scenario(client: APIClient) -> int:
    """Posts every row of tests/scenarios/reports_2026.csv through the API; returns the number stored."""
    stored = 0
    with SCENARIO.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            body = {"as_of": row["as_of"], "note": row["note"]}
            if row["indicator_order"]:
                url = f"/api/indicators/{indicator_of(int(row['project_seq']), int(row['indicator_order'])).pk}/reports/"
                if row["tier"]:
                    body.update(tier=row["tier"], tier_percent=row["tier_percent"])
                else:
                    body["value"] = row["value"]
            else:
                url = f"/api/projects/{project(int(row['project_seq'])).pk}/expenditures/"
                body["amount"] = row["value"]
            response = client.post(url, body, format="json")
            assert response.status_code == 201, (url, body, response.json())
            stored += 1
    return stored


def post_the_scenario():
    with time_machine.travel(TODAY, tick=False):
        assert post_scenario(token_client(the_finance(the_department()))) == 19


@pytest.fixture
@built_once_per_module(post_the_scenario)
def scenario(seeded, finance, built):
    """The seed with the scenario's 19 reports and expenditures, posted by `finance` through the API."""
    built(post_the_scenario)
    return seeded


@pytest.fixture(scope="module")
def seed_moment():
    """The clock of this folder's tests: a seeded table imported once for a module is dated as theirs are."""
    return TODAY
