"""The rules of budget performance targets (DOMAIN §2–5): plain Python over Decimal, no Django.

Every number of DOMAIN is a default in `RuleSettings`; callers pass the deployment's settings. Results keep full
precision (a 40-digit context); only the `format_*` helpers round, for display (2 places, ROUND_HALF_UP).
"""
import calendar
import datetime
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import (
    ROUND_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)
from enum import StrEnum
from operator import ge, gt, le, lt
from types import MappingProxyType
from typing import ParamSpec, TypeVar

from projects.vocabulary import (  # noqa: F401 (the rules speak the published table's words; re-exported)
    LEVEL2_BY_LEVEL1,
    LEVEL2_PARENT,
    Level1,
    Level2,
    Operator,
    infer_classes,
    is_qualitative,
    normalize_operator,
)

PRECISION = 40
ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
_CONTEXT = Context(prec=PRECISION, rounding=ROUND_HALF_EVEN, traps=[InvalidOperation, DivisionByZero, Overflow])
# Shares are cut at 20 places and the last one takes the remainder, so shares add up to their total exactly
# (a third of 50 is 16.666…, and three thirds must not make 50.000…001).
_SHARE_QUANTUM = Decimal("1e-20")

P = ParamSpec("P")
R = TypeVar("R")


def _precise(func: Callable[P, R]) -> Callable[P, R]:
    # The caller's context may have 28 digits or odd traps; the rules always compute with the same one.
    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with localcontext(_CONTEXT):
            return func(*args, **kwargs)

    return wrapper


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


# --- Settings ------------------------------------------------------------------------------------------------


class Tier(StrEnum):
    ACHIEVED = "achieved"
    PARTIAL = "partial"
    FAILED = "failed"


TIER_LABELS: dict[Tier, str] = {
    Tier.ACHIEVED: "达成年度指标",
    Tier.PARTIAL: "部分达成年度指标并具有一定效果",
    Tier.FAILED: "未达成年度指标且效果较差",
}


@dataclass(frozen=True)
class TierBand:
    """Allowed percentages of a tier (percent units: 100 = 100 %) and the one used when none is entered."""

    low: Decimal
    high: Decimal
    high_inclusive: bool
    default: Decimal

    def contains(self, percent: Decimal) -> bool:
        """Whether an entered percentage lies in the band."""
        return self.low <= percent and (percent <= self.high if self.high_inclusive else percent < self.high)


DEFAULT_CLASS_POINTS: Mapping[Level1, Decimal] = MappingProxyType(
    {Level1.OUTPUT: Decimal(50), Level1.BENEFIT: Decimal(30), Level1.SATISFACTION: Decimal(10)}
)
DEFAULT_TIER_BANDS: Mapping[Tier, TierBand] = MappingProxyType({
    Tier.ACHIEVED: TierBand(Decimal(80), Decimal(100), True, Decimal(100)),
    Tier.PARTIAL: TierBand(Decimal(60), Decimal(80), False, Decimal(70)),
    Tier.FAILED: TierBand(Decimal(0), Decimal(60), False, Decimal(30)),
})


@dataclass(frozen=True)
class RuleSettings:
    """The numbers of DOMAIN §3–5; a deployment may change any of them (e.g. 甬财政发〔2020〕748号)."""

    class_points: Mapping[Level1, Decimal] = field(default_factory=lambda: DEFAULT_CLASS_POINTS)
    budget_points: Decimal = Decimal(10)
    over_achievement_factor: Decimal = Decimal("1.2")
    tier_bands: Mapping[Tier, TierBand] = field(default_factory=lambda: DEFAULT_TIER_BANDS)
    grade_bands: tuple[tuple[Decimal, str], ...] = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"))
    lowest_grade: str = "差"
    green_ratio: Decimal = Decimal("0.8")
    yellow_ratio: Decimal = Decimal("0.6")

    def __post_init__(self) -> None:
        # Read-only copies keyed by enum: one settings object is shared by every evaluation.
        points = {Level1(k): Decimal(v) for k, v in self.class_points.items()}
        bands = {Tier(k): v for k, v in self.tier_bands.items()}
        if set(points) != set(Level1) or set(bands) != set(Tier):
            raise ValueError("每个一级指标都要有分值，每个完成档次都要有得分率区间")
        if any(v < 0 for v in points.values()) or self.budget_points < 0:
            raise ValueError("分值不能为负数")
        object.__setattr__(self, "class_points", MappingProxyType(points))
        object.__setattr__(self, "tier_bands", MappingProxyType(bands))
        object.__setattr__(self, "grade_bands", tuple(sorted(self.grade_bands, key=lambda b: b[0], reverse=True)))

    def __hash__(self) -> int:
        # Mapping proxies are unhashable; hashing their items lets a settings object key a cache.
        return hash((tuple(self.class_points.items()), self.budget_points, self.over_achievement_factor,
                     tuple(self.tier_bands.items()), self.grade_bands, self.lowest_grade, self.green_ratio,
                     self.yellow_ratio))


