"""Judging an actual against its target and scoring indicators, the budget line and the project (DOMAIN §3–4)."""
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from operator import ge, gt, le, lt

from indicators.rules.display import format_number, format_percent, format_plain
from indicators.rules.numbers import CENT, HUNDRED, ONE, ZERO, _precise
from indicators.rules.profile import DEFAULT_SETTINGS, TIER_LABELS, ReverseFormula, RuleSettings, Tier
from projects.vocabulary import Basis, Level1, Operator, is_qualitative

# --- Judging an actual against its target (DOMAIN §3) ---------------------------------------------------------


_FORWARD = (Operator.GE, Operator.GT, Operator.EQ)
# Met when actual <op> target; `=` is met by any actual ≥ target (DOMAIN §3), the excess only flagged.
_COMPARE: dict[Operator, Callable[[Decimal, Decimal], bool]] = {
    Operator.GE: ge, Operator.GT: gt, Operator.LE: le, Operator.LT: lt, Operator.EQ: ge,
}


def allows_negative(*, name: str, unit: str) -> bool:
    """Only rates of change (a % unit, a name with 下降率/增长率/节约率) may have a negative actual."""
    is_percent = "%" in unit or "％" in unit
    return is_percent and any(word in name for word in ("下降率", "增长率", "节约率"))



# --- Judging and scoring an indicator (DOMAIN §3, §4) ---------------------------------------------------------


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    NO_DATA = "no_data"


STATUS_LABELS: dict[Status, str] = {Status.MET: "达成", Status.NOT_MET: "未达成", Status.NO_DATA: "未填报"}


class Flag(StrEnum):
    OVER_ACHIEVEMENT = "over_achievement"


OVER_ACHIEVEMENT_MESSAGE = "超额较多：请分析原因，如系年初目标设定偏低，可适度调减分值"


@dataclass(frozen=True)
class IndicatorInput:
    """One indicator with its current actual (quantitative) or tier (定性), as plain values."""

    name: str
    operator: Operator
    target: Decimal | None
    unit: str
    level1: Level1
    weight: Decimal | None = None  # relative weight within its class; None counts as 1
    actual: Decimal | None = None  # in the indicator's own unit
    tier: Tier | None = None
    tier_percent: Decimal | None = None  # None: the tier's default
    basis: Basis | None = None  # 监控口径 (DOMAIN §5) as stored; None: inferred from the line
    points: Decimal | None = None  # the line's own 分值 (DOMAIN §4, explicit); None: its class's share


class Explained:
    """A result whose sentence is written only when read: a page shows a few of the many lines it evaluates.

    `_explain` makes the text from figures already computed (the formatting has its own context, so the text is
    the same whenever it is read); equality compares the figures, not the function.
    """

    _explain: Callable[[], str]

    @cached_property
    def explanation(self) -> str:
        return self._explain()


def _explained():
    return field(repr=False, compare=False)


@dataclass(frozen=True)
class Judgement(Explained):
    """Status and completion ratio (before capping; for 定性 the tier percentage ÷ 100), without points."""

    status: Status
    ratio: Decimal | None
    flags: tuple[Flag, ...]
    _explain: Callable[[], str] = _explained()


@dataclass(frozen=True)
class IndicatorScore(Explained):
    status: Status
    ratio: Decimal | None
    flags: tuple[Flag, ...]
    points_possible: Decimal
    points: Decimal
    _explain: Callable[[], str] = _explained()


def _clamp(ratio: Decimal) -> Decimal:
    return min(ONE, max(ZERO, ratio))


def _meets(operator: Operator, actual: Decimal, target: Decimal) -> bool:
    return _COMPARE[operator](actual, target)


def _ratio(operator: Operator, actual: Decimal, target: Decimal, met: bool,
           formula: ReverseFormula = ReverseFormula.TARGET_OVER_ACTUAL) -> Decimal:
    """Completion ratio (before capping)."""
    if target <= 0:
        # Proportions to a target of 0 (or below, for rates of change) mean nothing: met is 100 %, not met 0 %.
        # This gives DOMAIN's `≥ 0` (r = 1 for any actual ≥ 0) and `≤ 0` (only 0 meets it, else r = 0).
        return ONE if met else ZERO
    if operator in _FORWARD:
        if operator is Operator.EQ and actual >= target:
            return ONE
        return actual / target
    if actual <= 0:
        # Nothing lost / no cost at all meets any positive limit (DOMAIN: actual 0 under ≤/< is met, r = 1);
        # a negative rate of change beats it too.
        return ONE
    if formula is ReverseFormula.ONE_MINUS_EXCESS:
        return ONE - (actual - target) / target
    return target / actual


