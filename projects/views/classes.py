"""The project page's 确认全部分类: an admin or the department's finance staff confirm the inferred classes."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from core.access import get_project_for_user
from projects.services.classes import confirm_classes, may_confirm_classes


@login_required
@require_POST
def confirm_project_classes(request, pk):
    project = get_project_for_user(request.user, pk)
    if not may_confirm_classes(request.user, project):
        raise PermissionDenied("只有管理员或本部门的财务人员可以确认指标分类。")
    count = confirm_classes(project=project, user=request.user)
    messages.success(request, f"已确认 {count} 条指标的一级、二级分类。" if count else "本项目没有待确认的指标分类。")
    return redirect("projects:detail", project.pk)
