"""In the admin, 年初 targets and budgets of a year with reports are read-only: they change by adjustment (DOMAIN §8);
while a project is 已送审 or 已审核, all of it is (DOMAIN §9)."""
from django.contrib import messages
from django.db import transaction

from core.errors import ConflictError
from projects.choices import LOCKED_STATES
from projects.ledger_presence import any_reports
from projects.models import Project
from projects.review_lock import ensure_all_unlocked, ensure_unlocked, locked_message

PROJECT_LOCKED = ("budget", "own_level", "transfer")
INDICATOR_LOCKED = ("operator", "target_text", "target_value", "unit", "weight")
LOCKED_MESSAGE = "本年度已有填报记录：年初目标与预算不能在此直接修改，请由财务人员在「目标调整」中提出、管理员审批。"


def year_has_reports(project) -> bool:
    """Whether the project's department-year has any report: two queries, as the import asks it."""
    return any_reports(Project.objects.filter(department_id=project.department_id, year=project.year).values("pk"))


class _LockedOnceReported:
    locked_fields: tuple[str, ...] = ()

    def project_of(self, obj):
        return obj

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and year_has_reports(self.project_of(obj)):
            readonly += [name for name in self.locked_fields if name not in readonly]
        return readonly

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if request.method == "GET" and obj is not None and year_has_reports(self.project_of(obj)):
            messages.warning(request, LOCKED_MESSAGE)
        return super().change_view(request, object_id, form_url, extra_context)


class ProjectBudgetLock(_LockedOnceReported):
    locked_fields = PROJECT_LOCKED


class IndicatorTargetLock(_LockedOnceReported):
    """For IndicatorAdmin (obj is the indicator) and the inline under a project (obj is the project)."""

    locked_fields = INDICATOR_LOCKED

    def project_of(self, obj):
        return obj.project if hasattr(obj, "project_id") else obj


# --- The review lock (DOMAIN §9): a project 已送审 or 已审核 is shown, never changed, in the admin ----------------

def review_lock_message(project_id) -> str:
    """DOMAIN §9's refusal when the project is locked, else ''; reads without locking (for pages and forms)."""
    found = Project.objects.filter(pk=project_id).values_list("year", "review__state").first()
    if found is None or found[1] not in LOCKED_STATES:
        return ""
    return locked_message(year=found[0], state=found[1])


class ReviewLock:
    """For ProjectAdmin and IndicatorAdmin: a locked project's rows are read-only and cannot be deleted.

    The page refuses first (no change permission: a POST is 403, the form shows read-only); `save_model` and the
    deletions check again under the project's lock inside the admin's transaction, so nothing is ever stored.
    """

    def project_id_of(self, obj):
        return obj.project_id if hasattr(obj, "project_id") else obj.pk

    def _locked(self, obj) -> str:
        return review_lock_message(self.project_id_of(obj)) if obj is not None and obj.pk else ""

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._locked(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._locked(obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        message = self._locked(obj)
        if request.method == "GET" and message:
            messages.warning(request, message)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        project_id = self.project_id_of(obj)
        if project_id is not None:
            ensure_unlocked(project_id)
        super().save_model(request, obj, form, change)

    def delete_queryset(self, request, queryset):
        ids = {self.project_id_of(obj) for obj in queryset}
        try:
            with transaction.atomic():
                ensure_all_unlocked(ids)
                super().delete_queryset(request, queryset)
        except ConflictError as refused:
            messages.error(request, f"未删除任何记录：{refused}")
