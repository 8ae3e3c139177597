"""DOMAIN §4 "the form foots": 分值 and 得分 in hundredths, 分值 sum to 100.00, 总分 is the sum of the printed lines."""
from decimal import Decimal

import pytest

from indicators import rules
from indicators.rules import Level1, Operator, Tier
from tests.rules.test_rules_classes import seed_indicators

D = Decimal
OUT, BEN, SAT = Level1.OUTPUT, Level1.BENEFIT, Level1.SATISFACTION


def hundredths(value: Decimal) -> bool:
    return value.as_tuple().exponent == -2


def seed_project(seq: int, fraction: str | None) -> list[rules.IndicatorInput]:
    """Project `seq` of the 2026 table, each quantitative line at `fraction` of its target (None: not reported),
    each 定性 line partly achieved."""
    lines = []
    for project, name, operator, target, unit in seed_indicators():
        if project != seq:
            continue
        level1 = rules.infer_classes(name=name, operator=operator, unit=unit)[0]
        if rules.is_qualitative(operator):
            lines.append(rules.IndicatorInput(name=name, operator=operator, target=None, unit=unit, level1=level1,
                                              tier=None if fraction is None else Tier.PARTIAL))
            continue
        value = D(target.rstrip("%"))
        actual = None if fraction is None else value * D(fraction)
        lines.append(rules.IndicatorInput(name=name, operator=operator, target=value, unit=unit, level1=level1,
                                          actual=actual))
    return lines


@pytest.mark.parametrize("fraction", [None, "0.9", "0.97", "1.3"])
@pytest.mark.parametrize("seq", range(1, 16))
def test_every_seed_projects_form_foots(seq, fraction):
    # Budgets chosen to leave fractions of a cent: 10 × 1.234/4.567 = 2.702…
    score = rules.score_project(budget=D("4.567"), spent=D("1.234"), indicators=seed_project(seq, fraction))
    possible = [score.budget.points_possible, *(line.points_possible for line in score.indicators)]
    points = [score.budget.points, *(line.points for line in score.indicators)]
    assert sum(possible) == D("100.00")
    assert sum(points) == score.total
    assert all(hundredths(figure) for figure in [*possible, *points, score.total])
    assert sum(score.class_points.values()) == D("90.00")
    assert score.grade == rules.grade_for(score.total)


THIRDS = ["16.67", "10.00", "30.00", "16.67", "16.66"]  # 产出 50 over 3, 满意度, 效益 (published order)
QUARTERS = ["12.50", "10.00", "30.00", "12.50", "12.50", "12.50"]
SEED_POINTS = {
    1: THIRDS, 2: ["16.67", "16.67", "30.00", "10.00", "16.66"], 3: ["16.67", "16.67", "30.00", "16.66", "10.00"],
    4: QUARTERS, 6: THIRDS, 8: THIRDS, 10: QUARTERS, 12: QUARTERS, 13: THIRDS, 14: QUARTERS,
    # 产出 50 over 7 lines: 7.142857… each, the two spare cents to the first two; 效益 30 over 2.
    5: ["7.15", "7.15", "7.14", "15.00", "7.14", "7.14", "7.14", "15.00", "7.14", "10.00"],
    7: ["18.75", "18.75", "18.75", "18.75", "15.00"],  # no 效益: 产出 75 over 4, 满意度 15
    9: ["12.50", "10.00", "12.50", "30.00", "12.50", "12.50"],
    11: ["14.07", "14.06", "14.06", "14.06", "33.75"],  # no 满意度: 产出 56.25 over 4, 效益 33.75
    15: ["33.75", "14.07", "14.06", "14.06", "14.06"],
}


def test_the_15_seed_projects_split_their_points_as_the_form_prints_them():
    # 9 of the 15 have a share that is no whole cent (1, 2, 3, 5, 6, 8, 11, 13, 15); every column sums to 90.00.
    for seq, expected in SEED_POINTS.items():
        score = rules.score_project(budget=D(1), spent=None, indicators=seed_project(seq, None))
        assert [str(line.points_possible) for line in score.indicators] == expected, seq
        assert sum(D(x) for x in expected) == D("90.00")
    assert sorted(SEED_POINTS) == list(range(1, 16))


def test_a_line_scores_its_share_times_its_ratio_rounded_half_up_to_the_cent():
    line = rules.IndicatorInput(name="培训人数", operator=Operator.GE, target=D(162), unit="人", level1=OUT,
                                actual=D(150))
    assert rules.score_indicator(line, D("16.67")).points == D("15.44")  # 16.67 × 150/162 = 15.435…
    assert rules.score_indicator(line, D("16.66")).points == D("15.43")  # 16.66 × 150/162 = 15.425…
    half = rules.IndicatorInput(name="班次", operator=Operator.GE, target=D(8), unit="次", level1=OUT, actual=D(1))
    assert rules.score_indicator(half, D("0.20")).points == D("0.03")  # 0.025: half a cent rounds up


def test_a_total_of_89_995_before_rounding_is_shown_as_90_00_and_graded_excellent():
    # Budget 99.95 of 100: 10 × 0.9995 = 9.995 → 10.00; the only line, 产出 (90 points), 8 of 9: 80.00 exactly.
    line = rules.IndicatorInput(name="设备购置数", operator=Operator.GE, target=D(9), unit="台", level1=OUT, actual=D(8))
    score = rules.score_project(budget=D(100), spent=D("99.95"), indicators=[line])
    assert (score.budget.points, score.indicators[0].points, score.total, score.grade) == (
        D("10.00"), D("80.00"), D("90.00"), "优")
    assert rules.grade_for(D("89.995")) == "优"


def test_figures_of_a_budget_line_without_expenditure_or_budget_are_hundredths_too():
    none_spent = rules.score_budget(budget=D(100), spent=None)
    zero_budget = rules.score_budget(budget=D(0), spent=D(1))
    assert [str(x) for x in (none_spent.points_possible, none_spent.points, zero_budget.points)] == [
        "10.00", "0.00", "10.00"]
    assert str(rules.score_indicator(rules.IndicatorInput(
        name="满意度", operator=Operator.GE, target=D(90), unit="%", level1=SAT), D(10)).points) == "0.00"
    assert str(rules.to_cents(D("2.345"))) == "2.35" and rules.CENT == D("0.01")
