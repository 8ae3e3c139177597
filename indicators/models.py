"""The ledger (DOMAIN §6): reports, expenditures and monitoring notes are appended, never changed."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from projects.models import AMOUNT, VALUE, Indicator, Project


class LedgerError(Exception):
    """Raised when code tries to change or delete a saved ledger row."""


class LedgerQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise LedgerError("填报记录只能追加，不能修改：请另填一条更正记录。")

    def delete(self):
        raise LedgerError("填报记录只能追加，不能删除。")


class LedgerRow(models.Model):
    as_of = models.DateField("截至日期")
    note = models.TextField("说明", blank=True)
    reason = models.TextField("更正原因", blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="填报人"
    )
    entered_at = models.DateTimeField("填报时间", default=timezone.now)

    objects = LedgerQuerySet.as_manager()

    class Meta:
        abstract = True

    # Append-only is an integrity guard, not domain flow: every door (admin, shell, views) hits it.
    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise LedgerError("填报记录只能追加，不能修改：请另填一条更正记录。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise LedgerError("填报记录只能追加，不能删除。")

    @staticmethod
    def correction_constraints(prefix: str) -> list:
        return [
            models.UniqueConstraint(
                fields=["corrects"], condition=Q(corrects__isnull=False), name=f"{prefix}_corrected_once"
            ),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(reason=""), name=f"{prefix}_correction_has_reason"
            ),
        ]


class Tier(models.TextChoices):
    ACHIEVED = "achieved", "达成年度指标"
    PARTIAL = "partial", "部分达成年度指标并具有一定效果"
    FAILED = "failed", "未达成年度指标且效果较差"


class IndicatorReport(LedgerRow):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="reports", verbose_name="指标"
    )
    value = models.DecimalField("实际完成值", null=True, blank=True, **VALUE)
    tier = models.CharField("完成档次", max_length=10, choices=Tier.choices, blank=True)
    tier_percent = models.DecimalField("得分率(%)", max_digits=7, decimal_places=4, null=True, blank=True)
    corrects = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrected_by",
        verbose_name="更正的记录",
    )

    class Meta:
        verbose_name = "指标完成值填报"
        verbose_name_plural = "指标完成值填报"
        ordering = ["-as_of", "-entered_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(value__isnull=False) & Q(tier="") & Q(tier_percent__isnull=True))
                | (Q(value__isnull=True) & ~Q(tier="") & Q(tier_percent__isnull=False)),
                name="report_value_xor_tier",
            ),
            models.CheckConstraint(
                condition=Q(tier_percent__isnull=True) | Q(tier_percent__gte=0, tier_percent__lte=100),
                name="report_tier_percent_range",
            ),
            *LedgerRow.correction_constraints("report"),
        ]
        indexes = [models.Index(fields=["indicator", "as_of"], name="report_indicator_as_of")]

    def __str__(self):
        shown = self.value if self.value is not None else f"{self.get_tier_display()} {self.tier_percent}%"
        return f"{self.indicator.name}：{shown}（截至 {self.as_of}）"


class ExpenditureReport(LedgerRow):
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="expenditures", verbose_name="项目"
    )
    amount = models.DecimalField("累计支出(万元)", **AMOUNT)
    corrects = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrected_by",
        verbose_name="更正的记录",
    )

    class Meta:
        verbose_name = "支出填报"
        verbose_name_plural = "支出填报"
        ordering = ["-as_of", "-entered_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="expenditure_amount_not_negative"),
            *LedgerRow.correction_constraints("expenditure"),
        ]
        indexes = [models.Index(fields=["project", "as_of"], name="expenditure_project_as_of")]

    def __str__(self):
        return f"{self.project.name}：{self.amount} 万元（截至 {self.as_of}）"


class Likelihood(models.TextChoices):
    CERTAIN = "certain", "确定能"
    POSSIBLE = "possible", "有可能"
    IMPOSSIBLE = "impossible", "完全不可能"


class DeviationReason(models.TextChoices):
    FUNDING = "funding", "经费保障"
    SYSTEM = "system", "制度保障"
    STAFF = "staff", "人员保障"
    HARDWARE = "hardware", "硬件条件保障"
    OTHER = "other", "其他"


class MonitoringNote(LedgerRow):
    """监控说明 of an indicator, or of the project's budget line when `indicator` is empty."""

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="monitoring_notes", verbose_name="项目"
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, null=True, blank=True, related_name="monitoring_notes",
        verbose_name="指标（空为预算执行）",
    )
    forecast = models.DecimalField("全年预计完成值", null=True, blank=True, **VALUE)
    reason_funding = models.BooleanField("经费保障", default=False)
    reason_system = models.BooleanField("制度保障", default=False)
    reason_staff = models.BooleanField("人员保障", default=False)
    reason_hardware = models.BooleanField("硬件条件保障", default=False)
    reason_other = models.BooleanField("其他", default=False)
    reason_other_text = models.CharField("其他原因", max_length=500, blank=True)
    likelihood = models.CharField("完成目标可能性", max_length=10, choices=Likelihood.choices, blank=True)
    measures = models.TextField("改进措施", blank=True)
    corrects = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrected_by",
        verbose_name="更正的记录",
    )

    class Meta:
        verbose_name = "监控说明"
        verbose_name_plural = "监控说明"
        ordering = ["-as_of", "-entered_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reason_other=False) | ~Q(reason_other_text=""), name="monitoring_other_has_text"
            ),
            models.CheckConstraint(
                condition=~Q(likelihood__in=[Likelihood.POSSIBLE, Likelihood.IMPOSSIBLE]) | ~Q(measures=""),
                name="monitoring_doubt_has_measures",
            ),
            *LedgerRow.correction_constraints("monitoring"),
        ]
        indexes = [models.Index(fields=["project", "as_of"], name="monitoring_project_as_of")]

    REASON_FIELDS = {
        DeviationReason.FUNDING: "reason_funding",
        DeviationReason.SYSTEM: "reason_system",
        DeviationReason.STAFF: "reason_staff",
        DeviationReason.HARDWARE: "reason_hardware",
        DeviationReason.OTHER: "reason_other",
    }

    @property
    def reasons(self) -> list[str]:
        return [code for code, field in self.REASON_FIELDS.items() if getattr(self, field)]

    def __str__(self):
        line = self.indicator.name if self.indicator_id else "预算执行"
        return f"{self.project.name} / {line}（截至 {self.as_of}）"
