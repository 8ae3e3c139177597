"""DOMAIN §3: operators, status and completion ratio of an indicator, tiers of 定性 indicators."""
from decimal import Decimal, localcontext

import pytest

from core.parsing import parse_decimal
from indicators import rules
from indicators.rules import Flag, Operator, Status, Tier

D = Decimal
GE, GT, LE, LT, EQ, NONE = Operator.GE, Operator.GT, Operator.LE, Operator.LT, Operator.EQ, Operator.NONE
OVER = (Flag.OVER_ACHIEVEMENT,)


def div(a, b) -> Decimal:
    with localcontext(prec=rules.PRECISION):
        return D(a) / D(b)


def quantitative(operator, target, actual, *, unit="人", name="指标") -> rules.IndicatorInput:
    return rules.IndicatorInput(name=name, operator=operator, target=D(target), unit=unit,
                                level1=rules.Level1.OUTPUT, actual=None if actual is None else D(actual))


def qualitative(tier, percent=None) -> rules.IndicatorInput:
    return rules.IndicatorInput(name="进一步提升", operator=NONE, target=None, unit="", level1=rules.Level1.BENEFIT,
                                tier=tier, tier_percent=None if percent is None else D(percent))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("≥", GE), (">=", GE), ("＞=", GE), ("＞＝", GE), ("≧", GE), ("⩾", GE), (" ≥ ", GE), ("> =", GE),
        (">", GT), ("＞", GT),
        ("≤", LE), ("<=", LE), ("＜=", LE), ("≦", LE), ("⩽", LE),
        ("<", LT), ("＜", LT),
        ("=", EQ), ("＝", EQ), ("==", EQ),
        ("", NONE), ("   ", NONE), ("\u3000", NONE),
    ],
)
def test_operator_spellings_are_normalized(text, expected):
    assert rules.normalize_operator(text) is expected


@pytest.mark.parametrize("text", ["≈", "大于", "=>", "≥≥", "x"])
def test_unknown_operator_is_refused_with_the_text(text):
    with pytest.raises(ValueError, match=f"未知的运算符：'{text}'"):
        rules.normalize_operator(text)


def test_operator_values_are_the_published_symbols():
    assert [op.value for op in Operator] == ["≥", ">", "≤", "<", "=", ""]
    assert rules.is_qualitative(NONE) and rules.is_qualitative("")
    assert not rules.is_qualitative(GE)


# (operator, target, unit, actual, status, ratio before capping, flags): each row computed by hand.
CASES = [
    # ≥: met when actual ≥ target, r = actual / target; over-achievement above 1.2 × target.
    (GE, "162", "人", "150", Status.NOT_MET, div(150, 162), ()),
    (GE, "162", "人", "162", Status.MET, D(1), ()),
    (GE, "100", "人", "120", Status.MET, D("1.2"), ()),
    (GE, "100", "人", "120.01", Status.MET, D("1.2001"), OVER),
    (GE, "0", "人", "0", Status.MET, D(1), ()),
    (GE, "0", "人", "5", Status.MET, D(1), ()),
    (GE, "0", "%", "-1", Status.NOT_MET, D(0), ()),
    (GE, "2", "%", "-1", Status.NOT_MET, D("-0.5"), ()),
    # >: met only strictly above; r = actual / target all the same.
    (GT, "5", "次", "5", Status.NOT_MET, D(1), ()),
    (GT, "5", "次", "6", Status.MET, D("1.2"), ()),
    (GT, "5", "次", "6.5", Status.MET, D("1.3"), OVER),
    (GT, "0", "次", "0", Status.NOT_MET, D(0), ()),
    (GT, "0", "次", "3", Status.MET, D(1), ()),
    # ≤: met when actual ≤ target, r = target / actual; actual 0 is met with r = 1; ≤ 0 is met only by 0.
    (LE, "5", "%", "3", Status.MET, div(5, 3), ()),
    (LE, "5", "%", "5", Status.MET, D(1), ()),
    (LE, "5", "%", "8", Status.NOT_MET, D("0.625"), ()),
    (LE, "5", "人", "0", Status.MET, D(1), ()),
    (LE, "0", "人", "0", Status.MET, D(1), ()),
    (LE, "0", "人", "2", Status.NOT_MET, D(0), ()),
    (LE, "13.5", "元/平方米/月", "15", Status.NOT_MET, D("0.9"), ()),
    (LE, "5", "%", "-2", Status.MET, D(1), ()),
    # <: strictly below; `< 0` is not met by 0 (nothing non-negative is below 0), only by a negative rate.
    (LT, "5", "人", "5", Status.NOT_MET, D(1), ()),
    (LT, "5", "人", "4", Status.MET, D("1.25"), ()),
    (LT, "5", "人", "0", Status.MET, D(1), ()),
    (LT, "0", "%", "0", Status.NOT_MET, D(0), ()),
    (LT, "0", "%", "-1", Status.MET, D(1), ()),
    # =: met when actual ≥ target, r = actual / target below it, else 1; any excess is flagged.
    (EQ, "100", "%", "100", Status.MET, D(1), ()),
    (EQ, "100", "%", "90", Status.NOT_MET, D("0.9"), ()),
    (EQ, "200", "人", "210", Status.MET, D(1), OVER),
    (EQ, "0", "人", "0", Status.MET, D(1), ()),
    (EQ, "0", "人", "1", Status.MET, D(1), OVER),
    (EQ, "0", "%", "-1", Status.NOT_MET, D(0), ()),
    (EQ, "100", "%", "-5", Status.NOT_MET, D("-0.05"), ()),
]