DEFAULT_SETTINGS = RuleSettings()


def check_tier_percent(tier: Tier, percent: Decimal, settings: RuleSettings = DEFAULT_SETTINGS) -> None:
    """Refuses (ValueError, Chinese message) a 定性 percentage outside its tier's band."""
    band = settings.tier_bands[Tier(tier)]
    if not percent.is_finite() or not band.contains(percent):
        upper = "" if band.high_inclusive else "（不含）"
        raise ValueError(
            f"「{TIER_LABELS[Tier(tier)]}」的得分率应在 {format_plain(band.low)}% 至 {format_plain(band.high)}%"
            f"{upper}之间：{percent}"
        )


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


@dataclass(frozen=True)
class Judgement:
    """Status and completion ratio (before capping; for 定性 the tier percentage ÷ 100), without points."""

    status: Status
    ratio: Decimal | None
    flags: tuple[Flag, ...]
    explanation: str


@dataclass(frozen=True)
class IndicatorScore:
    status: Status
    ratio: Decimal | None
    flags: tuple[Flag, ...]
    points_possible: Decimal
    points: Decimal
    explanation: str


def _clamp(ratio: Decimal) -> Decimal:
    return min(ONE, max(ZERO, ratio))


def _meets(operator: Operator, actual: Decimal, target: Decimal) -> bool:
    return _COMPARE[operator](actual, target)


def _ratio(operator: Operator, actual: Decimal, target: Decimal, met: bool) -> tuple[Decimal, str]:
    """Completion ratio and how it was found, for the explanation."""
    if target <= 0:
        # Proportions to a target of 0 (or below, for rates of change) mean nothing: met is 100 %, not met 0 %.
        # This gives DOMAIN's `≥ 0` (r = 1 for any actual ≥ 0) and `≤ 0` (only 0 meets it, else r = 0).
        return (ONE, "目标值不为正，达成按 100% 计") if met else (ZERO, "目标值不为正，未达成按 0% 计")
    if operator in _FORWARD:
        if operator is Operator.EQ and actual >= target:
            return ONE, f"完成值 {format_plain(actual)} 不低于目标值 {format_plain(target)}，按 100% 计"
        ratio = actual / target
        return ratio, f"完成值 {format_plain(actual)} ÷ 目标值 {format_plain(target)} = {format_percent(ratio)}"
    if actual <= 0:
        # Nothing lost / no cost at all meets any positive limit (DOMAIN: actual 0 under ≤/< is met, r = 1);
        # a negative rate of change beats it too.
        return ONE, f"完成值 {format_plain(actual)} 不大于 0，按 100% 计"
    ratio = target / actual
    return ratio, f"目标值 {format_plain(target)} ÷ 完成值 {format_plain(actual)} = {format_percent(ratio)}"


def _over_achieved(operator: Operator, actual: Decimal, target: Decimal, settings: RuleSettings) -> bool:
    if operator in (Operator.GE, Operator.GT):
        return target > 0 and actual > settings.over_achievement_factor * target
    return operator is Operator.EQ and actual > target


def _with_unit(value: Decimal, unit: str) -> str:
    return f"{format_plain(value)}{unit}"


