"""Indicator frameworks (DOMAIN §2, §10): 10号's classes by default, 101号's with 成本指标 as a 一级 class."""
from decimal import Decimal

from indicators import rules
from projects.vocabulary import Framework, Level1, Level2, classes_problem, infer_classes


def test_10_makes_a_cost_line_an_output_cost_line():
    assert infer_classes(name="补贴人均标准", operator="≥", unit="元/人") == (Level1.OUTPUT, Level2.COST)


def test_101_makes_a_cost_line_a_first_level_cost_line():
    assert infer_classes(name="补贴人均标准", operator="≥", unit="元/人", framework=Framework.FIN_101) == (
        Level1.COST, Level2.ECONOMIC_COST)
    assert infer_classes(name="物业管理费", operator="≤", unit="元/平方米/月", framework="101号") == (
        Level1.COST, Level2.ECONOMIC_COST)
    # Every other rule infers the same under either framework.
    assert infer_classes(name="培训人数", operator="≥", unit="人", framework="101号") == (Level1.OUTPUT,
                                                                                      Level2.QUANTITY)
    assert infer_classes(name="满意度", operator="≥", unit="%", framework="101号")[0] is Level1.SATISFACTION


def test_a_framework_refuses_classes_it_does_not_have():
    assert classes_problem(framework="10号", level1="产出指标", level2="成本指标") == ""
    assert classes_problem(framework="101号", level1="成本指标", level2="社会成本指标") == ""
    assert classes_problem(framework="10号", level1="成本指标", level2="经济成本指标") == (
        "一级指标「成本指标」不属于本年度的指标体系（10号：产出指标、效益指标、满意度指标）")
    assert classes_problem(framework="101号", level1="产出指标", level2="成本指标") == (
        "二级指标「成本指标」不属于一级指标「产出指标」（101号：数量指标、质量指标、时效指标）")
    assert classes_problem(framework="10号", level1="产出", level2="数量指标").startswith("一级指标「产出」")


def test_a_101_profile_gives_cost_lines_the_cost_points():
    settings = rules.RuleSettings(framework="101号", class_points={
        Level1.OUTPUT: 40, Level1.COST: 10, Level1.BENEFIT: 30, Level1.SATISFACTION: 10})
    lines = [(Level1.OUTPUT, None), (Level1.COST, None), (Level1.BENEFIT, None), (Level1.SATISFACTION, None)]
    assert rules.allocate_points(lines, settings) == [Decimal("40.00"), Decimal("10.00"), Decimal("30.00"),
                                                      Decimal("10.00")]
    # A project without a cost line: the 10 cost points go to the others in proportion (40:30:10).
    assert rules.allocate_points(lines[:1] + lines[2:], settings) == [Decimal("45.00"), Decimal("33.75"),
                                                                      Decimal("11.25")]


def test_the_built_in_profile_gives_no_points_to_a_first_level_cost_class():
    assert rules.DEFAULT_SETTINGS.class_points[Level1.COST] == 0
    assert rules.DEFAULT_SETTINGS.full_marks == 100
