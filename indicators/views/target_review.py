"""The target-quality review page (issue #22): every finding of a department-year's table, per project and line."""
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.roles import visible_departments
from indicators.rules.target_quality import RULE_LABELS
from indicators.selectors.target_review import review_targets
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
    }
    return render(request, "indicators/target_review.html", context)
