"""Properties that hold for any input: totals stay within 0–100, scores move the right way, parsing round-trips."""
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from core.parsing import parse_decimal
from indicators import rules
from indicators.rules import Level1, Operator, Tier

QUANTITATIVE = [Operator.GE, Operator.GT, Operator.LE, Operator.LT, Operator.EQ]


def decimals(low: str, high: str, places: int = 4) -> st.SearchStrategy[Decimal]:
    return st.decimals(Decimal(low), Decimal(high), places=places, allow_nan=False, allow_infinity=False)


@st.composite
def tier_and_percent(draw) -> tuple[Tier | None, Decimal | None]:
    tier = draw(st.sampled_from([None, *Tier]))
    if tier is None or draw(st.booleans()):
        return tier, None
    band = rules.DEFAULT_SETTINGS.tier_bands[tier]
    percent = draw(decimals(str(band.low), str(band.high), places=2))
    return tier, min(percent, band.high - Decimal("0.01")) if not band.high_inclusive else percent


@st.composite
def indicators(draw) -> rules.IndicatorInput:
    operator = draw(st.sampled_from([*QUANTITATIVE, Operator.NONE]))
    level1 = draw(st.sampled_from(list(Level1)))
    weight = draw(st.none() | decimals("0", "100", places=2))
    if operator is Operator.NONE:
        tier, percent = draw(tier_and_percent())
        return rules.IndicatorInput(name="定性", operator=operator, target=None, unit="", level1=level1,
                                    weight=weight, tier=tier, tier_percent=percent)
    return rules.IndicatorInput(
        name="指标", operator=operator, target=draw(decimals("-100", "1000000")), unit=draw(st.sampled_from(["人", "%"])),
        level1=level1, weight=weight, actual=draw(st.none() | decimals("-1000", "10000000")),
    )


@given(
    budget=decimals("0", "100000", places=2),
    spent=st.none() | decimals("0", "200000", places=2),
    lines=st.lists(indicators(), max_size=12),
)
@settings(max_examples=300, deadline=None)
def test_total_is_always_between_0_and_100(budget, spent, lines):
    score = rules.score_project(budget=budget, spent=spent, indicators=lines)
    assert 0 <= score.total <= 100
    assert all(0 <= s.points <= s.points_possible for s in score.indicators)
    assert 0 <= score.budget.points <= 10
    if lines:
        assert sum(score.class_points.values()) == 90
    assert score.met + score.not_met + score.no_data == len(lines)
    assert score.grade in ("优", "良", "中", "差")


@given(lines=st.lists(st.tuples(st.sampled_from(list(Level1)), st.none() | decimals("0", "1000", 3)), min_size=1))
def test_allocated_points_add_up_to_90_exactly(lines):
    assert sum(rules.allocate_points(lines)) == 90


def _points(operator: Operator, target: Decimal, actual: Decimal) -> Decimal:
    line = rules.IndicatorInput(name="指标", operator=operator, target=target, unit="人", level1=Level1.OUTPUT,
                                actual=actual)
    return rules.score_indicator(line, Decimal(10)).points


@given(
    operator=st.sampled_from([Operator.GE, Operator.GT, Operator.EQ]),
    target=decimals("-100", "100000"),
    a=decimals("-1000", "1000000"),
    b=decimals("-1000", "1000000"),
)
def test_more_of_a_forward_actual_never_lowers_the_score(operator, target, a, b):
    low, high = sorted([a, b])
    assert _points(operator, target, low) <= _points(operator, target, high)


@given(
    operator=st.sampled_from([Operator.LE, Operator.LT]),
    target=decimals("-100", "100000"),
    a=decimals("-1000", "1000000"),
    b=decimals("-1000", "1000000"),
)
def test_more_of_a_reverse_actual_never_raises_the_score(operator, target, a, b):
    low, high = sorted([a, b])
    assert _points(operator, target, low) >= _points(operator, target, high)


@given(operator=st.sampled_from(QUANTITATIVE), target=decimals("0.0001", "100000"), actual=decimals("0", "1000000"))
def test_met_lines_of_positive_targets_score_full_points(operator, target, actual):
    line = rules.IndicatorInput(name="指标", operator=operator, target=target, unit="人", level1=Level1.OUTPUT,
                                actual=actual)
    if rules.judge_indicator(line).status is rules.Status.MET:
        assert _points(operator, target, actual) == 10


@given(progress=decimals("0", "2"), time=decimals("0", "1"), more=decimals("0", "1"))
def test_more_progress_never_worsens_the_level(progress, time, more):
    order = [rules.Level.RED, rules.Level.YELLOW, rules.Level.GREEN]
    before = rules.progress_level(progress, time)
    after = rules.progress_level(progress + more, time)
    assert order.index(after) >= order.index(before)


@given(value=decimals("-99999999999999.9999", "99999999999999.9999"), full_width=st.booleans(),
       grouped=st.booleans(), percent=st.booleans())
def test_parsing_round_trips_what_a_clerk_could_type(value, full_width, grouped, percent):
    text = f"{value:,f}" if grouped else f"{value:f}"
    if percent:
        text += "%"
    if full_width:
        text = text.translate(str.maketrans("0123456789-.,%", "０１２３４５６７８９－．，％"))
    assert parse_decimal(text) == value
