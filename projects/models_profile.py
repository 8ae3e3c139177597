"""A budget year's rule profile (DOMAIN §10): the numbers the year is scored and monitored by.

Master data, edited by an admin (projects/admin_profile.py) through projects/services/rule_profiles.py, which
refuses a profile whose points do not sum to 100 and any change once a project of the year is submitted. A year
without a row is scored by the built-in profile (the defaults below, DOMAIN §2–5). The scoring side reads a row
as a plain value (indicators/selectors/rule_settings.py); nothing here scores.
"""
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from projects import vocabulary
from projects.choices import Framework, ReverseFormula, Weighting

POINTS = {"max_digits": 5, "decimal_places": 2}
RATIO = {"max_digits": 5, "decimal_places": 4}
PERCENT = {"max_digits": 5, "decimal_places": 2}

BOUNDED_RATE_WORDS = (
    "满意度、合格率、利用率、覆盖率、知晓率、达标率、出勤率、及时率、到位率、发放率、流失率、参与率、准确率、通过率、使用率"
)
GRADES = ("优", "良", "中", "差")


def split_words(text: str) -> tuple[str, ...]:
    """The bounded-rate words as an admin types them: separated by 、, commas, semicolons or spaces."""
    for separator in "，,;；\n\t ":
        text = text.replace(separator, "、")
    return tuple(word for word in text.split("、") if word)


