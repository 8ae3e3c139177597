from django.contrib import admin

from indicators.models import ExpenditureReport, IndicatorReport, MonitoringNote


class LedgerAdmin(admin.ModelAdmin):
    """The ledger is read-only everywhere: rows are appended through the entry pages, the API or imports."""

    date_hierarchy = "as_of"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
