"""Requests no page can mean are refused with a Chinese message (400 or 404), never answered with a 500."""
import json

import pytest
from django.test import Client

from projects.models import Indicator
from tests.conftest import make_user

NUL_ADDRESSES = [
    "/?department=%00",
    "/projects/?department=nb%00fl",
    "/monitoring/?department=%00",
    "/exports/2026.xlsx?department=%00",
    "/exports/2026/monitoring.xlsx?department=%00",
    "/monitoring/?year=2026&department=%FF%FE",  # not UTF-8: Django would read U+FFFD
    "/admin/projects/indicatoradjustment/?state=%00",
    "/api/projects/?department=%00",
]


@pytest.fixture
def admin_client(seeded, admin_user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize("address", NUL_ADDRESSES)
def test_a_nul_or_undecodable_byte_in_the_address_is_refused_in_chinese(admin_client, address):
    response = admin_client.get(address)
    assert response.status_code == 400
    assert "无法识别的字符" in response.content.decode()


def test_the_api_refuses_it_as_json(admin_client):
    response = admin_client.get("/api/projects/?department=%00")
    assert response.headers["Content-Type"] == "application/json"
    assert response.json() == {"non_field_errors": ["请求地址中含有无法识别的字符（如空字符或乱码），请检查后重试。"]}


@pytest.mark.parametrize("address", ["/exports/0/monitoring.xlsx", "/exports/10000/monitoring.xlsx",
                                     "/exports/0000.xlsx", "/exports/10000.xlsx"])
def test_a_year_outside_the_calendar_is_not_found(admin_client, address):
    assert admin_client.get(address).status_code == 404


def test_json_nested_a_thousand_deep_is_a_400(seeded, finance):
    client = Client(raise_request_exception=False)
    client.force_login(finance)
    body = "[" * 1000 + "]" * 1000
    response = client.post(f"/api/indicators/{Indicator.objects.first().pk}/reports/", body, content_type="application/json")
    assert response.status_code == 400
    assert "嵌套层数过多" in json.dumps(response.json(), ensure_ascii=False)


def test_ordinary_addresses_still_open(admin_client):
    assert admin_client.get("/?department=nbfl").status_code == 200
    assert admin_client.get("/projects/?year=2026").status_code == 200


def test_a_plain_user_with_no_role_gets_the_same_refusal(db):
    client = Client(raise_request_exception=False)
    client.force_login(make_user("nobody"))
    assert client.get("/?department=%00").status_code == 400


def test_a_body_over_the_limit_is_a_json_413(seeded, finance, settings):
    client = Client(raise_request_exception=False)
    client.force_login(finance)
    body = json.dumps({"value": "1", "as_of": "2026-07-31", "note": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})
    response = client.post(f"/api/indicators/{Indicator.objects.first().pk}/reports/", body, content_type="application/json")
    assert response.status_code == 413
    assert response.json() == {"non_field_errors": [f"请求体过大：不能超过 {settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1024} KB。"]}
