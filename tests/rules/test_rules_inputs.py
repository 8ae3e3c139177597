"""Sane inputs (DOMAIN §3): bounded rates, spending over the budget, 元 typed for 万元; the rules alone."""
from decimal import Decimal as D

import pytest

from indicators import rules


@pytest.mark.parametrize(
    ("name", "unit", "bounded"),
    [
        ("使用人员满意度", "%", True),
        ("设备利用率", "%", True),
        ("教师流失率", "％", True),  # full-width percent sign
        ("培训计划按期完成度", "%", False),  # a % that may exceed 100
        ("就业增长率", "%", False),
        ("满意度调查次数", "次", False),  # the word without the % unit
    ],
)
def test_a_bounded_rate_is_a_percent_named_as_a_share(name, unit, bounded):
    assert rules.is_bounded_rate(name=name, unit=unit) is bounded


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("使用人员满意度", "1000", "比率不能超过 100%"),
        ("设备利用率", "150", "比率不能超过 100%"),
        ("设备利用率", "100", None),
        ("设备利用率", None, None),
        ("培训计划按期完成度", "150", None),
    ],
)
def test_a_bounded_rate_above_100_is_refused(name, value, message):
    assert rules.bounded_rate_refusal(name=name, unit="%", value=None if value is None else D(value)) == message


def test_the_bounded_words_are_part_of_the_rule_profile():
    local = rules.RuleSettings(bounded_rate_words=("完成度",))
    assert rules.bounded_rate_refusal(name="培训计划按期完成度", unit="%", value=D(101), settings=local) == "比率不能超过 100%"
    assert rules.bounded_rate_refusal(name="设备利用率", unit="%", value=D(150), settings=local) is None
    assert "覆盖率" in rules.DEFAULT_SETTINGS.bounded_rate_words


def test_12000_against_26_33_is_refused_as_yuan_typed_for_wanyuan():
    assert rules.unit_mistake_refusal(budget=D("26.33"), amount=D("12000")) == (
        "金额单位为万元：12,000.00 万元是预算的 455.75 倍，是否按元填写？"
    )


@pytest.mark.parametrize(
    ("budget", "amount"),
    [("26.33", "263.30"), ("26.33", "7.00"), ("0", "5.00"), ("26.33", None)],  # 10 × exactly is still accepted
)
def test_amounts_up_to_ten_times_the_budget_are_not_a_unit_mistake(budget, amount):
    assert rules.unit_mistake_refusal(budget=D(budget), amount=None if amount is None else D(amount)) is None


def test_the_unit_mistake_factor_is_a_setting():
    assert rules.unit_mistake_refusal(budget=D(10), amount=D(60), settings=rules.RuleSettings(
        unit_mistake_factor=D(5))) == "金额单位为万元：60.00 万元是预算的 6 倍，是否按元填写？"


def test_7_against_6_50_needs_a_reason_and_is_accepted_with_one():
    assert rules.over_budget_refusal(budget=D("6.50"), amount=D("7.00"), reason="  ") == (
        "超支：累计支出 7.00 万元超过预算 6.50 万元，请填写超支说明。"
    )
    assert rules.over_budget_refusal(budget=D("6.50"), amount=D("7.00"), reason="追加设备维修") is None
    assert rules.over_budget_refusal(budget=D("6.50"), amount=D("6.50"), reason="") is None


def test_spending_on_a_budget_of_0_is_over_it():
    assert rules.is_spending_over_budget(budget=D(0), amount=D("0.01")) is True
    assert rules.is_spending_over_budget(budget=D(0), amount=None) is False
    assert rules.over_budget_refusal(budget=D(0), amount=D(1), reason="", what="全年预计执行数") == (
        "超支：全年预计执行数 1.00 万元超过预算 0.00 万元，请填写超支说明。"
    )


@pytest.mark.parametrize(("budget", "spent"), [("6.50", "7.00"), ("0", "0.01")])
def test_spending_over_budget_is_red_whatever_the_time_progress(budget, spent):
    # At 1 Jan nothing is due yet (t ≈ 0 counts as green), yet overspending is already red.
    progress, level = rules.budget_monitoring(budget=D(budget), spent=D(spent), time_progress=D(0))
    assert level is rules.Level.RED
