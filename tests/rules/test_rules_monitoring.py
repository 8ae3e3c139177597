"""DOMAIN §5: time progress, warning levels of the budget and of indicators during the year."""
import datetime
from decimal import Decimal, localcontext

import pytest

from indicators import rules
from indicators.rules import Level, Operator, Tier

D = Decimal
GREEN, YELLOW, RED, NONE = Level.GREEN, Level.YELLOW, Level.RED, Level.NONE


def div(a, b) -> Decimal:
    with localcontext(prec=rules.PRECISION):
        return D(a) / D(b)


JULY_31 = div(212, 365)  # the August round's as-of date


def ind(operator=Operator.GE, target="162", actual=None, unit="人", tier=None) -> rules.IndicatorInput:
    return rules.IndicatorInput(name="指标", operator=operator, target=None if target is None else D(target),
                                unit=unit, level1=rules.Level1.OUTPUT, actual=None if actual is None else D(actual),
                                tier=tier)


@pytest.mark.parametrize(
    ("as_of", "year", "expected"),
    [
        (datetime.date(2026, 7, 31), 2026, div(212, 365)),
        (datetime.date(2026, 1, 1), 2026, div(1, 365)),
        (datetime.date(2028, 2, 29), 2028, div(60, 366)),
        (datetime.date(2028, 12, 31), 2028, D(1)),
        (datetime.date(2026, 12, 31), 2026, D(1)),
        (datetime.date(2025, 12, 31), 2026, D(0)),
        (datetime.date(2027, 1, 1), 2026, D(1)),
    ],
)
def test_time_progress_counts_1_january_as_day_1(as_of, year, expected):
    assert rules.time_progress(as_of, year) == expected


@pytest.mark.parametrize(
    ("progress", "time", "level"),
    [
        ("0.4", "0.5", GREEN),  # p/t = 0.8 exactly
        ("0.39999", "0.5", YELLOW),
        ("0.3", "0.5", YELLOW),  # 0.6 exactly
        ("0.29999", "0.5", RED),
        ("0", "0.5", RED),
        ("1.5", "0.5", GREEN),
        ("0", "0", GREEN),  # nothing is due before the year starts
    ],
)
def test_level_bands_at_their_bounds(progress, time, level):
    assert rules.progress_level(D(progress), D(time)) is level


def test_level_bands_are_settings():
    strict = rules.RuleSettings(green_ratio=D("0.9"), yellow_ratio=D("0.7"))
    assert rules.progress_level(D("0.85"), D(1), strict) is YELLOW
    assert rules.progress_level(D("0.65"), D(1), strict) is RED


@pytest.mark.parametrize(
    ("budget", "spent", "time", "progress", "level"),
    [
        ("100", "50", "0.5", D("0.5"), GREEN),
        ("100", "35", "0.5", D("0.35"), YELLOW),
        ("100", "29", "0.5", D("0.29"), RED),
        ("100", None, "0.5", D(0), RED),
        ("0", None, "0.5", D(1), GREEN),  # a budget of 0 has nothing left to spend
        ("100", None, "0", D(0), GREEN),
    ],
)
def test_budget_progress_is_spent_over_budget(budget, spent, time, progress, level):
    result = rules.budget_monitoring(budget=D(budget), spent=None if spent is None else D(spent), time_progress=D(time))
    assert result == (progress, level)


@pytest.mark.parametrize(
    ("line", "progress", "level"),
    [
        # 培训人数 ≥ 162 人 on 31 July (t = 212/365 ≈ 0.5808): 81 is half of it, 0.5 / 0.5808 ≈ 0.86.
        (ind(actual="81"), D("0.5"), GREEN),
        (ind(actual="60"), div(60, 162), YELLOW),  # ≈ 0.64
        (ind(actual="50"), div(50, 162), RED),  # ≈ 0.53
        (ind(actual=None), D(0), RED),  # no data counts as 0
        (ind(Operator.EQ, "200", "200"), D(1), GREEN),
        (ind(target="0", actual=None), D(1), GREEN),  # a target of 0 is reached from the start
        (ind(Operator.GT, "0", None), D(0), RED),
        (ind(Operator.GT, "0", "1"), D(1), GREEN),
    ],
)
def test_cumulative_indicator_progress_is_actual_over_target(line, progress, level):
    assert rules.indicator_monitoring(line, JULY_31) == (progress, level)


@pytest.mark.parametrize(
    ("line", "level"),
    [
        (ind(Operator.GE, "95", "96", unit="%"), GREEN),
        (ind(Operator.GE, "95", "90", unit="%"), RED),
        (ind(Operator.GE, "95", None, unit="%"), NONE),
        (ind(Operator.LE, "5", "3", unit="人"), GREEN),
        (ind(Operator.LE, "5", "6", unit="人"), RED),
        (ind(Operator.LT, "13.5", None, unit="元/平方米/月"), NONE),
        (ind(Operator.NONE, None, tier=Tier.ACHIEVED, unit=""), GREEN),
        (ind(Operator.NONE, None, tier=Tier.PARTIAL, unit=""), YELLOW),
        (ind(Operator.NONE, None, tier=Tier.FAILED, unit=""), RED),
        (ind(Operator.NONE, None, unit=""), NONE),
    ],
)
def test_rates_reverse_and_qualitative_lines_have_no_time_progress(line, level):
    assert rules.indicator_monitoring(line, JULY_31) == (None, level)


def test_monitoring_a_quantitative_line_without_target_is_a_programming_error():
    with pytest.raises(ValueError, match="缺少目标值"):
        rules.indicator_monitoring(ind(target=None, actual="1"), JULY_31)


@pytest.mark.parametrize(
    ("levels", "worst"),
    [
        ([], NONE),
        ([NONE], NONE),
        ([GREEN, NONE], GREEN),
        ([NONE, GREEN, YELLOW], YELLOW),
        ([GREEN, RED, YELLOW, NONE], RED),
        (["green", "red"], RED),
    ],
)
def test_project_level_is_the_worst_of_its_lines(levels, worst):
    assert rules.worst_level(levels) is worst


def test_level_labels():
    assert rules.LEVEL_LABELS == {GREEN: "绿灯（正常）", YELLOW: "黄灯（预警）", RED: "红灯（严重滞后）", NONE: "无"}
    assert rules.LEVEL_SHORT == {GREEN: "正常", YELLOW: "预警", RED: "滞后", NONE: "—"}
