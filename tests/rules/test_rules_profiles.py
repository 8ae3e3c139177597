"""Rule profiles (DOMAIN §10) on plain values: the 反向 formula and other grade bands."""
from decimal import Decimal


from indicators import rules
from projects.vocabulary import Level1

D = Decimal


def reverse_line(actual: str):
    return rules.IndicatorInput(name="投诉件数", operator="≤", target=D(5), unit="件", level1=Level1.OUTPUT,
                                actual=D(actual))


def test_a_reverse_line_t5_a6_scores_target_over_actual_by_default():
    judgement = rules.judge_indicator(reverse_line("6"))
    assert judgement.ratio.quantize(D("0.0001")) == D("0.8333")
    assert "目标值 5 ÷ 完成值 6" in judgement.explanation


def test_the_provincial_formula_scores_one_minus_the_excess():
    settings = rules.RuleSettings(reverse_formula=rules.ReverseFormula.ONE_MINUS_EXCESS)
    judgement = rules.judge_indicator(reverse_line("6"), settings)
    assert judgement.ratio == D("0.8")
    assert "1 −（完成值 6 − 目标值 5）÷ 目标值 5 = 80%" in judgement.explanation
    # Twice the target and beyond: floored at 0 once capped.
    assert rules.judge_indicator(reverse_line("11"), settings).ratio == D("-0.2")
    assert rules.judge_indicator(reverse_line("4"), settings).status is rules.Status.MET


def test_bands_from_80_grade_85_as_excellent():
    settings = rules.RuleSettings(grade_bands=((D(80), "优"), (D(70), "良"), (D(60), "中")))
    assert rules.grade_for(D("85.00"), settings) == "优"
    assert rules.grade_for(D("85.00")) == "良"
