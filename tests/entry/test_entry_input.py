"""Input people really type is understood, or refused in Chinese next to its field, keeping everything typed."""
from decimal import Decimal

import pytest

from indicators.models import ExpenditureReport, IndicatorReport
from tests.conftest import project
from tests.entry.helpers import entry_data, entry_url, field


@pytest.fixture
def clerk(client, seeded, finance, year_end):
    client.force_login(finance)
    return client


@pytest.mark.parametrize(
    ("order", "typed", "stored"),
    [
        (1, "１６２", Decimal(162)),  # full-width digits
        (1, "1,000", Decimal(1000)),
        (1, "1，000", Decimal(1000)),  # a full-width comma
        (1, "162人", Decimal(162)),  # the indicator's unit typed after the number
        (1, " 1 62 ", Decimal(162)),
        (2, "95%", Decimal(95)),
        (2, "９５．５％", Decimal("95.5")),
        (2, "99.1234", Decimal("99.1234")),
    ],
)
def test_numbers_as_people_type_them_are_understood(clerk, order, typed, stored):
    training = project(2)
    response = clerk.post(entry_url(training), entry_data(training, {order: typed}))
    assert response.status_code == 302
    assert IndicatorReport.objects.get().value == stored


def test_a_rate_of_saving_may_be_negative(clerk):
    kindergarten = project(5)  # 9: 成本节约率 ≥ 1 %
    response = clerk.post(entry_url(kindergarten), entry_data(kindergarten, {9: "-0.5%"}))
    assert response.status_code == 302
    assert IndicatorReport.objects.get().value == Decimal("-0.5")


def test_an_amount_takes_thousands_separators_and_its_unit(clerk):
    kindergarten = project(5)  # 606.46 万元: 1,234.5 is over it, so it comes with its 超支说明
    clerk.post(entry_url(kindergarten), entry_data(kindergarten, amount="1,234.5万元", over_budget_reason="追加园舍维修"))
    assert ExpenditureReport.objects.get().amount == Decimal("1234.5")


REFUSED = [
    pytest.param(1, "很多", "请输入数字：'很多'", id="text"),
    pytest.param(1, "NaN", "请输入有限的数字：'NaN'", id="nan"),
    pytest.param(1, "Infinity", "请输入有限的数字：'Infinity'", id="infinity"),
    pytest.param(1, "1e5", "请直接输入数字，不要用科学计数法：'1e5'", id="exponent"),
    pytest.param(1, "12345678901234567", "整数部分最多 16 位：'12345678901234567'", id="too-many-digits"),
    pytest.param(2, "95.12345", "最多 4 位小数：'95.12345'", id="too-many-decimals"),
    pytest.param(1, "-5", "不能为负数：'-5'", id="negative-count"),
    pytest.param(2, "-5%", "不能为负数：'-5%'", id="negative-rate-not-of-change"),
    pytest.param(1, "2万人", "单位应为「人」，请按该单位只填数字：'2万人'", id="other-unit"),
    pytest.param(1, "1,00", "千分位逗号的位置不对（小数点请用“.”）：'1,00'", id="misplaced-comma"),
]


@pytest.mark.parametrize(("order", "typed", "message"), REFUSED)
def test_bad_numbers_are_refused_next_to_their_field_and_nothing_is_stored(clerk, order, typed, message):
    training = project(2)
    response = clerk.post(entry_url(training), entry_data(training, {order: typed, 5: "3"}, amount="25"))
    assert response.status_code == 400
    line = response.context["form"].lines[order - 1]
    assert line.errors["value"] == [message]
    assert not IndicatorReport.objects.exists() and not ExpenditureReport.objects.exists()
    html = response.content.decode()
    # What was typed stays, the bad value and the good ones alike; the bad field is marked.
    assert f'name="{field(training, order)}" value="{typed}"' in html
    assert f'name="{field(training, 5)}" value="3"' in html and 'name="exp-amount" value="25"' in html
    assert 'aria-invalid="true"' in html


def test_a_negative_expenditure_is_refused(clerk):
    training = project(2)
    response = clerk.post(entry_url(training), entry_data(training, amount="-3"))
    assert response.context["form"].expenditure.errors["amount"] == ["不能为负数：'-3'"]
    assert not ExpenditureReport.objects.exists()


@pytest.mark.parametrize(
    ("tier", "percent", "message"),
    [
        ("achieved", "79", "「达成年度指标」的得分率应在 80% 至 100%之间：79"),
        ("partial", "80", "「部分达成年度指标并具有一定效果」的得分率应在 60% 至 80%（不含）之间：80"),
        ("failed", "60%", "「未达成年度指标且效果较差」的得分率应在 0% 至 60%（不含）之间：60"),
    ],
)
def test_a_tier_percentage_outside_its_tier_is_refused(clerk, tier, percent, message):
    training = project(2)
    response = clerk.post(entry_url(training), entry_data(training, {3: {"tier": tier, "tier_percent": percent}}))
    assert response.status_code == 400
    assert response.context["form"].lines[2].errors["tier_percent"] == [message]
    assert not IndicatorReport.objects.exists()


def test_a_percentage_without_a_tier_asks_for_the_tier(clerk):
    training = project(2)
    response = clerk.post(entry_url(training), entry_data(training, {3: {"tier_percent": "70"}}))
    assert response.context["form"].lines[2].errors["tier"] == ["请先选择完成档次，再填得分率。"]


@pytest.mark.parametrize(
    ("as_of", "message"),
    [
        ("2025-12-31", "截至日期应在预算年度 2026 年内：2025-12-31"),
        ("2026-12-21", "截至日期不能晚于今天：2026-12-21"),  # today is 2026-12-20
        ("2026-13-01", "日期格式应为 年-月-日，例如 2026-12-20。"),
        ("", "请填写截至日期。"),
    ],
)
def test_an_as_of_date_outside_the_year_or_in_the_future_is_refused(clerk, as_of, message):
    training = project(2)
    response = clerk.post(entry_url(training), entry_data(training, {1: "170"}, as_of=as_of))
    assert response.status_code == 400
    assert response.context["form"].header.errors["as_of"] == [message]
    assert not IndicatorReport.objects.exists()
    assert f'name="{field(training, 1)}" value="170"' in response.content.decode()


def test_a_date_typed_with_slashes_or_in_chinese_is_understood(clerk):
    training = project(2)
    clerk.post(entry_url(training), entry_data(training, {1: "170"}, as_of="2026年7月31日"))
    assert str(IndicatorReport.objects.get().as_of) == "2026-07-31"


def test_a_note_without_a_value_is_not_silently_dropped(clerk):
    training = project(2)
    response = clerk.post(entry_url(training), entry_data(training, {1: {"note": "下周补报"}}))
    assert response.status_code == 400
    assert response.context["form"].lines[0].errors["value"] == ["只填说明或更正原因无法保存：请同时填写本次的数值。"]


def test_an_unknown_tier_is_refused(clerk):
    training = project(2)
    response = clerk.post(entry_url(training), entry_data(training, {3: {"tier": "excellent"}}))
    assert response.context["form"].lines[2].errors["tier"] == ["请从列表中选择完成档次。"]
