"""Monitoring during the year (DOMAIN §5): time progress, levels green/yellow/red, the worst of a project."""
import calendar
import datetime
from collections.abc import Iterable
from decimal import (
    Decimal,
)
from enum import StrEnum

from indicators.rules.inputs import is_spending_over_budget
from indicators.rules.numbers import ONE, ZERO, _precise
from indicators.rules.profile import (
    DEFAULT_SETTINGS,
    RuleSettings,
    Tier,
)
from indicators.rules.scoring import _FORWARD, IndicatorInput, _meets
from projects.vocabulary import Basis, Operator, infer_basis

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
    """Budget progress (spent ÷ budget, unreported = 0) and its level; a budget of 0 counts as fully executed.

    Spending over the budget (any spending on a budget of 0) is red whatever the time progress (DOMAIN §3, §5).
    """
    progress = ONE if budget <= 0 else (spent or ZERO) / budget
    if is_spending_over_budget(budget=budget, amount=spent):
        return progress, Level.RED
    return progress, progress_level(progress, time_progress, settings)


_TIER_LEVELS = {Tier.ACHIEVED: Level.GREEN, Tier.PARTIAL: Level.YELLOW, Tier.FAILED: Level.RED}


def monitoring_basis(ind: IndicatorInput) -> Basis:
    """The basis a line is judged by during the year (DOMAIN §5): its own, or the inferred one when it has none.

    A blank operator is always 定性 and a ≤/< line always 时点, whatever basis the line kept from before an
    adjustment changed its operator; a 定性 basis on a line that has an operator is read as the inferred one.
    """
    inferred = infer_basis(name=ind.name, operator=ind.operator, unit=ind.unit)
    if ind.basis is None or Operator(ind.operator) not in _FORWARD or Basis(ind.basis) is Basis.QUALITATIVE:
        return inferred
    return Basis(ind.basis)


@_precise
def indicator_monitoring(
    ind: IndicatorInput, time_progress: Decimal, settings: RuleSettings = DEFAULT_SETTINGS
) -> tuple[Decimal | None, Level]:
    """Progress (累计 lines only, else None) and level of one indicator during the year (DOMAIN §5).

    累计: progress = actual ÷ target (no data counts as 0) judged against time progress; 时点: green when the current
    actual meets the target, red when not, none without data; 定性: the tier's colour, none without data.
    """
    basis = monitoring_basis(ind)
    if basis is Basis.QUALITATIVE:
        return None, Level.NONE if ind.tier is None else _TIER_LEVELS[Tier(ind.tier)]
    if ind.target is None:
        raise ValueError(f"定量指标「{ind.name}」缺少目标值")
    operator = Operator(ind.operator)
    if basis is Basis.CUMULATIVE:
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