def _assess(ind: IndicatorInput, settings: RuleSettings) -> Judgement:
    """The judgement with its explanation before points and hints are added."""
    if is_qualitative(ind.operator):
        if ind.tier is None:
            return Judgement(Status.NO_DATA, None, (), "未填报")
        tier = Tier(ind.tier)
        # An out-of-band percentage is refused on entry, not here: a deployment may move the bands later,
        # and old reports must still evaluate.
        percent = settings.tier_bands[tier].default if ind.tier_percent is None else ind.tier_percent
        status = Status.MET if tier is Tier.ACHIEVED else Status.NOT_MET
        return Judgement(status, percent / HUNDRED, (), f"定性指标：{TIER_LABELS[tier]}，得分率 {format_number(percent)}%")
    if ind.target is None:
        raise ValueError(f"定量指标「{ind.name}」缺少目标值")
    if ind.actual is None:
        return Judgement(Status.NO_DATA, None, (), "未填报")
    operator, target, actual = Operator(ind.operator), ind.target, ind.actual
    met = _meets(operator, actual, target)
    ratio, how = _ratio(operator, actual, target, met)
    if ratio > 1:
        how += "，按 100% 计"
    elif ratio < 0:
        how += "，按 0% 计"
    flags = (Flag.OVER_ACHIEVEMENT,) if _over_achieved(operator, actual, target, settings) else ()
    text = (f"目标 {operator} {_with_unit(target, ind.unit)}，完成值 {_with_unit(actual, ind.unit)}，"
            f"{STATUS_LABELS[Status.MET if met else Status.NOT_MET]}：{how}")
    return Judgement(Status.MET if met else Status.NOT_MET, ratio, flags, text)


def _hint(flags: tuple[Flag, ...]) -> str:
    return f"。{OVER_ACHIEVEMENT_MESSAGE}" if Flag.OVER_ACHIEVEMENT in flags else ""


@_precise
def judge_indicator(ind: IndicatorInput, settings: RuleSettings = DEFAULT_SETTINGS) -> Judgement:
    """Status, completion ratio (before capping) and flags of one indicator (DOMAIN §3)."""
    judgement = _assess(ind, settings)
    return Judgement(judgement.status, judgement.ratio, judgement.flags, judgement.explanation + _hint(judgement.flags))


@_precise
def score_indicator(
    ind: IndicatorInput, points_possible: Decimal, settings: RuleSettings = DEFAULT_SETTINGS
) -> IndicatorScore:
    """Points of one indicator: possible × ratio clamped to [0, 1] (定性: × tier percentage); no data scores 0."""
    judgement = _assess(ind, settings)
    points = ZERO if judgement.ratio is None else points_possible * _clamp(judgement.ratio)
    text = (f"{judgement.explanation}，得 {format_number(points)} 分（分值 {format_number(points_possible)} 分）"
            f"{_hint(judgement.flags)}")
    return IndicatorScore(judgement.status, judgement.ratio, judgement.flags, points_possible, points, text)