def _how(operator: Operator, actual: Decimal, target: Decimal, met: bool, ratio: Decimal,
         formula: ReverseFormula = ReverseFormula.TARGET_OVER_ACTUAL) -> str:
    """How the ratio was found, for the explanation (the branches of `_ratio`)."""
    if target <= 0:
        return "目标值不为正，达成按 100% 计" if met else "目标值不为正，未达成按 0% 计"
    if operator in _FORWARD:
        if operator is Operator.EQ and actual >= target:
            return f"完成值 {format_plain(actual)} 不低于目标值 {format_plain(target)}，按 100% 计"
        how = f"完成值 {format_plain(actual)} ÷ 目标值 {format_plain(target)} = {format_percent(ratio)}"
    elif actual <= 0:
        return f"完成值 {format_plain(actual)} 不大于 0，按 100% 计"
    elif formula is ReverseFormula.ONE_MINUS_EXCESS:
        how = (f"1 −（完成值 {format_plain(actual)} − 目标值 {format_plain(target)}）÷ 目标值 {format_plain(target)} "
               f"= {format_percent(ratio)}")
    else:
        how = f"目标值 {format_plain(target)} ÷ 完成值 {format_plain(actual)} = {format_percent(ratio)}"
    if ratio > 1:
        how += "，按 100% 计"
    elif ratio < 0:
        how += "，按 0% 计"
    return how


def _over_achieved(operator: Operator, actual: Decimal, target: Decimal, settings: RuleSettings) -> bool:
    if operator in (Operator.GE, Operator.GT):
        return target > 0 and actual > settings.over_achievement_factor * target
    return operator is Operator.EQ and actual > target


def _with_unit(value: Decimal, unit: str) -> str:
    return f"{format_plain(value)}{unit}"


def _no_data() -> str:
    return "未填报"


def _assess(ind: IndicatorInput, settings: RuleSettings) -> Judgement:
    """The judgement; its explanation (before points and hints are added) is written when read."""
    if is_qualitative(ind.operator):
        if ind.tier is None:
            return Judgement(Status.NO_DATA, None, (), _no_data)
        tier = Tier(ind.tier)
        # An out-of-band percentage is refused on entry, not here: a deployment may move the bands later,
        # and old reports must still evaluate.
        percent = settings.tier_bands[tier].default if ind.tier_percent is None else ind.tier_percent
        status = Status.MET if tier is Tier.ACHIEVED else Status.NOT_MET
        return Judgement(status, percent / HUNDRED, (),
                         lambda: f"定性指标：{TIER_LABELS[tier]}，得分率 {format_number(percent)}%")
    if ind.target is None:
        raise ValueError(f"定量指标「{ind.name}」缺少目标值")
    if ind.actual is None:
        return Judgement(Status.NO_DATA, None, (), _no_data)
    operator, target, actual = Operator(ind.operator), ind.target, ind.actual
    met = _meets(operator, actual, target)
    ratio = _ratio(operator, actual, target, met, settings.reverse_formula)
    flags = (Flag.OVER_ACHIEVEMENT,) if _over_achieved(operator, actual, target, settings) else ()

    def explain() -> str:
        return (f"目标 {operator} {_with_unit(target, ind.unit)}，完成值 {_with_unit(actual, ind.unit)}，"
                f"{STATUS_LABELS[Status.MET if met else Status.NOT_MET]}：{_how(operator, actual, target, met, ratio, settings.reverse_formula)}")

    return Judgement(Status.MET if met else Status.NOT_MET, ratio, flags, explain)


def _hint(flags: tuple[Flag, ...]) -> str:
    return f"。{OVER_ACHIEVEMENT_MESSAGE}" if Flag.OVER_ACHIEVEMENT in flags else ""


@_precise
def judge_indicator(ind: IndicatorInput, settings: RuleSettings = DEFAULT_SETTINGS) -> Judgement:
    """Status, completion ratio (before capping) and flags of one indicator (DOMAIN §3)."""
    judgement = _assess(ind, settings)
    return Judgement(judgement.status, judgement.ratio, judgement.flags,
                     lambda: judgement.explanation + _hint(judgement.flags))


