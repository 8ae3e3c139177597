"""DOMAIN §5: the monitoring basis (监控口径) an import infers, what staff may set, and the levels that follow it."""
import datetime
from collections import Counter
from decimal import Decimal, localcontext

import pytest

from indicators import rules
from indicators.rules import Basis, Level, Operator, Tier
from projects.vocabulary import basis_problem
from tests.rules.test_rules_classes import seed_indicators

D = Decimal
GE, GT, LE, LT, EQ, NONE = Operator.GE, Operator.GT, Operator.LE, Operator.LT, Operator.EQ, Operator.NONE
CUMULATIVE, POINT, QUALITATIVE = Basis.CUMULATIVE, Basis.POINT, Basis.QUALITATIVE


def div(a, b) -> Decimal:
    with localcontext(prec=rules.PRECISION):
        return D(a) / D(b)


JULY_31 = rules.time_progress(datetime.date(2026, 7, 31), 2026)  # 212/365 ≈ 0.5808


@pytest.mark.parametrize(
    ("name", "operator", "unit", "basis"),
    [
        # The examples DOMAIN §5 gives from the 2026 table.
        ("设备使用年限", GE, "年", POINT),
        ("每期培训线下课时", GE, "课时", POINT),
        ("补贴人均标准", GE, "元/人", POINT),
        ("设备购置数", GE, "台/件/组", CUMULATIVE),
        ("培训计划按期完成度", GE, "%", CUMULATIVE),
        ("培训人数", GE, "人", CUMULATIVE),
        ("使用人员满意度", GE, "%", POINT),
    ],
)
def test_the_examples_of_domain_are_inferred_as_it_says(name, operator, unit, basis):
    assert rules.infer_basis(name=name, operator=operator, unit=unit) is basis


@pytest.mark.parametrize(
    ("name", "operator", "unit", "basis"),
    [
        # A blank operator is 定性, whatever the name says.
        ("培训人数持续提升", NONE, "", QUALITATIVE),
        # Every ≤ / < line is a limit that holds at any moment, a count or a cost alike.
        ("符合补贴标准的对象人数", LE, "人", POINT),
        ("投诉次数", LT, "次", POINT),
        ("物业管理费", LE, "元/平方米/月", POINT),
        # Counts and amounts under ≥ > = grow through the year.
        ("家庭教育指导师培训人数", EQ, "人", CUMULATIVE),
        ("受益对象", GT, "人次", CUMULATIVE),
        ("培训天数", GE, "天", CUMULATIVE),  # days without 持续: a count of days
        ("服务年份", GE, "年", CUMULATIVE),
        ("公众号粉丝量", GE, "万个", CUMULATIVE),
        # Rates in %: progress toward the year's plan grows, any other rate is a standard.
        ("活动按时完成率", EQ, "%", CUMULATIVE),
        ("工作按时完成度", GE, "％", CUMULATIVE),
        ("补贴按规定及时发放率", EQ, "%", POINT),
        ("单位能耗成本下降率", GE, "%", POINT),
        ("教师流失率", GE, "%", POINT),
        # Durations: 年限, 期限, 周期 in the name, or 持续 with a unit of years, months or days.
        ("持续发挥作用期限", EQ, "年", POINT),
        ("设备维护周期", GE, "次", POINT),
        ("师资培训可以持续影响以后教学", GE, "年", POINT),
        ("项目持续时间", GE, "个月", POINT),
        ("持续服务天数", GE, "天", POINT),
        ("持续开展活动", GE, "场", CUMULATIVE),  # 持续 with a count is still a count
        # Standards and averages: a unit per something, or a word that says so.
        ("补贴标准", GE, "元/平方米/月", POINT),
        ("辅导时长", GE, "小时/人", POINT),
        ("入户走访", GE, "次/户", POINT),
        ("巡查频次", GE, "次/年", POINT),
        ("租金", GE, "万元／年", POINT),  # a full-width slash
        ("人均培训课时", GE, "课时", POINT),
        ("每月网站访问量", GE, "万次", POINT),
        ("每次活动参与人数", GE, "人", POINT),
        ("平均响应时长", GT, "分钟", POINT),
        ("采购单价", EQ, "元", POINT),
        # A list of alternatives is no rate: 台/件/组, 个/场 are counts.
        ("活动场地", GE, "个/场", CUMULATIVE),
    ],
)
def test_each_rule_of_the_inference(name, operator, unit, basis):
    assert rules.infer_basis(name=name, operator=operator, unit=unit) is basis


def test_inference_takes_operators_as_written_in_a_table():
    assert rules.infer_basis(name="培训人数", operator="≥", unit=" 人 ") is CUMULATIVE
    assert rules.infer_basis(name="培训人数", operator="", unit="") is QUALITATIVE


