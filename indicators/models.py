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


class AppendOnlyRow(models.Model):
    """A row that is appended, never changed: who, when, and for a correction the row it corrects and why."""

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


class LedgerRow(AppendOnlyRow):
    """A dated ledger row (DOMAIN §6): "current" is the latest as-of date, then the latest entry."""

    as_of = models.DateField("截至日期")
    note = models.TextField("说明", blank=True)

    class Meta:
        abstract = True


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
    # Spending over the budget in force is accepted only with it (DOMAIN §3).
    over_budget_reason = models.TextField("超支说明", blank=True)
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


# --- Closing the year (DOMAIN §9): texts and deductions, ledgers of their own ------------------------------------


class LineExplanation(AppendOnlyRow):
    """The year-end 偏差原因分析及改进措施 of an indicator line, or of the budget line when `indicator` is empty;
    for a 定性 line also its 评价依据. Each row holds the line's whole explanation; a change is a correction.

    Distinct from the monitoring notes of the year (MonitoringNote), which never stand in for it.
    """

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="line_explanations", verbose_name="项目"
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, null=True, blank=True, related_name="explanations",
        verbose_name="指标（空为预算执行）",
    )
    text = models.TextField("偏差原因分析及改进措施", blank=True)
    basis = models.TextField("评价依据", blank=True)
    corrects = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrected_by",
        verbose_name="更正的记录",
    )

    class Meta:
        verbose_name = "年终偏差说明"
        verbose_name_plural = "年终偏差说明"
        ordering = ["-entered_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(indicator__isnull=False) | Q(basis=""), name="explanation_budget_no_basis"),
            *AppendOnlyRow.correction_constraints("explanation"),
        ]
        indexes = [models.Index(fields=["project", "indicator"], name="explanation_project_line")]

    def __str__(self):
        line = self.indicator.name if self.indicator_id else "预算执行"
        return f"{self.project.name} / {line}：年终说明"


class ProjectSelfEvaluation(AppendOnlyRow):
    """The project's year-end texts: 实际完成情况, 存在问题, 改进措施 (each row holds all three)."""

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="self_evaluations", verbose_name="项目"
    )
    achievement = models.TextField("实际完成情况", blank=True)
    problems = models.TextField("存在问题", blank=True)
    measures = models.TextField("改进措施", blank=True)
    corrects = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrected_by",
        verbose_name="更正的记录",
    )

    class Meta:
        verbose_name = "项目自评说明"
        verbose_name_plural = "项目自评说明"
        ordering = ["-entered_at", "-id"]
        constraints = [*AppendOnlyRow.correction_constraints("self_evaluation")]
        indexes = [models.Index(fields=["project"], name="self_evaluation_project")]

    def __str__(self):
        return f"{self.project.name}：自评说明"


class ScoreDeduction(AppendOnlyRow):
    """偏离度扣分 (DOMAIN §4): points taken from a line flagged over-achieved, with the reviewer's reason.

    Dated like the ledger (`as_of`, the day it was recorded within the year): an evaluation as of an earlier date
    does not see it. A later deduction of the same line corrects the earlier one (0 withdraws it).
    """

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="deductions", verbose_name="指标"
    )
    as_of = models.DateField("截至日期")
    points = models.DecimalField("扣分", max_digits=5, decimal_places=2)
    reason = models.TextField("扣分原因")
    corrects = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrected_by",
        verbose_name="更正的记录",
    )

    class Meta:
        verbose_name = "偏离度扣分"
        verbose_name_plural = "偏离度扣分"
        ordering = ["-as_of", "-entered_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(points__gte=0), name="deduction_points_not_negative"),
            models.CheckConstraint(condition=~Q(reason=""), name="deduction_has_reason"),
            *AppendOnlyRow.correction_constraints("deduction"),
        ]
        indexes = [models.Index(fields=["indicator", "as_of"], name="deduction_indicator_as_of")]

    def __str__(self):
        return f"{self.indicator.name}：扣 {self.points} 分（截至 {self.as_of}）"


