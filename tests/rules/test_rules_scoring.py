"""DOMAIN §4: points by class and weight, indicator points, budget execution, project total and grade."""
from decimal import Decimal, localcontext

import pytest

from indicators import rules
from indicators.rules import Level1, Operator, Status, Tier

D = Decimal
OUT, BEN, SAT = Level1.OUTPUT, Level1.BENEFIT, Level1.SATISFACTION


def div(a, b, times=1) -> Decimal:
    """times × a ÷ b, computed as the rules do (40 digits)."""
    with localcontext(prec=rules.PRECISION):
        return D(times) * (D(a) / D(b))


def ind(level1=OUT, operator=Operator.GE, target="10", actual=None, *, unit="次", weight=None, tier=None,
        percent=None) -> rules.IndicatorInput:
    return rules.IndicatorInput(
        name="指标", operator=operator, target=None if target is None else D(target), unit=unit, level1=level1,
        weight=None if weight is None else D(weight), actual=None if actual is None else D(actual), tier=tier,
        tier_percent=None if percent is None else D(percent),
    )


@pytest.mark.parametrize(
    ("classes", "expected"),
    [
        # Project 7 of the seed: 4 产出 + 1 满意度 → 75 / 15.
        ([OUT, OUT, OUT, OUT, SAT], ["18.75", "18.75", "18.75", "18.75", "15"]),
        # Project 15: 4 产出 + 1 效益 → 56.25 / 33.75; 56.25 / 4 = 14.0625 → 14.06 each, the spare cent to the first.
        ([BEN, OUT, OUT, OUT, OUT], ["33.75", "14.07", "14.06", "14.06", "14.06"]),
        ([OUT, SAT, BEN, OUT], ["25", "10", "30", "25"]),
        ([BEN, SAT], ["67.5", "22.5"]),
        ([SAT], ["90"]),
        ([], []),
    ],
)
def test_points_go_by_class_and_missing_classes_are_redistributed(classes, expected):
    assert rules.allocate_points([(level, None) for level in classes]) == [D(x) for x in expected]


def test_weights_share_a_class_in_proportion_and_none_counts_as_one():
    shares = rules.allocate_points([(OUT, D(2)), (OUT, None), (OUT, D(1)), (BEN, D(5)), (SAT, None)])
    assert shares == [D(25), D("12.5"), D("12.5"), D(30), D(10)]


def test_weight_zero_gets_nothing_and_all_zero_weights_share_equally():
    assert rules.allocate_points([(OUT, D(0)), (OUT, D(3)), (BEN, D(0)), (BEN, D(0)), (SAT, None)]) == [
        D(0), D(50), D(15), D(15), D(10)]


def test_negative_weight_is_refused():
    with pytest.raises(ValueError, match="权重不能为负数"):
        rules.allocate_points([(OUT, D(-1))])


def test_thirds_are_hundredths_that_add_up_to_the_class_points_earlier_lines_taking_the_spare_cents():
    shares = rules.allocate_points([(OUT, None)] * 3 + [(BEN, None), (SAT, None)])
    assert shares == [D("16.67"), D("16.67"), D("16.66"), D("30.00"), D("10.00")]
    assert sum(shares) == D("90.00")
    assert [str(share) for share in shares] == ["16.67", "16.67", "16.66", "30.00", "10.00"]


def test_spare_cents_go_to_the_largest_remainders_first():
    # 50 by weights 2 : 1 is 33.333… and 16.666…: cut to 33.33 and 16.66, the spare cent to the larger remainder.
    assert rules.allocate_points([(OUT, D(2)), (OUT, D(1)), (BEN, None), (SAT, None)])[:2] == [D("33.33"), D("16.67")]
    # 满意度 10 over 3 lines: 3.34, 3.33, 3.33.
    assert rules.allocate_points([(SAT, None)] * 3 + [(OUT, None), (BEN, None)])[:3] == [
        D("3.34"), D("3.33"), D("3.33")]
    # 产出 50 over 7 lines (with 效益 and 满意度): 7.142857… each, so 7.14 × 7 = 49.98 and two spare cents.
    assert rules.allocate_points([(OUT, None)] * 7 + [(BEN, None), (SAT, None)])[:7] == [D("7.15")] * 2 + [D("7.14")] * 5


