from django.contrib import admin

from core.admin_read_only import ReadOnlyAdmin
from indicators.evidence_models import EvidenceFile, EvidenceRemoval
from indicators.models import (
    ExpenditureReport,
    IndicatorReport,
    LineExplanation,
    MonitoringNote,
    ProjectSelfEvaluation,
    ScoreDeduction,
)


class LedgerAdmin(ReadOnlyAdmin):
    """The ledger is read-only everywhere: rows are appended through the entry pages, the API or imports."""

    date_hierarchy = "as_of"


@admin.register(IndicatorReport)
class IndicatorReportAdmin(LedgerAdmin):
    list_display = ["indicator", "value", "tier", "tier_percent", "as_of", "entered_by", "entered_at", "corrects"]
    list_select_related = ["indicator", "entered_by", "corrects"]
    search_fields = ["indicator__name", "note"]


@admin.register(ExpenditureReport)
class ExpenditureReportAdmin(LedgerAdmin):
    list_display = ["project", "amount", "as_of", "entered_by", "entered_at", "corrects"]
    list_select_related = ["project", "entered_by", "corrects"]


@admin.register(MonitoringNote)
class MonitoringNoteAdmin(LedgerAdmin):
    list_display = ["project", "indicator", "as_of", "forecast", "likelihood", "entered_by", "entered_at"]
    list_select_related = ["project", "indicator", "entered_by"]


class YearEndAdmin(LedgerAdmin):
    """The year-end ledgers, read-only like the others: written on the self-evaluation page or through the API."""

    date_hierarchy = "entered_at"


@admin.register(LineExplanation)
class LineExplanationAdmin(YearEndAdmin):
    list_display = ["project", "indicator", "entered_by", "entered_at", "corrects"]
    list_select_related = ["project", "indicator", "entered_by", "corrects"]
    search_fields = ["project__name", "indicator__name", "text", "basis"]


@admin.register(ProjectSelfEvaluation)
class ProjectSelfEvaluationAdmin(YearEndAdmin):
    list_display = ["project", "entered_by", "entered_at", "corrects"]
    list_select_related = ["project", "entered_by", "corrects"]
    search_fields = ["project__name"]


@admin.register(ScoreDeduction)
class ScoreDeductionAdmin(LedgerAdmin):
    list_display = ["indicator", "points", "reason", "as_of", "entered_by", "entered_at", "corrects"]
    list_select_related = ["indicator", "entered_by", "corrects"]


@admin.register(EvidenceFile)
class EvidenceFileAdmin(YearEndAdmin):
    """Read-only like the ledger; the file itself is opened only through the download view's access check."""

    list_display = ["name", "project", "indicator", "budget_line", "size", "sha256", "entered_by", "entered_at"]
    list_select_related = ["project", "indicator", "entered_by"]
    search_fields = ["name", "sha256", "project__name"]


@admin.register(EvidenceRemoval)
class EvidenceRemovalAdmin(LedgerAdmin):
    date_hierarchy = "removed_at"
    list_display = ["evidence", "reason", "removed_by", "removed_at"]
    list_select_related = ["evidence__project", "removed_by"]
