"""The target-quality review page (issue #22): every finding of a department-year's table, per project and line;
finance keeps a warning with a reason."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from core.errors import DomainError
from core.ids import whole_number
from core.roles import can_write_reports, visible_departments
from indicators.rules.target_quality import RULE_LABELS
from indicators.selectors.target_review import review_targets
from indicators.services.target_review import accept_finding
from projects.selectors import resolve_department


@login_required
@require_safe
def review_page(request, year: int):
    code = request.GET.get("department") or None
    department = resolve_department(user=request.user, code=code)
    if department is None:
        raise Http404("没有找到该部门。")
    context = {
        "year": year,
        "department": department,
        "departments": list(visible_departments(request.user).order_by("code")),
        "review": review_targets(department=department, year=year),
        "rules": RULE_LABELS.values(),
        "can_accept": can_write_reports(request.user, department.pk),
    }
    return render(request, "indicators/target_review.html", context)


@login_required
@require_POST
def accept(request, year: int):
    department = resolve_department(user=request.user, code=request.POST.get("department") or None)
    seq = whole_number(request.POST.get("project_seq"))
    if department is None or seq is None:
        raise Http404("没有找到该项目。")
    if not can_write_reports(request.user, department.pk):
        raise PermissionDenied("只有本部门的财务人员可以保留提示。")
    order = request.POST.get("indicator_order", "")
    try:
        accept_finding(department=department, year=year, project_seq=seq,
                       indicator_order=whole_number(order) if order else None,
                       rule=request.POST.get("rule", ""), user=request.user, reason=request.POST.get("reason", ""))
    except DomainError as error:
        messages.error(request, f"未保存：{error}")
    else:
        messages.success(request, "已保存保留理由。")
    back = request.POST.get("next", "")
    if back not in {"draft"}:
        back = "review"
    return redirect(f"{reverse(f'targets:{back}', args=[year])}?department={department.code}#project-{seq}")
