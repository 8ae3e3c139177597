"""Properties that hold for any input: totals stay within 0–100, scores move the right way, parsing round-trips."""
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from core.parsing import parse_decimal
from indicators import rules
from indicators.rules import CENT, ONE, Level1, Operator, Tier

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
def test_the_form_foots_and_its_total_stays_between_0_and_100(budget, spent, lines):
    score = rules.score_project(budget=budget, spent=spent, indicators=lines)
    figures = [score.budget.points_possible, score.budget.points, score.total]
    figures += [figure for s in score.indicators for figure in (s.points_possible, s.points)]
    assert all(figure.as_tuple().exponent == -2 for figure in figures)  # every printed figure in hundredths
    assert 0 <= score.total <= 100
    assert all(0 <= s.points <= s.points_possible for s in score.indicators)
    assert 0 <= score.budget.points <= 10
    if lines:
        assert sum(score.class_points.values()) == 90
        assert score.budget.points_possible + sum(s.points_possible for s in score.indicators) == Decimal("100.00")
    assert score.total == score.budget.points + sum((s.points for s in score.indicators), Decimal(0))
    for line, s in zip(lines, score.indicators, strict=True):  # 得分 = 分值 × clamp(r), half up to the cent
        exact = Decimal(0) if s.ratio is None else s.points_possible * min(Decimal(1), max(Decimal(0), s.ratio))
        assert s.points == exact.quantize(CENT, ROUND_HALF_UP), line
    assert score.met + score.not_met + score.no_data == len(lines)
    assert score.grade == rules.grade_for(score.total) and score.grade in ("优", "良", "中", "差")


@given(lines=st.lists(st.tuples(st.sampled_from(list(Level1)), st.none() | decimals("0", "1000", 3)), min_size=1))
def test_allocated_points_are_hundredths_that_add_up_to_90_exactly(lines):
    shares = rules.allocate_points(lines)
    assert sum(shares) == 90
    assert all(share.as_tuple().exponent == -2 for share in shares)
    for level in Level1:  # within a class: each share within a cent of its exact proportion of the class total
        members = [(share, ONE if weight is None else weight) for (l1, weight), share in zip(lines, shares) if l1 is level]
        total, weights = sum(s for s, _ in members), sum(w for _, w in members)
        for share, weight in members:
            exact = total * weight / weights if weights else total / len(members)
            assert abs(share - exact) < CENT
        equal = [share for (l1, weight), share in zip(lines, shares) if l1 is level and weight is None]
        if equal and len(equal) == len(members):  # equal weights: earlier lines take the spare cents
            assert equal == sorted(equal, reverse=True) and equal[0] - equal[-1] <= CENT


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