def test_class_points_that_are_not_whole_hundredths_are_shared_among_the_classes_first():
    # 产出 40, 效益 30, 满意度 20; without 满意度 the 90 split 40 : 30 is 51.428… and 38.571…: 51.43 and 38.57.
    settings = rules.RuleSettings(class_points={OUT: D(40), BEN: D(30), SAT: D(20)})
    assert rules.allocate_points([(OUT, None), (BEN, None)], settings) == [D("51.43"), D("38.57")]
    # 产出 70, 满意度 20, no 效益: 90 × 70/90 = 70 and 20 exactly, nothing to share.
    settings = rules.RuleSettings(class_points={OUT: D(70), BEN: D(0), SAT: D(20)})
    assert rules.allocate_points([(OUT, None), (SAT, None)], settings) == [D("70.00"), D("20.00")]


def test_class_points_are_settings():
    ningbo = rules.RuleSettings(class_points={OUT: D(40), BEN: D(40), SAT: D(10)})
    assert rules.allocate_points([(OUT, None), (BEN, None)], ningbo) == [D(45), D(45)]


def test_present_classes_worth_nothing_share_the_points_equally():
    settings = rules.RuleSettings(class_points={OUT: D(90), BEN: D(0), SAT: D(0)})
    assert rules.allocate_points([(BEN, None), (SAT, None)], settings) == [D(45), D(45)]


def test_indicator_points_and_explanation():
    score = rules.score_indicator(ind(target="162", actual="150", unit="人"), D(10))
    assert score.points == D("9.26")  # 10 × 150/162 = 9.259… rounded half up to the cent
    assert (score.status, score.points_possible) == (Status.NOT_MET, D(10))
    assert score.explanation.endswith("完成值 150 ÷ 目标值 162 = 92.59%，得 9.26 分（分值 10 分）")


def test_ratio_above_one_scores_full_points_only():
    score = rules.score_indicator(ind(Level1.OUTPUT, Operator.LE, "5", "3", unit="%"), D("18.75"))
    assert score.ratio == div(5, 3)
    assert score.points == D("18.75")
    assert score.explanation == (
        "目标 ≤ 5%，完成值 3%，达成：目标值 5 ÷ 完成值 3 = 166.67%，按 100% 计，得 18.75 分（分值 18.75 分）")


def test_negative_ratio_scores_zero():
    score = rules.score_indicator(ind(operator=Operator.GE, target="2", actual="-1", unit="%"), D(10))
    assert score.points == 0


def test_over_achievement_keeps_the_score_and_adds_the_hint():
    score = rules.score_indicator(ind(target="5", actual="7"), D(10))
    assert score.points == 10
    assert score.flags == (rules.Flag.OVER_ACHIEVEMENT,)
    assert score.explanation == (
        "目标 ≥ 5次，完成值 7次，达成：完成值 7 ÷ 目标值 5 = 140%，按 100% 计，得 10 分（分值 10 分）。"
        + rules.OVER_ACHIEVEMENT_MESSAGE)


def test_no_data_scores_zero():
    score = rules.score_indicator(ind(actual=None), D("18.75"))
    assert (score.status, score.ratio, score.points) == (Status.NO_DATA, None, D(0))
    assert score.explanation == "未填报，得 0 分（分值 18.75 分）"


@pytest.mark.parametrize(
    ("tier", "percent", "points"),
    # 33.75 × 70 % = 23.625 and × 50 % = 16.875: half a cent rounds up.
    [(Tier.ACHIEVED, None, "33.75"), (Tier.PARTIAL, None, "23.63"), (Tier.FAILED, "50", "16.88")],
)
def test_qualitative_scores_its_tier_percentage(tier, percent, points):
    score = rules.score_indicator(ind(BEN, Operator.NONE, None, unit="", tier=tier, percent=percent), D("33.75"))
    assert score.points == D(points)


