"""Evidence files (佐证材料, DOMAIN §9): an append-only ledger of uploaded files and of their removals.

A file attaches to the project, or to one of its lines (an indicator, or the budget line), and optionally to the
ledger row it documents (a report, an expenditure, a year-end explanation). The bytes live in the `evidence`
storage under a name made of the upload month and the file's sha256, and are never overwritten or deleted: a removal
is a row of its own, and the file stays for audit.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils import timezone

from indicators.models import ExpenditureReport, IndicatorReport, LedgerError, LedgerQuerySet, LineExplanation
from projects.models import Indicator, Project

FIXED = "佐证材料只能追加，不能修改或删除：移除请另记一条移除记录。"


class Immutable(models.Model):
    """A row that is written once: guarded here as in the ledger, so the admin and the shell cannot change it."""

    objects = LedgerQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise LedgerError(FIXED)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise LedgerError(FIXED)


class EvidenceFile(Immutable):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="evidence", verbose_name="项目")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, null=True, blank=True, related_name="evidence", verbose_name="指标"
    )
    budget_line = models.BooleanField("属于预算执行", default=False)
    report = models.ForeignKey(
        IndicatorReport, on_delete=models.PROTECT, null=True, blank=True, related_name="evidence",
        verbose_name="指标完成值填报",
    )
    expenditure = models.ForeignKey(
        ExpenditureReport, on_delete=models.PROTECT, null=True, blank=True, related_name="evidence",
        verbose_name="支出填报",
    )
    explanation = models.ForeignKey(
        LineExplanation, on_delete=models.PROTECT, null=True, blank=True, related_name="evidence",
        verbose_name="年终偏差说明",
    )
    name = models.CharField("文件名", max_length=255)
    size = models.PositiveBigIntegerField("大小(字节)")
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    content_type = models.CharField("文件类型", max_length=100)
    stored_as = models.CharField("存储名", max_length=255)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="上传人"
    )
    entered_at = models.DateTimeField("上传时间", default=timezone.now)

    class Meta:
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"
        ordering = ["entered_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(size__gt=0), name="evidence_not_empty"),
            models.CheckConstraint(condition=Exact(Length("sha256"), 64), name="evidence_sha256_length"),
            models.CheckConstraint(condition=~Q(name="") & ~Q(stored_as="") & ~Q(content_type=""),
                                   name="evidence_named"),
            models.CheckConstraint(condition=Q(indicator__isnull=True) | Q(budget_line=False),
                                   name="evidence_one_line"),
            # At most one ledger row, and one of the line it belongs to.
            models.CheckConstraint(
                condition=Q(report__isnull=True, expenditure__isnull=True)
                | Q(report__isnull=True, explanation__isnull=True)
                | Q(expenditure__isnull=True, explanation__isnull=True),
                name="evidence_one_row",
            ),
            models.CheckConstraint(condition=Q(report__isnull=True) | Q(indicator__isnull=False),
                                   name="evidence_report_on_indicator"),
            models.CheckConstraint(condition=Q(expenditure__isnull=True) | Q(budget_line=True),
                                   name="evidence_expenditure_on_budget"),
            models.CheckConstraint(
                condition=Q(explanation__isnull=True) | Q(indicator__isnull=False) | Q(budget_line=True),
                name="evidence_explanation_on_line",
            ),
        ]
        indexes = [models.Index(fields=["project", "entered_at"], name="evidence_project")]

    @property
    def line_label(self) -> str:
        if self.indicator_id:
            return self.indicator.name
        return "预算执行" if self.budget_line else "项目"

    def __str__(self):
        return f"{self.project.name} / {self.line_label}：{self.name}"


class EvidenceRemoval(Immutable):
    """A file taken off the list, with who, when and why; the file itself stays in storage."""

    evidence = models.OneToOneField(
        EvidenceFile, on_delete=models.PROTECT, related_name="removal", verbose_name="佐证材料"
    )
    reason = models.TextField("移除原因")
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="移除人"
    )
    removed_at = models.DateTimeField("移除时间", default=timezone.now)

    class Meta:
        verbose_name = "佐证材料移除记录"
        verbose_name_plural = "佐证材料移除记录"
        ordering = ["removed_at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="evidence_removal_has_reason")]

    def __str__(self):
        return f"移除 {self.evidence.name}"
