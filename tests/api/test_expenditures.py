"""POST and GET /api/projects/<id>/expenditures/: cumulative spending appended through the write path."""
from decimal import Decimal

import pytest

from indicators.models import ExpenditureReport
from tests.conftest import project


def url(seq: int = 1) -> str:
    return f"/api/projects/{project(seq).pk}/expenditures/"


def test_finance_reports_spending_and_gets_the_new_execution_rate(api, seeded, finance):
    # 项目 1: budget 4.60 万元; 4.14 spent → 90 % → 预算执行 9 of 10 points (DOMAIN §4).
    response = api(finance).post(url(), {"amount": "4.14", "as_of": "2026-11-20", "note": "设备款"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert (body["expenditure"]["amount"], body["expenditure"]["project"]) == ("4.14", project(1).pk)
    assert body["evaluation"]["spent"] == "4.14"
    assert Decimal(body["evaluation"]["execution_rate"]) == Decimal("0.9")
    assert Decimal(body["evaluation"]["budget_points"]) == 9
    assert ExpenditureReport.objects.get().amount == Decimal("4.14")


@pytest.mark.parametrize(("typed", "stored"), [("1,086.30", "1086.30"), ("4.14万元", "4.14"), ("４．６", "4.60")])
def test_amounts_are_read_as_clerks_type_them(api, seeded, finance, typed, stored):
    # 项目 9: budget 321.95 万元 (1,086.30 is over it: sent with its 超支说明).
    body = {"amount": typed, "as_of": "2026-11-20", "over_budget_reason": "追加维修"}
    response = api(finance).post(url(9), body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["expenditure"]["amount"] == stored


def test_a_json_number_amount_keeps_its_cents(api, seeded, finance):
    response = api(finance).post(url(), '{"amount": 4.14, "as_of": "2026-11-20"}', content_type="application/json")
    assert response.status_code == 201
    assert response.json()["expenditure"]["amount"] == "4.14"


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"as_of": "2026-11-20"}, "amount", "请填写累计支出金额。"),
        ({"amount": None, "as_of": "2026-11-20"}, "amount", "请填写累计支出金额。"),
        ({"amount": "4.145", "as_of": "2026-11-20"}, "amount", "最多 2 位小数：'4.145'"),
        ({"amount": "-1", "as_of": "2026-11-20"}, "amount", "不能为负数：'-1'"),
        ({"amount": "四块", "as_of": "2026-11-20"}, "amount", "请输入数字：'四块'"),
        ({"amount": "1", "as_of": "2026-12-01"}, "as_of", "截至日期不能晚于今天：2026-12-01"),
        ({"amount": "1", "as_of": "2026-11-20", "note": "a\x00b"}, "note", "Null characters are not allowed."),
    ],
)
def test_bad_amounts_are_refused_with_chinese_messages_and_nothing_stored(api, seeded, finance, body, field, message):
    response = api(finance).post(url(), body, format="json")
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert not ExpenditureReport.objects.exists()


@pytest.mark.parametrize("number", ["1e400", "1E+999999999", "-1e-400", "123456789012345678901234567890"])
def test_numbers_too_large_or_too_fine_for_the_ledger_are_refused(api, seeded, finance, number):
    response = api(finance).post(url(), f'{{"amount": {number}, "as_of": "2026-11-20"}}', content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()) == ["amount"]


def test_messages_are_in_chinese(api, seeded, finance):
    response = api(finance).post(url(), {"amount": "4.145", "as_of": "2026-11-20"}, format="json")
    assert response.json() == {"amount": ["最多 2 位小数：'4.145'"]}


@pytest.mark.parametrize(("who", "status"), [("manager", 403), ("auditor", 403), ("admin_user", 403), ("outsider", 404)])
def test_only_finance_of_the_department_may_report_spending(request, api, seeded, who, status):
    response = api(request.getfixturevalue(who)).post(url(), {"amount": "1", "as_of": "2026-11-20"}, format="json")
    assert response.status_code == status
    assert not ExpenditureReport.objects.exists()


def test_correcting_the_same_row_twice_one_wins_the_other_gets_409(api, seeded, finance, finance2):
    first = api(finance).post(url(), {"amount": "4.00", "as_of": "2026-11-20"}, format="json").json()
    claim = {"amount": "4.14", "as_of": "2026-11-20", "corrects": first["expenditure"]["id"], "reason": "发票补录"}
    won = api(finance).post(url(), claim, format="json")
    lost = api(finance2).post(url(), {**claim, "amount": "4.20"}, format="json")
    assert (won.status_code, lost.status_code) == (201, 409)
    assert lost.json() == {"corrects": ["该记录已被更正过：请在最新记录的基础上更正。"]}
    assert won.json()["evaluation"]["spent"] == "4.14"


def test_the_ledger_lists_spending_newest_first(api, seeded, finance, auditor):
    client = api(finance)
    client.post(url(), {"amount": "1.00", "as_of": "2026-06-30"}, format="json")
    client.post(url(), {"amount": "4.14", "as_of": "2026-11-20"}, format="json")
    ledger = api(auditor).get(url()).json()
    assert [(r["as_of"], r["amount"]) for r in ledger["results"]] == [("2026-11-20", "4.14"), ("2026-06-30", "1.00")]
    assert ledger["results"][0]["entered_by"]["username"] == "finance"