def test_qualitative_explanation():
    score = rules.score_indicator(ind(BEN, Operator.NONE, None, unit="", tier=Tier.PARTIAL), D(10))
    assert score.explanation == "定性指标：部分达成年度指标并具有一定效果，得分率 70%，得 7 分（分值 10 分）"


def test_percentage_outside_a_moved_band_still_scores_within_the_points():
    # Bands may change after entry; an old 100 % of a tier now capped lower still scores, clamped to the points.
    score = rules.score_indicator(ind(BEN, Operator.NONE, None, unit="", tier=Tier.ACHIEVED, percent="120"), D(10))
    assert score.points == 10


@pytest.mark.parametrize(
    ("budget", "spent", "rate", "points", "explanation"),
    [
        ("100", "85", D("0.85"), D("8.5"), "支出 85 万元 ÷ 预算 100 万元 = 执行率 85%，得 8.5 分（分值 10 分）"),
        ("100", "120", D("1.2"), D(10), "支出 120 万元 ÷ 预算 100 万元 = 执行率 120%，按 100% 计，得 10 分（分值 10 分）"),
        ("26.33", "0", D(0), D(0), "支出 0 万元 ÷ 预算 26.33 万元 = 执行率 0%，得 0 分（分值 10 分）"),
        ("100", "-5", D("-0.05"), D(0), "支出 -5 万元 ÷ 预算 100 万元 = 执行率 -5%，按 0% 计，得 0 分（分值 10 分）"),
        ("100", None, D(0), D(0), "未填报支出，得 0 分（分值 10 分）"),
        ("0", None, None, D(0), "未填报支出，得 0 分（分值 10 分）"),
        ("0", "0", None, D(10), "预算金额为 0，支出 0 万元，无待执行预算，得 10 分（分值 10 分）"),
    ],
)
def test_budget_execution_points(budget, spent, rate, points, explanation):
    score = rules.score_budget(budget=D(budget), spent=None if spent is None else D(spent))
    assert (score.execution_rate, score.points, score.points_possible, score.explanation) == (
        rate, points, D(10), explanation)


def test_budget_execution_of_project_2():
    score = rules.score_budget(budget=D("26.33"), spent=D("20"))
    assert score.execution_rate == div(20, "26.33")
    assert score.points == D("7.60")  # 10 × 20/26.33 = 7.5958…
    assert "执行率 75.96%，得 7.6 分" in score.explanation


def test_negative_budget_is_refused():
    with pytest.raises(ValueError, match="预算金额不能为负数"):
        rules.score_budget(budget=D(-1), spent=None)


def test_project_total_adds_budget_and_class_points():
    indicators = [
        ind(OUT, target="10", actual="10"),  # 25 of 25
        ind(OUT, target="10", actual="5"),  # 12.5 of 25
        ind(BEN, Operator.NONE, None, unit="", tier=Tier.PARTIAL),  # 21 of 30
        ind(SAT, target="90", actual=None, unit="%"),  # 0 of 10
    ]
    score = rules.score_project(budget=D(100), spent=D(85), indicators=indicators)
    assert score.budget.points == D("8.5")
    assert [s.points_possible for s in score.indicators] == [D(25), D(25), D(30), D(10)]
    assert score.class_points == {OUT: D(50), BEN: D(30), SAT: D(10)}
    assert score.class_scores == {OUT: D("37.5"), BEN: D(21), SAT: D(0)}
    assert score.total == D(67)
    assert (score.grade, score.met, score.not_met, score.no_data) == ("中", 1, 2, 1)
    assert score.explanation == (
        "预算执行 8.5 分 + 产出指标 37.5 分 + 效益指标 21 分 + 满意度指标 0 分 = 67 分，等级 中（达成 1、未达成 2、未填报 1）")


