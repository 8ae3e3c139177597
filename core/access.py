"""One access helper for views and the API: 404 when unseen, 403 when not allowed."""
from django.core.exceptions import PermissionDenied
from django.http import Http404

from core.roles import can_see_department, can_write_reports
from projects.models import Indicator, Project


def get_project_for_user(user, pk, *, write: bool = False) -> Project:
    # With its review state (and who changed it), so that pages show it and the lock without another query.
    project = Project.objects.select_related("department", "review__changed_by").filter(pk=pk).first()
    if project is None or not can_see_department(user, project.department_id):
        raise Http404("没有找到该项目。")
    if write and not can_write_reports(user, project.department_id):
        raise PermissionDenied("只有本部门的财务人员可以填报。")
    return project


def get_indicator_for_user(user, pk, *, write: bool = False) -> Indicator:
    indicator = Indicator.objects.select_related("project__department", "project__review__changed_by").filter(pk=pk).first()
    if indicator is None or not can_see_department(user, indicator.project.department_id):
        raise Http404("没有找到该指标。")
    if write and not can_write_reports(user, indicator.project.department_id):
        raise PermissionDenied("只有本部门的财务人员可以填报。")
    return indicator
