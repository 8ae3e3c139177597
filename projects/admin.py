from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from projects.admin_locks import IndicatorTargetLock, ProjectBudgetLock
from projects.models import BudgetAdjustment, Department, Indicator, IndicatorAdjustment, Membership, Project


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "department"]
    list_select_related = ["user", "department"]
    list_filter = ["department"]


class IndicatorInline(IndicatorTargetLock, admin.TabularInline):
    model = Indicator
    extra = 0
    fields = ["order", "name", "operator", "target_text", "target_value", "unit", "level1", "level2", "weight"]


@admin.register(Project)
class ProjectAdmin(ProjectBudgetLock, SimpleHistoryAdmin):
    list_display = ["year", "seq", "name", "department", "budget", "own_level", "transfer"]
    list_select_related = ["department"]
    list_filter = ["year", "department"]
    search_fields = ["name"]
    inlines = [IndicatorInline]


@admin.register(Indicator)
class IndicatorAdmin(IndicatorTargetLock, SimpleHistoryAdmin):
    list_display = ["project", "order", "name", "operator", "target_text", "unit", "level1", "level2", "weight"]
    list_select_related = ["project"]
    list_filter = ["project__year", "level1", "level2", "operator"]
    search_fields = ["name", "project__name"]


class AdjustmentAdmin(admin.ModelAdmin):
    """Adjustments are decided on their own page, through the service; the admin only shows them."""

    list_filter = ["state"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(IndicatorAdjustment)
class IndicatorAdjustmentAdmin(AdjustmentAdmin):
    list_display = ["indicator", "old_target_text", "new_target_text", "effective_date", "state", "proposed_by"]
    list_select_related = ["indicator", "proposed_by"]


@admin.register(BudgetAdjustment)
class BudgetAdjustmentAdmin(AdjustmentAdmin):
    list_display = ["project", "old_budget", "new_budget", "effective_date", "state", "proposed_by"]
    list_select_related = ["project", "proposed_by"]


admin.site.site_header = "预算绩效目标管理"
admin.site.site_title = "预算绩效目标管理"
