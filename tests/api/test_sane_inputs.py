"""Sane inputs through the API (DOMAIN §3): 400 {field: [messages]}, nothing stored; overspending flagged."""
from decimal import Decimal

import pytest

from indicators.models import ExpenditureReport, IndicatorReport
from tests.api.conftest import indicator_of
from tests.conftest import project


def expenditures_url(seq: int) -> str:
    return f"/api/projects/{project(seq).pk}/expenditures/"


@pytest.mark.parametrize(("order", "value"), [(2, "1000"), (2, 1000), (4, "150%")])
def test_a_bounded_rate_above_100_is_refused(api, seeded, finance, order, value):
    # 项目 1: 2 使用人员满意度 ≥ 95 %, 4 设备利用率 ≥ 95 %.
    url = f"/api/indicators/{indicator_of(1, order).pk}/reports/"
    response = api(finance).post(url, {"value": value, "as_of": "2026-11-20"}, format="json")
    assert (response.status_code, response.json()) == (400, {"value": ["比率不能超过 100%"]})
    assert not IndicatorReport.objects.exists()


def test_12000_against_26_33_is_refused(api, seeded, finance):
    response = api(finance).post(expenditures_url(2), {"amount": "12000", "as_of": "2026-11-20"}, format="json")
    assert (response.status_code, response.json()) == (
        400, {"amount": ["金额单位为万元：12,000.00 万元是预算的 455.75 倍，是否按元填写？"]}
    )
    assert not ExpenditureReport.objects.exists()


def test_overspending_without_a_reason_is_refused(api, seeded, finance):
    response = api(finance).post(expenditures_url(6), {"amount": "7.00", "as_of": "2026-11-20"}, format="json")
    assert (response.status_code, response.json()) == (
        400, {"over_budget_reason": ["超支：累计支出 7.00 万元超过预算 6.50 万元，请填写超支说明。"]}
    )
    assert not ExpenditureReport.objects.exists()


def test_overspending_with_a_reason_is_stored_flagged_and_red(api, seeded, finance):
    body = {"amount": "7.00", "as_of": "2026-11-20", "over_budget_reason": "追加普法市集场地费"}
    response = api(finance).post(expenditures_url(6), body, format="json")
    assert response.status_code == 201
    created = response.json()
    assert created["expenditure"]["over_budget_reason"] == "追加普法市集场地费"
    assert (created["evaluation"]["over_budget"], created["evaluation"]["budget_level"]) == (True, "red")
    assert created["evaluation"]["budget_points"] == "10.00"  # capped at the budget line's 10
    assert ExpenditureReport.objects.get().amount == Decimal("7.00")


def test_spending_within_the_budget_is_not_flagged(api, seeded, finance):
    response = api(finance).post(expenditures_url(6), {"amount": "6.50", "as_of": "2026-11-20"}, format="json")
    assert response.json()["evaluation"]["over_budget"] is False