@pytest.mark.parametrize(("operator", "target", "unit", "actual", "status", "ratio", "flags"), CASES)
def test_status_ratio_and_flags_follow_the_operator(operator, target, unit, actual, status, ratio, flags):
    judgement = rules.judge_indicator(quantitative(operator, target, actual, unit=unit))
    assert (judgement.status, judgement.ratio, judgement.flags) == (status, ratio, flags)


def test_no_actual_is_no_data():
    judgement = rules.judge_indicator(quantitative(GE, "162", None))
    assert (judgement.status, judgement.ratio, judgement.flags, judgement.explanation) == (
        Status.NO_DATA, None, (), "未填报")


def test_quantitative_indicator_without_target_is_a_programming_error():
    ind = rules.IndicatorInput(name="培训人数", operator=GE, target=None, unit="人", level1=rules.Level1.OUTPUT,
                               actual=D(1))
    with pytest.raises(ValueError, match="培训人数"):
        rules.judge_indicator(ind)


def test_explanation_shows_the_division_an_auditor_can_redo():
    judgement = rules.judge_indicator(quantitative(GE, "162", "150"))
    assert judgement.explanation == "目标 ≥ 162人，完成值 150人，未达成：完成值 150 ÷ 目标值 162 = 92.59%"


@pytest.mark.parametrize(
    ("operator", "target", "actual", "expected"),
    [
        (LE, "5", "3", "目标 ≤ 5%，完成值 3%，达成：目标值 5 ÷ 完成值 3 = 166.67%，按 100% 计"),
        (LE, "5", "0", "目标 ≤ 5%，完成值 0%，达成：完成值 0 不大于 0，按 100% 计"),
        (EQ, "100", "100", "目标 = 100%，完成值 100%，达成：完成值 100 不低于目标值 100，按 100% 计"),
        (GE, "0", "3", "目标 ≥ 0%，完成值 3%，达成：目标值不为正，达成按 100% 计"),
        (LE, "0", "3", "目标 ≤ 0%，完成值 3%，未达成：目标值不为正，未达成按 0% 计"),
        (GE, "2", "-1", "目标 ≥ 2%，完成值 -1%，未达成：完成值 -1 ÷ 目标值 2 = -50%，按 0% 计"),
    ],
)
def test_explanation_names_operator_numbers_and_capping(operator, target, actual, expected):
    assert rules.judge_indicator(quantitative(operator, target, actual, unit="%")).explanation == expected


def test_over_achievement_asks_for_a_reason_in_the_explanation():
    judgement = rules.judge_indicator(quantitative(GE, "5", "7", unit="次"))
    assert judgement.flags == OVER
    assert judgement.explanation.endswith("。" + rules.OVER_ACHIEVEMENT_MESSAGE)
    assert rules.OVER_ACHIEVEMENT_MESSAGE == "超额较多：请分析原因，如系年初目标设定偏低，可适度调减分值"


def test_over_achievement_factor_is_a_setting():
    settings = rules.RuleSettings(over_achievement_factor=D("1.5"))
    assert rules.judge_indicator(quantitative(GE, "100", "140"), settings).flags == ()
    assert rules.judge_indicator(quantitative(GE, "100", "151"), settings).flags == OVER