class RuleProfile(models.Model):
    year = models.PositiveSmallIntegerField("年度", unique=True)
    framework = models.CharField("指标体系", max_length=10, choices=Framework.choices, default=Framework.FIN_10)
    weighting = models.CharField(
        "分值方式", max_length=10, choices=Weighting.choices, default=Weighting.CLASS,
        help_text="按一级指标：各一级指标的分值在其指标间平均分配；按各指标分值：用汇总表为每条指标列出的分值（权重）。",
    )
    budget_points = models.DecimalField("预算执行率分值", default=Decimal(10), **POINTS)
    output_points = models.DecimalField("产出指标分值", default=Decimal(50), **POINTS)
    cost_points = models.DecimalField(
        "成本指标分值", default=Decimal(0), help_text="仅 101 号指标体系：成本指标为一级指标。", **POINTS
    )
    benefit_points = models.DecimalField("效益指标分值", default=Decimal(30), **POINTS)
    satisfaction_points = models.DecimalField("满意度指标分值", default=Decimal(10), **POINTS)
    reverse_formula = models.CharField(
        "反向指标计分公式", max_length=30, choices=ReverseFormula.choices, default=ReverseFormula.TARGET_OVER_ACTUAL,
        help_text="反向指标（≤、<）未达成时的完成比率。",
    )
    over_achievement_factor = models.DecimalField(
        "超额完成警示线", default=Decimal("1.2"), help_text="正向指标完成值超过目标值的这个倍数时提示偏离（1.2 即 120%）。",
        **RATIO,
    )
    excellent_from = models.DecimalField("「优」的最低分", default=Decimal(90), **POINTS)
    good_from = models.DecimalField("「良」的最低分", default=Decimal(80), **POINTS)
    fair_from = models.DecimalField("「中」的最低分", default=Decimal(60), help_text="低于此分为「差」。", **POINTS)
    achieved_from = models.DecimalField(
        "定性「达成」的最低得分率(%)", default=Decimal(80), help_text="达成：此值至 100%（含）。", **PERCENT
    )
    achieved_default = models.DecimalField("定性「达成」的默认得分率(%)", default=Decimal(100), **PERCENT)
    partial_from = models.DecimalField(
        "定性「部分达成」的最低得分率(%)", default=Decimal(60), help_text="部分达成：此值至「达成」的最低得分率（不含）；"
        "未达成：0 至此值（不含）。", **PERCENT,
    )
    partial_default = models.DecimalField("定性「部分达成」的默认得分率(%)", default=Decimal(70), **PERCENT)
    failed_default = models.DecimalField("定性「未达成」的默认得分率(%)", default=Decimal(30), **PERCENT)
    bounded_rate_words = models.TextField(
        "不得超过 100% 的比率", default=BOUNDED_RATE_WORDS,
        help_text="单位为 % 且名称含这些词之一的指标，完成值不能超过 100。用顿号分隔。",
    )
    green_ratio = models.DecimalField(
        "监控绿灯线", default=Decimal("0.8"), help_text="完成进度 ÷ 序时进度不低于此值为绿灯。", **RATIO
    )
    yellow_ratio = models.DecimalField(
        "监控黄灯线", default=Decimal("0.6"), help_text="不低于此值、低于绿灯线为黄灯，更低为红灯。", **RATIO
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "评分规则"
        verbose_name_plural = "评分规则"
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_points__gte=0, output_points__gte=0, cost_points__gte=0, benefit_points__gte=0,
                            satisfaction_points__gte=0),
                name="rule_profile_points_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(framework=vocabulary.Framework.FIN_101) | Q(cost_points=0),
                name="rule_profile_cost_points_only_in_101",
            ),
        ]

    def __str__(self):
        return f"{self.year} 年评分规则"

    @property
    def total_points(self) -> Decimal:
        return (self.budget_points + self.output_points + self.cost_points + self.benefit_points
                + self.satisfaction_points)

    @property
    def bounded_words(self) -> tuple[str, ...]:
        return split_words(self.bounded_rate_words)

    def clean(self):
        errors: dict[str, list[str]] = {}

        def refuse(field: str, message: str) -> None:
            errors.setdefault(field, []).append(message)

        points = (self.budget_points, self.output_points, self.cost_points, self.benefit_points,
                  self.satisfaction_points)
        if None in points:
            return  # each missing number has its own error
        if any(p < 0 for p in points):
            refuse(NON_FIELD_ERRORS, "分值不能为负数")
        elif self.total_points != 100:
            refuse(NON_FIELD_ERRORS, f"预算执行率与各一级指标的分值合计应为 100 分，现为 {self.total_points.normalize():f} 分"
                       f"（{self.budget_points.normalize():f} + {self.output_points.normalize():f} + "
                       f"{self.cost_points.normalize():f} + {self.benefit_points.normalize():f} + "
                       f"{self.satisfaction_points.normalize():f}）")
        if self.framework != vocabulary.Framework.FIN_101 and self.cost_points:
            refuse("cost_points", "成本指标只在 101 号指标体系中是一级指标；10 号指标体系的成本指标属于产出指标，此处应为 0")
        self._clean_bands(refuse)
        if errors:
            raise ValidationError(errors)

    def _clean_bands(self, refuse) -> None:
        grades = (self.excellent_from, self.good_from, self.fair_from)
        if None not in grades and not 100 >= grades[0] > grades[1] > grades[2] > 0:
            refuse(NON_FIELD_ERRORS, "等级线应为 100 ≥ 优 > 良 > 中 > 0")
        tiers = (self.achieved_from, self.partial_from)
        if None not in tiers and not 100 >= tiers[0] > tiers[1] > 0:
            refuse(NON_FIELD_ERRORS, "定性档次应为 100% ≥ 达成的最低得分率 > 部分达成的最低得分率 > 0")
        elif None not in tiers:
            defaults = ((self.achieved_default, tiers[0], 100, "达成"), (self.partial_default, tiers[1], tiers[0], "部分达成"),
                        (self.failed_default, 0, tiers[1], "未达成"))
            for default, low, high, label in defaults:
                inside = default is not None and low <= default and (default <= high if label == "达成" else default < high)
                if not inside:
                    refuse(NON_FIELD_ERRORS, f"定性「{label}」的默认得分率应在该档次的区间内")
        ratios = (self.green_ratio, self.yellow_ratio)
        if None not in ratios and not ratios[0] > ratios[1] > 0:
            refuse(NON_FIELD_ERRORS, "监控的绿灯线应高于黄灯线，且都大于 0")
        if self.over_achievement_factor is not None and self.over_achievement_factor <= 1:
            refuse("over_achievement_factor", "超额完成警示线应大于 1（例如 1.2 即 120%）")
        if not self.bounded_words:
            refuse("bounded_rate_words", "请至少填写一个比率用词")