def test_project_with_everything_met_scores_100():
    indicators = [ind(OUT, actual="10"), ind(BEN, actual="10"), ind(SAT, actual="10")]
    score = rules.score_project(budget=D(50), spent=D(50), indicators=indicators)
    assert (score.total, score.grade) == (D(100), "优")


def test_project_without_indicators_scores_its_budget_only():
    score = rules.score_project(budget=D(10), spent=D(10), indicators=[])
    assert (score.total, score.class_points, score.class_scores, score.grade) == (D(10), {}, {}, "差")


def test_project_classes_present_only():
    score = rules.score_project(budget=D(10), spent=None, indicators=[ind(OUT, actual="10"), ind(SAT, actual="9")])
    assert score.class_points == {OUT: D(75), SAT: D(15)}
    assert score.class_scores == {OUT: D(75), SAT: D("13.5")}
    assert score.total == D("88.5")


@pytest.mark.parametrize(
    ("total", "grade"),
    [("100", "优"), ("90", "优"), ("89.99", "良"), ("80", "良"), ("79.99", "中"), ("60", "中"), ("59.99", "差"),
     ("0", "差"),
     # The grade is read from the total as the form shows it, in hundredths: 89.995 shows as 90.00 (DOMAIN §4).
     ("89.995", "优"), ("89.9949", "良"), ("89.9999999999999999999999999999", "优")],
)
def test_grade_thresholds_are_inclusive(total, grade):
    assert rules.grade_for(D(total)) == grade


def test_grade_bands_are_settings_in_any_order():
    settings = rules.RuleSettings(grade_bands=((D(60), "合格"), (D(85), "优秀")), lowest_grade="不合格")
    assert [rules.grade_for(D(x), settings) for x in ("85", "84.99", "60", "59")] == ["优秀", "合格", "合格", "不合格"]


def test_settings_take_plain_dicts_and_stay_read_only():
    settings = rules.RuleSettings(class_points={"产出指标": 40, "效益指标": 40, "满意度指标": 10})
    assert settings.class_points[OUT] == D(40)
    with pytest.raises(TypeError):
        settings.class_points[OUT] = D(0)  # type: ignore[index]
    assert hash(settings) == hash(rules.RuleSettings(class_points={OUT: D(40), BEN: D(40), SAT: D(10)}))
    assert settings == rules.RuleSettings(class_points={OUT: D(40), BEN: D(40), SAT: D(10)})


@pytest.mark.parametrize(
    "kwargs",
    [
        {"class_points": {OUT: D(50), BEN: D(30)}},
        {"class_points": {OUT: D(50), BEN: D(30), SAT: D(-1)}},
        {"budget_points": D(-10)},
        {"tier_bands": {Tier.ACHIEVED: rules.DEFAULT_SETTINGS.tier_bands[Tier.ACHIEVED]}},
    ],
)
def test_incomplete_or_negative_settings_are_refused(kwargs):
    with pytest.raises(ValueError):
        rules.RuleSettings(**kwargs)


@pytest.mark.parametrize(
    ("value", "number", "percent", "amount", "plain"),
    [
        (D("9.259259"), "9.26", "925.93%", "9.26", "9.259259"),
        (D("10.00"), "10", "1000%", "10.00", "10"),
        (D("1386.3"), "1386.3", "138630%", "1,386.30", "1386.3"),
        (D("0.005"), "0.01", "0.5%", "0.01", "0.005"),
        (D("-0.001"), "0", "-0.1%", "-0.00", "-0.001"),
        (D("1E+2"), "100", "10000%", "100.00", "100"),
    ],
)
def test_display_helpers_round_half_up_only_for_display(value, number, percent, amount, plain):
    assert rules.format_number(value) == number
    assert rules.format_percent(value) == percent
    assert rules.format_amount(value) == amount
    assert rules.format_plain(value) == plain