# (project, order) of each of the 85 published indicators by the basis the import gives it.
SEED_BASIS = {
    CUMULATIVE: [
        (1, 1), (2, 1), (2, 2), (2, 5), (4, 1), (4, 4), (4, 5), (4, 6), (5, 1), (5, 2), (5, 3), (5, 5), (5, 6), (6, 1),
        (6, 4), (6, 5), (7, 1), (7, 3), (7, 4), (8, 1), (8, 4), (8, 5), (9, 1), (9, 5), (9, 6), (10, 1), (10, 4),
        (10, 5), (10, 6), (11, 2), (11, 3), (12, 1), (12, 4), (12, 5), (12, 6), (13, 1), (13, 4), (13, 5), (14, 1),
        (14, 4), (14, 5), (14, 6), (15, 2), (15, 4), (15, 5),
    ],
    POINT: [
        # 13 satisfaction rates, 4 limits (≤), 3 durations, 3 standards (人均, 每期, 每月), 5 other rates.
        (1, 2), (1, 3), (1, 4), (1, 5), (2, 4), (3, 1), (3, 2), (3, 4), (3, 5), (4, 2), (5, 4), (5, 7), (5, 8), (5, 9),
        (5, 10), (6, 2), (7, 2), (7, 5), (8, 2), (9, 2), (9, 3), (10, 2), (11, 1), (11, 4), (12, 2), (13, 2), (14, 2),
        (15, 3),
    ],
    QUALITATIVE: [(2, 3), (3, 3), (4, 3), (6, 3), (8, 3), (9, 4), (10, 3), (11, 5), (12, 3), (13, 3), (14, 3), (15, 1)],
}


def seed_basis() -> dict[tuple[int, int], Basis]:
    inferred, orders = {}, Counter()
    for project, name, operator, _, unit in seed_indicators():
        orders[project] += 1
        inferred[(project, orders[project])] = rules.infer_basis(name=name, operator=operator, unit=unit)
    return inferred


def test_the_85_indicators_of_the_2026_table_get_45_cumulative_28_point_and_12_qualitative():
    inferred = seed_basis()
    assert Counter(inferred.values()) == {CUMULATIVE: 45, POINT: 28, QUALITATIVE: 12}
    assert {basis: sorted(k for k, v in inferred.items() if v is basis) for basis in Basis} == SEED_BASIS


@pytest.mark.parametrize(
    ("operator", "basis", "problem"),
    [
        (GE, CUMULATIVE, ""), (GE, POINT, ""), (EQ, CUMULATIVE, ""), (LE, POINT, ""), (NONE, QUALITATIVE, ""),
        (NONE, CUMULATIVE, "定性指标（无运算符）的监控口径只能是「定性」"),
        (NONE, POINT, "定性指标（无运算符）的监控口径只能是「定性」"),
        (GT, QUALITATIVE, "有运算符的指标按「累计」或「时点」监控，「定性」只用于无运算符的指标"),
        (LE, CUMULATIVE, "反向指标（≤、<）是任一时点都不应超过的上限，监控口径只能是「时点」"),
        (LT, CUMULATIVE, "反向指标（≤、<）是任一时点都不应超过的上限，监控口径只能是「时点」"),
        ("≥", "时点", ""),
    ],
)
def test_what_staff_may_set_by_hand(operator, basis, problem):
    assert basis_problem(operator=operator, basis=basis) == problem


def line(name, operator, target, unit, actual=None, *, basis=None, tier=None) -> rules.IndicatorInput:
    return rules.IndicatorInput(name=name, operator=operator, target=None if target is None else D(target), unit=unit,
                                level1=rules.Level1.OUTPUT, actual=None if actual is None else D(actual), tier=tier,
                                basis=basis)


@pytest.mark.parametrize(
    ("ind", "basis"),
    [
        (line("培训人数", GE, "162", "人"), CUMULATIVE),  # none stored: inferred
        (line("培训人数", GE, "162", "人", basis=POINT), POINT),  # corrected by hand: kept
        (line("使用人员满意度", GE, "95", "%", basis=CUMULATIVE), CUMULATIVE),
        (line("培训人数", GE, "162", "人", basis=QUALITATIVE), CUMULATIVE),  # 定性 with an operator: inferred
        (line("投诉次数", LE, "5", "次", basis=CUMULATIVE), POINT),  # an adjustment made it ≤: a limit
        (line("工作成效", NONE, None, "", basis=CUMULATIVE), QUALITATIVE),  # an adjustment removed the operator
        (line("培训人数", GE, "162", "人", basis="时点"), POINT),
    ],
)
def test_a_line_is_judged_by_its_own_basis_where_it_fits_its_operator(ind, basis):
    assert rules.monitoring_basis(ind) is basis


@pytest.mark.parametrize(
    ("ind", "progress", "level"),
    [
        # 时点: met or not at the moment, whatever the time of year; none without data.
        (line("设备使用年限", GE, "6", "年"), None, Level.NONE),
        (line("设备使用年限", GE, "6", "年", "6"), None, Level.GREEN),
        (line("设备使用年限", GE, "6", "年", "5"), None, Level.RED),
        (line("补贴人均标准", GE, "9200", "元/人"), None, Level.NONE),
        (line("补贴人均标准", GE, "9200", "元/人", "9200"), None, Level.GREEN),
        (line("每期培训线下课时", GE, "24", "课时", "20"), None, Level.RED),
        # 累计: a plan 80 % done of 95 % by 31 July is ahead of time: p = 80/95 ≈ 0.842, p/t ≈ 1.45.
        (line("培训计划按期完成度", GE, "95", "%", "80"), div(80, 95), Level.GREEN),
        (line("培训计划按期完成度", GE, "95", "%"), D(0), Level.RED),
        (line("培训人数", GE, "162", "人", "60"), div(60, 162), Level.YELLOW),
        # A count corrected to 时点 by hand is met or not, with no progress.
        (line("培训人数", GE, "162", "人", "60", basis=POINT), None, Level.RED),
        (line("培训人数", GE, "162", "人", basis=POINT), None, Level.NONE),
        # 定性: the tier's colour.
        (line("工作成效", NONE, None, "", tier=Tier.PARTIAL), None, Level.YELLOW),
    ],
)
def test_levels_follow_the_basis(ind, progress, level):
    assert rules.indicator_monitoring(ind, JULY_31) == (progress, level)
