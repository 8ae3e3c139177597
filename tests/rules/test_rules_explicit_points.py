"""DOMAIN §4, weighting `explicit`: a table's own 分值 are the lines' points; the budget line keeps its 10."""
from decimal import Decimal

import pytest

from indicators import rules
from indicators.rules import Level1, Operator, Tier

D = Decimal


def line(level1, points, *, actual=None, target="100", operator=Operator.GE, tier=None):
    return rules.IndicatorInput(name="指标", operator=operator, target=None if tier else D(target), unit="%",
                                level1=level1, actual=None if actual is None else D(actual), tier=tier,
                                points=None if points is None else D(points))


def test_60_plus_30_score_by_their_own_points_not_by_class():
    # Two 产出 lines would share 50 by class (25 + 25 of 90 scaled); the table says 60 and 30.
    score = rules.score_project(budget=D(100), spent=D(100), indicators=[
        line(Level1.OUTPUT, "60", actual="50"), line(Level1.OUTPUT, "30", actual="100"),
    ])
    assert [s.points_possible for s in score.indicators] == [D("60.00"), D("30.00")]
    assert [s.points for s in score.indicators] == [D("30.00"), D("30.00")]
    assert score.budget.points_possible == D("10.00")
    assert score.total == D("70.00")
    assert score.grade == "中"


def test_one_indicator_worth_90():
    score = rules.score_project(budget=D(3.36), spent=D(3.36), indicators=[
        line(Level1.OUTPUT, "90", actual="100", operator=Operator.EQ),
    ])
    assert score.indicators[0].points_possible == D("90.00")
    assert score.total == D("100.00")


def test_22_5_times_four_across_classes_and_a_qualitative_line():
    score = rules.score_project(budget=D(10), spent=D(5), indicators=[
        line(Level1.OUTPUT, "22.5", actual="100"), line(Level1.OUTPUT, "22.5", actual="90"),
        line(Level1.BENEFIT, "22.5", tier=Tier.PARTIAL, operator=Operator.NONE),
        line(Level1.SATISFACTION, "22.5", actual="95"),
    ])
    # 22.50 + 22.5×0.9 = 20.25 + 22.5×70 % = 15.75 + 22.5×0.95 = 21.375 → 21.38; budget 10 × 0.5 = 5.00
    assert [s.points for s in score.indicators] == [D("22.50"), D("20.25"), D("15.75"), D("21.38")]
    assert score.class_points == {Level1.OUTPUT: D("45.00"), Level1.BENEFIT: D("22.50"),
                                  Level1.SATISFACTION: D("22.50")}
    assert score.total == D("84.88")


def test_a_project_with_one_line_without_points_is_scored_by_class():
    score = rules.score_project(budget=D(10), spent=D(10), indicators=[
        line(Level1.OUTPUT, "60", actual="100"), line(Level1.OUTPUT, None, actual="100"),
    ])
    assert [s.points_possible for s in score.indicators] == [D("45.00"), D("45.00")]


def test_explicit_points_in_hundredths_and_refused_when_negative():
    assert rules.explicit_points([D("8.333"), D("8"), None]) is None
    assert rules.explicit_points([]) is None
    assert rules.explicit_points([D("8.335"), D("81.665")]) == [D("8.34"), D("81.67")]
    with pytest.raises(ValueError, match="分值不能为负数"):
        rules.explicit_points([D("-1"), D("91")])