def _split(total: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """`total` in proportion to `weights` (equal if they sum to 0); the parts add up to `total` exactly."""
    if not weights:
        return []
    whole = sum(weights, ZERO)
    if whole == 0:
        weights, whole = [ONE] * len(weights), Decimal(len(weights))
    parts = [_cut(total * weight / whole) for weight in weights[:-1]]
    return [*parts, total - sum(parts, ZERO)]


def _cut(share: Decimal) -> Decimal:
    # Exact shares stay as they are (18.75, not 18.75000000000000000000).
    cut = share.quantize(_SHARE_QUANTUM, ROUND_DOWN)
    return share if cut == share else cut


@_precise
def allocate_points(
    indicators: Sequence[tuple[Level1, Decimal | None]], settings: RuleSettings = DEFAULT_SETTINGS
) -> list[Decimal]:
    """Points possible of each indicator (DOMAIN §4), in the order given.

    The indicator points (90 by default) go to the classes present in proportion to their settings (产出 and
    满意度 only: 75 / 15); within a class by weight, None counting as 1. Classes or weights that are all 0 share
    equally, so the points are never lost.
    """
    if any(weight is not None and weight < 0 for _, weight in indicators):
        raise ValueError("权重不能为负数")
    present = [level for level in Level1 if any(Level1(l1) is level for l1, _ in indicators)]
    total = sum(settings.class_points.values(), ZERO)
    class_totals = dict(zip(present, _split(total, [settings.class_points[level] for level in present]), strict=True))
    shares = [ZERO] * len(indicators)
    for level in present:
        members = [i for i, (l1, _) in enumerate(indicators) if Level1(l1) is level]
        weights = [ONE if indicators[i][1] is None else Decimal(indicators[i][1]) for i in members]
        for i, share in zip(members, _split(class_totals[level], weights), strict=True):
            shares[i] = share
    return shares


# --- Budget and project (DOMAIN §4) ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetScore:
    budget: Decimal
    spent: Decimal | None
    execution_rate: Decimal | None  # a fraction (0.85); None when the budget is 0
    points_possible: Decimal
    points: Decimal
    explanation: str


@_precise
def score_budget(*, budget: Decimal, spent: Decimal | None, settings: RuleSettings = DEFAULT_SETTINGS) -> BudgetScore:
    """预算执行率 points: possible × min(1, spent ÷ budget).

    No expenditure reported (spent None) scores 0 at rate 0. A budget of 0 has no rate (None); once the
    expenditure is reported it scores full points, since nothing budgeted was left unspent.
    """
    if budget < 0:
        raise ValueError("预算金额不能为负数")
    possible = settings.budget_points
    tail = f"（分值 {format_number(possible)} 分）"
    if spent is None:
        rate = None if budget == 0 else ZERO
        return BudgetScore(budget, None, rate, possible, ZERO, f"未填报支出，得 0 分{tail}")
    if budget == 0:
        text = f"预算金额为 0，支出 {format_plain(spent)} 万元，无待执行预算，得 {format_number(possible)} 分{tail}"
        return BudgetScore(budget, spent, None, possible, possible, text)
    rate = spent / budget
    points = possible * _clamp(rate)
    cap = "，按 100% 计" if rate > 1 else "，按 0% 计" if rate < 0 else ""
    text = (f"支出 {format_plain(spent)} 万元 ÷ 预算 {format_plain(budget)} 万元 = 执行率 {format_percent(rate)}{cap}，"
            f"得 {format_number(points)} 分{tail}")
    return BudgetScore(budget, spent, rate, possible, points, text)


@dataclass(frozen=True)
class ProjectScore:
    budget: BudgetScore
    indicators: tuple[IndicatorScore, ...]
    class_points: dict[Level1, Decimal]  # points possible of each class present
    class_scores: dict[Level1, Decimal]
    total: Decimal
    grade: str
    met: int
    not_met: int
    no_data: int
    explanation: str


def grade_for(total: Decimal, settings: RuleSettings = DEFAULT_SETTINGS) -> str:
    """等级 of a total: ≥ 90 优, ≥ 80 良, ≥ 60 中, below 差 (thresholds inclusive)."""
    for threshold, label in settings.grade_bands:
        if total >= threshold:
            return label
    return settings.lowest_grade


@_precise
def score_project(
    *, budget: Decimal, spent: Decimal | None, indicators: Sequence[IndicatorInput],
    settings: RuleSettings = DEFAULT_SETTINGS,
) -> ProjectScore:
    """The self-evaluation score out of 100 of one project (DOMAIN §4), with counts and a one-line explanation."""
    possible = allocate_points([(ind.level1, ind.weight) for ind in indicators], settings)
    scores = tuple(score_indicator(ind, p, settings) for ind, p in zip(indicators, possible, strict=True))
    budget_score = score_budget(budget=budget, spent=spent, settings=settings)
    class_points: dict[Level1, Decimal] = {}
    class_scores: dict[Level1, Decimal] = {}
    for level in Level1:
        mine = [s for ind, s in zip(indicators, scores, strict=True) if Level1(ind.level1) is level]
        if mine:
            class_points[level] = sum((s.points_possible for s in mine), ZERO)
            class_scores[level] = sum((s.points for s in mine), ZERO)
    total = budget_score.points + sum(class_scores.values(), ZERO)
    grade = grade_for(total, settings)
    counts = {status: sum(s.status is status for s in scores) for status in Status}
    parts = [f"预算执行 {format_number(budget_score.points)} 分"]
    parts += [f"{level} {format_number(points)} 分" for level, points in class_scores.items()]
    text = (f"{' + '.join(parts)} = {format_number(total)} 分，等级 {grade}（达成 {counts[Status.MET]}、"
            f"未达成 {counts[Status.NOT_MET]}、未填报 {counts[Status.NO_DATA]}）")
    return ProjectScore(budget_score, scores, class_points, class_scores, total, grade,
                        counts[Status.MET], counts[Status.NOT_MET], counts[Status.NO_DATA], text)


# --- Monitoring (DOMAIN §5) -------------------------------------------------------------------------------------


class Level(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    NONE = "none"


LEVEL_LABELS: dict[Level, str] = {
    Level.GREEN: "绿灯（正常）", Level.YELLOW: "黄灯（预警）", Level.RED: "红灯（严重滞后）", Level.NONE: "无",
}
LEVEL_SHORT: dict[Level, str] = {Level.GREEN: "正常", Level.YELLOW: "预警", Level.RED: "滞后", Level.NONE: "—"}
_SEVERITY = {Level.NONE: 0, Level.GREEN: 1, Level.YELLOW: 2, Level.RED: 3}


@_precise
def time_progress(as_of: datetime.date, year: int) -> Decimal:
    """序时进度: day of the year ÷ days in the year (1 Jan is day 1); 0 before the year, 1 after it."""
    if as_of.year < year:
        return ZERO
    if as_of.year > year:
        return ONE
    days = 366 if calendar.isleap(year) else 365
    return Decimal(as_of.timetuple().tm_yday) / days


@_precise
def progress_level(progress: Decimal, time_progress: Decimal, settings: RuleSettings = DEFAULT_SETTINGS) -> Level:
    """Green when progress ÷ time progress ≥ 0.8, yellow from 0.6, red below; nothing is due yet at t = 0."""
    if time_progress <= 0:
        return Level.GREEN
    ratio = progress / time_progress
    if ratio >= settings.green_ratio:
        return Level.GREEN
    return Level.YELLOW if ratio >= settings.yellow_ratio else Level.RED


@_precise
def budget_monitoring(
    *, budget: Decimal, spent: Decimal | None, time_progress: Decimal, settings: RuleSettings = DEFAULT_SETTINGS
) -> tuple[Decimal, Level]:
    """Budget progress (spent ÷ budget, unreported = 0) and its level; a budget of 0 counts as fully executed."""
    progress = ONE if budget <= 0 else (spent or ZERO) / budget
    return progress, progress_level(progress, time_progress, settings)


def is_cumulative(operator: Operator | str, unit: str) -> bool:
    """A count that grows over the year (not a % rate, operator ≥ > =) is judged against time progress."""
    return "%" not in unit and "％" not in unit and Operator(operator) in _FORWARD


_TIER_LEVELS = {Tier.ACHIEVED: Level.GREEN, Tier.PARTIAL: Level.YELLOW, Tier.FAILED: Level.RED}


@_precise
def indicator_monitoring(
    ind: IndicatorInput, time_progress: Decimal, settings: RuleSettings = DEFAULT_SETTINGS
) -> tuple[Decimal | None, Level]:
    """Progress (cumulative indicators only, else None) and level of one indicator during the year (DOMAIN §5)."""
    if is_qualitative(ind.operator):
        return None, Level.NONE if ind.tier is None else _TIER_LEVELS[Tier(ind.tier)]
    if ind.target is None:
        raise ValueError(f"定量指标「{ind.name}」缺少目标值")
    operator = Operator(ind.operator)
    if is_cumulative(operator, ind.unit):
        actual = ZERO if ind.actual is None else ind.actual
        if ind.target > 0:
            progress = actual / ind.target
        else:
            # A target of 0 (or below) is reached from the start, unless `> 0` still wants one.
            progress = ONE if _meets(operator, actual, ind.target) else ZERO
        return progress, progress_level(progress, time_progress, settings)
    if ind.actual is None:
        return None, Level.NONE
    return None, Level.GREEN if _meets(operator, ind.actual, ind.target) else Level.RED


def worst_level(levels: Iterable[Level]) -> Level:
    """A project's level: the worst of its lines' (red > yellow > green > none)."""
    return max((Level(level) for level in levels), key=_SEVERITY.__getitem__, default=Level.NONE)


# --- Display (the only place numbers are rounded) -----------------------------------------------------------------


def _strip_zeros(text: str) -> str:
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


@_precise
def format_number(value: Decimal, places: int = 2) -> str:
    """Rounded half up for display, trailing zeros dropped: 9.2593 → '9.26', 10.00 → '10'."""
    return _strip_zeros(f"{value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP):f}")


@_precise
def format_percent(fraction: Decimal, places: int = 2) -> str:
    """A fraction as a percentage for display: 0.925925… → '92.59%'."""
    return f"{format_number(fraction * HUNDRED, places)}%"


@_precise
def format_amount(value: Decimal) -> str:
    """An amount in 万元 for display, 2 places with thousands separators: 1386.3 → '1,386.30'."""
    return f"{value.quantize(Decimal('0.01'), ROUND_HALF_UP):,}"


def format_plain(value: Decimal) -> str:
    """A number as entered, never rounded nor in exponent form: 1E+2 → '100', 13.5000 → '13.5'."""
    return _strip_zeros(f"{value:f}")