# --- Target-quality review (issue #22): a warning kept on purpose, with the reason ----------------------------------


class TargetFindingAcceptance(AppendOnlyRow):
    """A target-quality warning that finance keeps, and why (the 财政局 reads the reason beside the finding).

    Keyed by the table's own numbers (department, year, project 序号, indicator 序号, rule), not by rows: the same
    reason holds for a drafted table and, once it is published, for the year's table. The latest row of a key is in
    force; rows are appended, never changed.
    """

    department = models.ForeignKey(
        "projects.Department", on_delete=models.PROTECT, related_name="+", verbose_name="部门"
    )
    year = models.PositiveSmallIntegerField("年度")
    project_seq = models.PositiveSmallIntegerField("项目序号")
    indicator_order = models.PositiveSmallIntegerField("指标序号（空为项目）", null=True, blank=True)
    rule = models.CharField("审查规则", max_length=40)

    class Meta:
        verbose_name = "目标审查提示的保留理由"
        verbose_name_plural = "目标审查提示的保留理由"
        ordering = ["-entered_at", "-id"]
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="target_acceptance_has_reason")]
        indexes = [models.Index(fields=["department", "year"], name="target_acceptance_table")]

    def __str__(self):
        return f"{self.year} 年第 {self.project_seq} 项：保留提示 {self.rule}"


class Verdict(models.TextChoices):
    AGREES = "agrees", "同意自评得分"
    DISAGREES = "disagrees", "不同意自评得分"


class SpotCheckNote(AppendOnlyRow):
    """抽查复核 (DOMAIN §7): the finance bureau's note on a sampled project's self-evaluation score.

    Appended, never changed: a later note on the same project corrects the earlier one. The note keeps the seed and
    the share of the draw that picked the project, so the sample can be drawn again.
    """

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="spot_checks", verbose_name="项目")
    verdict = models.CharField("复核结论", max_length=12, choices=Verdict.choices)
    self_score = models.DecimalField("自评得分", max_digits=5, decimal_places=2)  # the score the note judged
    recomputed_score = models.DecimalField("复核得分", max_digits=5, decimal_places=2, null=True, blank=True)
    remarks = models.TextField("复核意见", blank=True)
    seed = models.PositiveIntegerField("抽样种子")
    share = models.DecimalField("抽样比例", max_digits=4, decimal_places=3)
    corrects = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrected_by",
        verbose_name="更正的记录",
    )

    class Meta:
        verbose_name = "抽查复核意见"
        verbose_name_plural = "抽查复核意见"
        ordering = ["-entered_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(verdict="agrees", recomputed_score__isnull=True)
                | (Q(verdict="disagrees", recomputed_score__isnull=False) & ~Q(remarks="")),
                name="spot_check_disagreement_has_score_and_why",
            ),
            models.CheckConstraint(
                condition=Q(recomputed_score__isnull=True) | Q(recomputed_score__gte=0, recomputed_score__lte=100),
                name="spot_check_score_in_range",
            ),
            models.CheckConstraint(condition=Q(share__gt=0, share__lte=1), name="spot_check_share_in_range"),
            *AppendOnlyRow.correction_constraints("spot_check"),
        ]
        indexes = [models.Index(fields=["project"], name="spot_check_project")]

    def __str__(self):
        return f"{self.project.name}：{self.get_verdict_display()}"


from indicators.jobs.models import ExportJob  # noqa: E402,F401  (the job model lives with its runner)
# Evidence files are a ledger of their own, in their own module; imported here so that Django finds the models.
from indicators.evidence_models import EvidenceFile, EvidenceRemoval  # noqa: E402,F401
# Stored per-project results (issue #21): derived from the ledger, in their own module.
from indicators.result_models import ProjectResult  # noqa: E402,F401