@_precise
def score_indicator(
    ind: IndicatorInput, points_possible: Decimal, settings: RuleSettings = DEFAULT_SETTINGS
) -> IndicatorScore:
    """得分 of one indicator: 分值 × ratio clamped to [0, 1] (定性: × tier percentage), rounded half up to 0.01;
    no data scores 0."""
    judgement = _assess(ind, settings)
    points = to_cents(ZERO if judgement.ratio is None else points_possible * _clamp(judgement.ratio))

    def explain() -> str:
        return (f"{judgement.explanation}，得 {format_number(points)} 分（分值 {format_number(points_possible)} 分）"
                f"{_hint(judgement.flags)}")

    return IndicatorScore(judgement.status, judgement.ratio, judgement.flags, points_possible, points, explain)


def _shares(total: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """`total` (in hundredths) in proportion to `weights`, each share in hundredths, by the largest remainder.

    Every share first gets its proportion cut down to the cent; the cents left over go one each to the largest
    remainders, earlier shares first where remainders are equal (50 over 3 is 16.67, 16.67, 16.66). Weights that
    sum to 0 share equally, so the points are never lost. The shares add up to `total` exactly.
    """
    if not weights:
        return []
    whole = sum(weights, ZERO)
    if whole == 0:
        weights, whole = [ONE] * len(weights), Decimal(len(weights))
    cents = int(total.scaleb(2))
    exact = [cents * weight / whole for weight in weights]
    floors = [int(share) for share in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (floors[i] - exact[i], i))
    for i in by_remainder[:max(0, cents - sum(floors))]:
        floors[i] += 1
    return [Decimal(share).scaleb(-2) for share in floors]


def to_cents(value: Decimal) -> Decimal:
    """A figure of the form in hundredths, rounded half up (DOMAIN §4: every printed figure)."""
    return value.quantize(CENT, ROUND_HALF_UP)


@_precise
def allocate_points(
    indicators: Sequence[tuple[Level1, Decimal | None]], settings: RuleSettings = DEFAULT_SETTINGS
) -> list[Decimal]:
    """分值 of each indicator in hundredths (DOMAIN §4), in the order given (the published order).

    The indicator points (90 by default) go to the classes present in proportion to their settings (产出 and
    满意度 only: 75.00 / 15.00), then within a class by weight, None counting as 1, each time by the largest
    remainder in hundredths. Classes or weights that are all 0 share equally. The shares sum to the points exactly.
    """
    if any(weight is not None and weight < 0 for _, weight in indicators):
        raise ValueError("权重不能为负数")
    classes = [Level1(l1) for l1, _ in indicators]  # each line's class read once, not once per class
    present = [level for level in Level1 if level in classes]
    total = to_cents(sum(settings.class_points.values(), ZERO))
    class_totals = dict(zip(present, _shares(total, [settings.class_points[level] for level in present]), strict=True))
    shares = [ZERO] * len(indicators)
    for level in present:
        members = [i for i, l1 in enumerate(classes) if l1 is level]
        weights = [ONE if indicators[i][1] is None else Decimal(indicators[i][1]) for i in members]
        for i, share in zip(members, _shares(class_totals[level], weights), strict=True):
            shares[i] = share
    return shares


def explicit_points(points: Sequence[Decimal | None]) -> list[Decimal] | None:
    """The lines' own 分值 in hundredths when every line has one (DOMAIN §4, weighting `explicit`), else None: a
    project is scored by explicit points only as a whole, never half by class shares."""
    if not points or any(p is None for p in points):
        return None
    if any(p < 0 for p in points):
        raise ValueError("分值不能为负数")
    return [to_cents(p) for p in points]


# --- Budget and project (DOMAIN §4) ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetScore(Explained):
    budget: Decimal
    spent: Decimal | None
    execution_rate: Decimal | None  # a fraction (0.85); None when the budget is 0
    points_possible: Decimal
    points: Decimal
    _explain: Callable[[], str] = _explained()


@_precise
def execution_rate(*, budget: Decimal, spent: Decimal | None) -> Decimal | None:
    """预算执行率 spent ÷ budget, a fraction: 0 while no expenditure is reported; None when the budget is 0."""
    if budget == 0:
        return None
    return ZERO if spent is None else spent / budget


@_precise
def score_budget(*, budget: Decimal, spent: Decimal | None, settings: RuleSettings = DEFAULT_SETTINGS) -> BudgetScore:
    """预算执行率 points: 分值 × min(1, spent ÷ budget), rounded half up to 0.01.

    No expenditure reported (spent None) scores 0 at rate 0. A budget of 0 has no rate (None); once the
    expenditure is reported it scores full points, since nothing budgeted was left unspent.
    """
    if budget < 0:
        raise ValueError("预算金额不能为负数")
    possible = to_cents(settings.budget_points)

    def tail() -> str:
        return f"（分值 {format_number(possible)} 分）"

    rate = execution_rate(budget=budget, spent=spent)
    if spent is None:
        return BudgetScore(budget, None, rate, possible, to_cents(ZERO), lambda: f"未填报支出，得 0 分{tail()}")
    if budget == 0:
        return BudgetScore(
            budget, spent, None, possible, possible,
            lambda: f"预算金额为 0，支出 {format_plain(spent)} 万元，无待执行预算，得 {format_number(possible)} 分{tail()}",
        )
    points = to_cents(possible * _clamp(rate))

    def explain() -> str:
        cap = "，按 100% 计" if rate > 1 else "，按 0% 计" if rate < 0 else ""
        return (f"支出 {format_plain(spent)} 万元 ÷ 预算 {format_plain(budget)} 万元 = 执行率 {format_percent(rate)}"
                f"{cap}，得 {format_number(points)} 分{tail()}")

    return BudgetScore(budget, spent, rate, possible, points, explain)


@dataclass(frozen=True)
class ProjectScore(Explained):
    budget: BudgetScore
    indicators: tuple[IndicatorScore, ...]
    class_points: dict[Level1, Decimal]  # points possible of each class present
    class_scores: dict[Level1, Decimal]
    total: Decimal
    grade: str
    met: int
    not_met: int
    no_data: int
    _explain: Callable[[], str] = _explained()


@_precise
def grade_for(total: Decimal, settings: RuleSettings = DEFAULT_SETTINGS) -> str:
    """等级 of a total as the form shows it, in hundredths: ≥ 90 优, ≥ 80 良, ≥ 60 中, below 差 (inclusive).

    A total shown as 90.00 is 优 (DOMAIN §4), whatever digits a caller's figure had beyond the cent.
    """
    shown = to_cents(total)
    for threshold, label in settings.grade_bands:
        if shown >= threshold:
            return label
    return settings.lowest_grade


@_precise
def score_project(
    *, budget: Decimal, spent: Decimal | None, indicators: Sequence[IndicatorInput],
    settings: RuleSettings = DEFAULT_SETTINGS,
) -> ProjectScore:
    """The self-evaluation score out of 100 of one project (DOMAIN §4), with counts and a one-line explanation.

    The form foots: 分值 sum to 100.00 (budget line and indicators), 总分 is the sum of the lines' 得分 in
    hundredths, and the grade is read from that 总分.
    """
    possible = explicit_points([ind.points for ind in indicators]) or allocate_points(
        [(ind.level1, ind.weight) for ind in indicators], settings)
    scores = tuple(score_indicator(ind, p, settings) for ind, p in zip(indicators, possible, strict=True))
    budget_score = score_budget(budget=budget, spent=spent, settings=settings)
    class_points: dict[Level1, Decimal] = {}
    class_scores: dict[Level1, Decimal] = {}
    classes = [Level1(ind.level1) for ind in indicators]
    for level in Level1:
        mine = [s for l1, s in zip(classes, scores, strict=True) if l1 is level]
        if mine:
            class_points[level] = sum((s.points_possible for s in mine), ZERO)
            class_scores[level] = sum((s.points for s in mine), ZERO)
    total = budget_score.points + sum(class_scores.values(), ZERO)
    grade = grade_for(total, settings)
    counts = {status: sum(s.status is status for s in scores) for status in Status}

    def explain() -> str:
        parts = [f"预算执行 {format_number(budget_score.points)} 分"]
        parts += [f"{level} {format_number(points)} 分" for level, points in class_scores.items()]
        return (f"{' + '.join(parts)} = {format_number(total)} 分，等级 {grade}（达成 {counts[Status.MET]}、"
                f"未达成 {counts[Status.NOT_MET]}、未填报 {counts[Status.NO_DATA]}）")

    return ProjectScore(budget_score, scores, class_points, class_scores, total, grade,
                        counts[Status.MET], counts[Status.NOT_MET], counts[Status.NO_DATA], explain)
