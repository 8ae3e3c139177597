from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin_read_only import ReadOnlyAdmin
from projects.admin_locks import (
    IndicatorInlineLock,
    IndicatorWrites,
    ProjectBudgetLock,
    PublishedValuesForm,
    ReviewLock,
    review_lock_message,
)
from projects.models import (
    BudgetAdjustment,
    Department,
    Indicator,
    IndicatorAdjustment,
    Membership,
    PointsAdjustment,
    PointsAdjustmentLine,
    Project,
)
from projects.vocabulary import basis_problem


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


class ProjectForm(PublishedValuesForm):
    class Meta:
        model = Project
        fields = "__all__"


class IndicatorForm(PublishedValuesForm):
    """The 监控口径 must fit the operator: 定性 exactly for a line without one, never 累计 for ≤/< (DOMAIN §5)."""

    class Meta:
        model = Indicator
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        project = cleaned.get("project") or (self.instance.project if self.instance.project_id else None)
        locked = review_lock_message(project.pk) if project is not None else ""
        if locked:
            raise forms.ValidationError(locked, code="review_locked")
        basis = cleaned.get("basis")
        if not basis or ("operator" in self.fields and "operator" not in cleaned):
            return cleaned  # a missing basis or a bad operator has its own error
        # The operator is read-only once the year has reports: then the saved one counts.
        problem = basis_problem(operator=cleaned.get("operator", self.instance.operator), basis=basis)
        if problem:
            self.add_error("basis", forms.ValidationError(problem, code="basis_mismatch"))
        return cleaned


INDICATOR_FIELDS = ["order", "name", "operator", "target_text", "target_value", "unit", "level1", "level2",
                    "classes_inferred", "basis", "weight", "points"]


class IndicatorInline(ReviewLock, IndicatorInlineLock, admin.TabularInline):
    model = Indicator
    form = IndicatorForm
    extra = 0
    fields = INDICATOR_FIELDS


@admin.register(Project)
class ProjectAdmin(ReviewLock, ProjectBudgetLock, SimpleHistoryAdmin):
    form = ProjectForm
    list_display = ["year", "seq", "name", "department", "budget", "own_level", "transfer"]
    list_select_related = ["department"]
    list_filter = ["year", "department"]
    search_fields = ["name"]
    inlines = [IndicatorInline]


@admin.register(Indicator)
class IndicatorAdmin(ReviewLock, IndicatorWrites, SimpleHistoryAdmin):
    form = IndicatorForm
    list_display = ["project", "order", "name", "operator", "target_text", "unit", "level1", "level2", "basis", "weight",
                    "points"]
    list_select_related = ["project"]
    list_filter = ["project__year", "level1", "level2", "classes_inferred", "basis", "operator"]
    search_fields = ["name", "project__name"]


class AdjustmentAdmin(ReadOnlyAdmin):
    """Adjustments are decided on their own page, through the service; the admin only shows them."""

    list_filter = ["state"]


@admin.register(IndicatorAdjustment)
class IndicatorAdjustmentAdmin(AdjustmentAdmin):
    list_display = ["indicator", "old_target_text", "new_target_text", "effective_date", "state", "proposed_by"]
    list_select_related = ["indicator", "proposed_by"]


@admin.register(BudgetAdjustment)
class BudgetAdjustmentAdmin(AdjustmentAdmin):
    list_display = ["project", "old_budget", "new_budget", "effective_date", "state", "proposed_by"]
    list_select_related = ["project", "proposed_by"]


class PointsAdjustmentLineInline(admin.TabularInline):
    model = PointsAdjustmentLine
    fields = ["indicator", "old_points", "new_points"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PointsAdjustment)
class PointsAdjustmentAdmin(AdjustmentAdmin):
    list_display = ["project", "effective_date", "state", "proposed_by"]
    list_select_related = ["project", "proposed_by"]
    inlines = [PointsAdjustmentLineInline]


admin.site.site_header = "预算绩效目标管理"
admin.site.site_title = "预算绩效目标管理"
from projects import admin_profile  # noqa: E402, F401  (registers the rule profile's admin)
