"""In the admin, 年初 targets and budgets of a year with reports are read-only: they change by adjustment (DOMAIN §8)."""
from django.contrib import messages

from projects.ledger_presence import any_reports
from projects.models import Project

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
