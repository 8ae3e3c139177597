"""Sane inputs on the entry form (DOMAIN §3): bounded rates, 元 typed for 万元, spending over budget with its reason."""
from decimal import Decimal

import pytest

from indicators.models import ExpenditureReport, IndicatorReport
from tests.conftest import project
from tests.entry.helpers import entry_data, entry_url

# Project 1 (设备购置经费, 4.60 万元): 2 使用人员满意度 ≥ 95 %, 4 设备利用率 ≥ 95 %.
# Project 6 (妇女儿童维权经费, 6.50 万元); project 2 (培训费, 26.33 万元).


@pytest.fixture
def clerk(client, seeded, finance, year_end):
    client.force_login(finance)
    return client


@pytest.mark.parametrize(("order", "typed"), [(2, "1,000"), (2, "1000%"), (4, "150")])
def test_a_bounded_rate_above_100_is_refused_and_nothing_is_stored(clerk, order, typed):
    equipment = project(1)
    response = clerk.post(entry_url(equipment), entry_data(equipment, {order: typed, 1: "8"}, amount="4"))
    assert response.status_code == 400
    assert response.context["form"].lines[order - 1].errors["value"] == ["比率不能超过 100%"]
    assert not IndicatorReport.objects.exists() and not ExpenditureReport.objects.exists()


def test_a_rate_of_100_is_accepted(clerk):
    equipment = project(1)
    clerk.post(entry_url(equipment), entry_data(equipment, {2: "100%"}))
    assert IndicatorReport.objects.get().value == Decimal(100)


def test_12000_against_26_33_is_refused_as_yuan_typed_for_wanyuan(clerk):
    training = project(2)
    response = clerk.post(entry_url(training), entry_data(training, amount="12,000"))
    assert response.status_code == 400
    assert response.context["form"].expenditure.errors["amount"] == [
        "金额单位为万元：12,000.00 万元是预算的 455.75 倍，是否按元填写？"
    ]
    assert not ExpenditureReport.objects.exists()


def test_spending_over_budget_without_a_reason_is_refused_next_to_the_reason(clerk):
    rights = project(6)
    response = clerk.post(entry_url(rights), entry_data(rights, amount="7.00"))
    assert response.status_code == 400
    assert response.context["form"].expenditure.errors["over_budget_reason"] == [
        "超支：累计支出 7.00 万元超过预算 6.50 万元，请填写超支说明。"
    ]
    assert 'name="exp-amount" value="7.00"' in response.content.decode()
    assert not ExpenditureReport.objects.exists()


def test_spending_over_budget_with_a_reason_is_stored_and_flagged_over_budget(clerk):
    rights = project(6)
    page = clerk.post(entry_url(rights), entry_data(rights, amount="7.00", over_budget_reason="追加普法市集场地费"),
                      follow=True)
    row = ExpenditureReport.objects.get()
    assert (row.amount, row.over_budget_reason) == (Decimal("7.00"), "追加普法市集场地费")
    assert '7.00 万元 <span class="badge red" data-flag="over_budget">超支</span>' in page.content.decode()
