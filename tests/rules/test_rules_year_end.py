"""Which lines need a year-end explanation, and 偏离度 deductions (DOMAIN §4, §9): the rules alone, no database."""
from decimal import Decimal as D

import pytest

from indicators import rules
from projects.vocabulary import Level1, Operator


def quantitative(actual, *, target="8", operator=Operator.GE, level1=Level1.OUTPUT, name="设备购置数"):
    return rules.IndicatorInput(name=name, operator=operator, target=D(target), unit="台", level1=level1,
                                actual=None if actual is None else D(actual))


def score_of(ind):
    return rules.score_indicator(ind, D("16.67"))


@pytest.mark.parametrize(
    ("actual", "cause"),
    [
        ("8", None),  # met exactly
        ("9.6", None),  # 120 %: met, not flagged
        ("10", "超额较多"),  # 125 %
        ("7", "未达成"),
        (None, "未填报"),
    ],
)
def test_a_line_needs_its_explanation_when_not_met_without_data_or_over_achieved(actual, cause):
    assert rules.line_explanation_cause(score_of(quantitative(actual))) == cause


def test_a_greater_than_line_at_equality_is_not_met_and_needs_an_explanation_though_it_scores_full_points():
    score = score_of(quantitative("8", operator=Operator.GT))
    assert score.points == D("16.67")
    assert rules.line_explanation_cause(score) == "未达成"


def test_qualitative_lines_follow_their_tier():
    achieved = rules.IndicatorInput(name="持续关心", operator=Operator.NONE, target=None, unit="",
                                    level1=Level1.BENEFIT, tier=rules.Tier.ACHIEVED)
    partial = rules.IndicatorInput(name="持续关心", operator=Operator.NONE, target=None, unit="",
                                   level1=Level1.BENEFIT, tier=rules.Tier.PARTIAL)
    assert rules.line_explanation_cause(rules.score_indicator(achieved, D(30))) is None
    assert rules.line_explanation_cause(rules.score_indicator(partial, D(30))) == "未达成"


@pytest.mark.parametrize(
    ("budget", "spent", "cause", "over"),
    [
        ("4.60", None, "未填报支出", False),
        ("4.60", "4.14", "预算执行率 90%，未达 100%", False),
        ("4.60", "4.60", None, False),
        ("6.50", "7.00", "超支", True),
        ("0", "0", None, False),
        ("0", "0.01", "超支", True),  # any spending on a budget of 0 is over it
    ],
)
def test_the_budget_line_needs_one_below_100_percent_over_budget_or_without_data(budget, spent, cause, over):
    score = rules.score_budget(budget=D(budget), spent=None if spent is None else D(spent))
    assert rules.budget_explanation_cause(score) == cause
    assert rules.is_over_budget(score) is over


def project_of(*actuals):
    inputs = [quantitative(a) for a in actuals] + [
        quantitative("96", target="95", level1=Level1.SATISFACTION, name="满意度")
    ]
    return inputs, rules.score_project(budget=D("4.60"), spent=D("4.60"), indicators=inputs)


def test_a_deduction_lowers_the_line_its_class_and_the_total_and_the_grade_follows():
    inputs, score = project_of("10", "8")  # 产出 75 / 2 = 37.5 each, 满意度 15; total 100
    assert score.total == 100
    deducted = rules.apply_deductions(score, inputs, [D("12.50"), None, None])
    assert deducted.indicators[0].points == D("25.00")
    assert "偏离度扣分 12.5 分" in deducted.indicators[0].explanation
    assert deducted.class_scores[Level1.OUTPUT] == D("62.50")
    assert deducted.total == D("87.50")
    assert deducted.grade == "良"
    assert deducted.indicators[1] == score.indicators[1]


def test_a_deduction_takes_at_most_the_lines_points():
    inputs, score = project_of("10", "8")
    deducted = rules.apply_deductions(score, inputs, [D("99"), None, None])
    assert deducted.indicators[0].points == 0
    assert deducted.total == D("62.5")
    assert rules.applied_deduction(score.indicators[0], D("99")) == D("37.5")


def test_a_deduction_on_a_line_no_longer_flagged_takes_nothing():
    inputs, score = project_of("9", "8")  # 9 ≤ 9.6: not over-achieved
    assert rules.apply_deductions(score, inputs, [D("5"), None, None]) is score


def test_no_deduction_leaves_the_score_as_it_is():
    inputs, score = project_of("10", "8")
    assert rules.apply_deductions(score, inputs, [None, D(0), None]) is score


@pytest.mark.parametrize(
    ("classes", "note"),
    [
        ([Level1.OUTPUT, Level1.SATISFACTION],
         "本项目无效益指标，其分值按比例并入产出、满意度指标（产出指标 75.00 分、满意度指标 15.00 分）。"),
        ([Level1.OUTPUT], "本项目无效益、满意度指标，其分值按比例并入产出指标（产出指标 90.00 分）。"),
        ([Level1.OUTPUT, Level1.BENEFIT, Level1.SATISFACTION], ""),  # nothing missing, nothing to say
        ([], ""),  # no indicator: no class took the points
    ],
)
def test_the_form_says_how_a_missing_class_s_points_were_allocated(classes, note):
    assert rules.class_allocation_note(classes) == note


def test_a_class_worth_nothing_in_the_profile_is_not_missing():
    profile = rules.RuleSettings(class_points={Level1.OUTPUT: D(80), Level1.BENEFIT: D(0), Level1.SATISFACTION: D(10)})
    assert rules.class_allocation_note([Level1.OUTPUT, Level1.SATISFACTION], profile) == ""