@pytest.mark.parametrize(("actual", "status"), [("3", Status.MET), ("5", Status.MET), ("6", Status.NOT_MET)])
def test_teacher_turnover_target_written_5_percent_means_5(actual, status):
    # 教师流失率 ≤ 5% %: the published target carries its unit.
    target = parse_decimal("5%", unit="%")
    assert target == 5
    ind = rules.IndicatorInput(name="教师流失率", operator=LE, target=target, unit="%", level1=rules.Level1.OUTPUT,
                               actual=D(actual))
    assert rules.judge_indicator(ind).status is status


@pytest.mark.parametrize(
    ("tier", "percent", "status", "ratio"),
    [
        (Tier.ACHIEVED, None, Status.MET, D(1)),
        (Tier.ACHIEVED, "85", Status.MET, D("0.85")),
        (Tier.PARTIAL, None, Status.NOT_MET, D("0.7")),
        (Tier.PARTIAL, "60", Status.NOT_MET, D("0.6")),
        (Tier.FAILED, None, Status.NOT_MET, D("0.3")),
        (Tier.FAILED, "0", Status.NOT_MET, D(0)),
        (None, None, Status.NO_DATA, None),
    ],
)
def test_qualitative_status_and_ratio_come_from_the_tier(tier, percent, status, ratio):
    judgement = rules.judge_indicator(qualitative(tier, percent))
    assert (judgement.status, judgement.ratio, judgement.flags) == (status, ratio, ())


def test_qualitative_explanation_names_tier_and_percentage():
    judgement = rules.judge_indicator(qualitative(Tier.PARTIAL))
    assert judgement.explanation == "定性指标：部分达成年度指标并具有一定效果，得分率 70%"


@pytest.mark.parametrize(
    ("tier", "percent"),
    [
        (Tier.ACHIEVED, "80"), (Tier.ACHIEVED, "100"), (Tier.ACHIEVED, "90.5"),
        (Tier.PARTIAL, "60"), (Tier.PARTIAL, "79.99"),
        (Tier.FAILED, "0"), (Tier.FAILED, "59.99"),
    ],
)
def test_tier_percent_inside_its_band_is_accepted(tier, percent):
    rules.check_tier_percent(tier, D(percent))


@pytest.mark.parametrize(
    ("tier", "percent", "message"),
    [
        (Tier.ACHIEVED, "79.99", "「达成年度指标」的得分率应在 80% 至 100%之间：79.99"),
        (Tier.ACHIEVED, "100.01", "「达成年度指标」的得分率应在 80% 至 100%之间：100.01"),
        (Tier.PARTIAL, "80", "「部分达成年度指标并具有一定效果」的得分率应在 60% 至 80%（不含）之间：80"),
        (Tier.PARTIAL, "85", "「部分达成年度指标并具有一定效果」的得分率应在 60% 至 80%（不含）之间：85"),
        (Tier.PARTIAL, "59.99", "「部分达成年度指标并具有一定效果」的得分率应在 60% 至 80%（不含）之间：59.99"),
        (Tier.FAILED, "60", "「未达成年度指标且效果较差」的得分率应在 0% 至 60%（不含）之间：60"),
        (Tier.FAILED, "-1", "「未达成年度指标且效果较差」的得分率应在 0% 至 60%（不含）之间：-1"),
        (Tier.FAILED, "NaN", "「未达成年度指标且效果较差」的得分率应在 0% 至 60%（不含）之间：NaN"),
    ],
)
def test_tier_percent_outside_its_band_is_refused(tier, percent, message):
    with pytest.raises(ValueError) as refused:
        rules.check_tier_percent(tier, D(percent))
    assert str(refused.value) == message


def test_tier_labels_and_default_bands():
    assert rules.TIER_LABELS == {
        Tier.ACHIEVED: "达成年度指标",
        Tier.PARTIAL: "部分达成年度指标并具有一定效果",
        Tier.FAILED: "未达成年度指标且效果较差",
    }
    bands = rules.DEFAULT_SETTINGS.tier_bands
    assert [bands[t].default for t in Tier] == [D(100), D(70), D(30)]


@pytest.mark.parametrize(
    ("name", "unit", "allowed"),
    [
        ("单位能耗成本下降率", "%", True),
        ("收入增长率", "％", True),
        ("成本节约率", "%", True),
        ("成本节约率", "万元", False),  # a rate of change is a percentage
        ("教师流失率", "%", False),
        ("培训人数", "人", False),
    ],
)
def test_only_rates_of_change_may_be_negative(name, unit, allowed):
    assert rules.allows_negative(name=name, unit=unit) is allowed


def test_status_labels():
    assert rules.STATUS_LABELS == {Status.MET: "达成", Status.NOT_MET: "未达成", Status.NO_DATA: "未填报"}
