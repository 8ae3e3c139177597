"""The numbers a deployment may change (DOMAIN §10: a rule profile): class and budget points, tiers, bands."""
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from indicators.rules.display import format_plain
from projects.vocabulary import Framework, Level1, Weighting

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
    {Level1.OUTPUT: Decimal(50), Level1.BENEFIT: Decimal(30), Level1.SATISFACTION: Decimal(10), Level1.COST: Decimal(0)}
)
DEFAULT_TIER_BANDS: Mapping[Tier, TierBand] = MappingProxyType({
    Tier.ACHIEVED: TierBand(Decimal(80), Decimal(100), True, Decimal(100)),
    Tier.PARTIAL: TierBand(Decimal(60), Decimal(80), False, Decimal(70)),
    Tier.FAILED: TierBand(Decimal(0), Decimal(60), False, Decimal(30)),
})
class ReverseFormula(StrEnum):
    """How a 反向 line (≤, <) not met scores (DOMAIN §10)."""

    TARGET_OVER_ACTUAL = "target/actual"  # the default: r = T / A
    ONE_MINUS_EXCESS = "1-(actual-target)/target"  # some provincial platforms: r = 1 − (A − T) / T, floored at 0


REVERSE_FORMULA_LABELS = {
    ReverseFormula.TARGET_OVER_ACTUAL: "目标值 ÷ 完成值",
    ReverseFormula.ONE_MINUS_EXCESS: "1 −（完成值 − 目标值）÷ 目标值，最低为 0",
}
FULL_MARKS = Decimal(100)

BOUNDED_RATE_WORDS = (
    "满意度", "合格率", "利用率", "覆盖率", "知晓率", "达标率", "出勤率", "及时率", "到位率", "发放率", "流失率", "参与率",
    "准确率", "通过率", "使用率",
)


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
    # DOMAIN §3: % indicators named with one of these words cannot exceed 100.
    bounded_rate_words: tuple[str, ...] = BOUNDED_RATE_WORDS
    # DOMAIN §3: an amount above this many times the budget in force is a likely 元-for-万元 mistake.
    unit_mistake_factor: Decimal = Decimal(10)
    reverse_formula: ReverseFormula = ReverseFormula.TARGET_OVER_ACTUAL
    framework: Framework = Framework.FIN_10
    weighting: Weighting = Weighting.CLASS
    year: int | None = None  # the budget year whose profile this is; None: the built-in one

    def __post_init__(self) -> None:
        # Read-only copies keyed by enum: one settings object is shared by every evaluation.
        # 成本指标 is a 一级 class of 101号 only: a profile that does not name it gives it no points.
        points = {Level1.COST: Decimal(0), **{Level1(k): Decimal(v) for k, v in self.class_points.items()}}
        bands = {Tier(k): v for k, v in self.tier_bands.items()}
        if set(points) != set(Level1) or set(bands) != set(Tier):
            raise ValueError("每个一级指标都要有分值，每个完成档次都要有得分率区间")
        if any(v < 0 for v in points.values()) or self.budget_points < 0:
            raise ValueError("分值不能为负数")
        object.__setattr__(self, "reverse_formula", ReverseFormula(self.reverse_formula))
        object.__setattr__(self, "framework", Framework(self.framework))
        object.__setattr__(self, "weighting", Weighting(self.weighting))
        object.__setattr__(self, "class_points", MappingProxyType(points))
        object.__setattr__(self, "tier_bands", MappingProxyType(bands))
        object.__setattr__(self, "grade_bands", tuple(sorted(self.grade_bands, key=lambda b: b[0], reverse=True)))

    def __hash__(self) -> int:
        # Mapping proxies are unhashable; hashing their items lets a settings object key a cache.
        return hash((tuple(self.class_points.items()), self.budget_points, self.over_achievement_factor,
                     tuple(self.tier_bands.items()), self.grade_bands, self.lowest_grade, self.green_ratio,
                     self.yellow_ratio, self.bounded_rate_words, self.unit_mistake_factor, self.reverse_formula,
                     self.framework, self.weighting, self.year))

    @property
    def full_marks(self) -> Decimal:
        """A project's highest total: the budget points and every class's (100 in a valid profile)."""
        return self.budget_points + sum(self.class_points.values(), Decimal(0))


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
