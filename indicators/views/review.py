"""送审与审核 (DOMAIN §9): the board of every project's state for each role, a project's review page with its
history and missing items, and the buttons that call the review service."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from core.access import get_project_for_user
from core.errors import DomainError
from core.roles import can_write_reports, is_admin, member_department_ids, visible_departments
from indicators.selectors.review import project_review, review_history, review_rows
from indicators.services import review as service
from projects.choices import ReviewState
from projects.selectors import resolve_year

ACTIONS = {
    "submit": lambda project, user, reason: service.submit(project=project, user=user),
    "approve": lambda project, user, reason: service.approve(project=project, user=user),
    "return": lambda project, user, reason: service.return_for_changes(project=project, user=user, reason=reason),
    "reopen": lambda project, user, reason: service.reopen(project=project, user=user, reason=reason),
}
DONE = {"submit": "已送审", "approve": "已审核通过", "return": "已退回", "reopen": "已撤销审核"}


def _board_context(user, year: int) -> dict:
    member_department_ids(user)  # read once here, whatever the rows: who may review or submit what
    rows = review_rows(year=year, departments=visible_departments(user))
    waiting = [row for row in rows if row.state == ReviewState.SUBMITTED and service.may_review(user, row.project.department_id)
               and row.submitted_by_id != user.pk]
    returned = [row for row in rows if row.state == ReviewState.RETURNED
                and can_write_reports(user, row.project.department_id)]
    departments = {row.project.department.pk: row.project.department for row in rows}
    submittable = [d for d in departments.values() if can_write_reports(user, d.pk)]
    counts = {state: sum(row.state == state for row in rows) for state in ReviewState}
    return {"year": year, "rows": rows, "waiting": waiting, "returned": returned, "submittable": submittable,
            "counts": [(state.label, counts[state]) for state in ReviewState], "states": ReviewState}


@login_required
def review_board(request):
    year = resolve_year(request.GET.get("year"))
    return render(request, "indicators/review_board.html", _board_context(request.user, year))


@login_required
@require_POST
def submit_department(request):
    year = resolve_year(request.POST.get("year"))
    department = visible_departments(request.user).filter(code=request.POST.get("department", "")).first()
    if department is None:
        raise Http404("没有找到该部门。")
    result = service.submit_department(department=department, year=year, user=request.user)
    if result.submitted:
        messages.success(request, f"已送审 {len(result.submitted)} 个项目："
                                  + "、".join(f"{p.seq}. {p.name}" for p in result.submitted))
    else:
        messages.info(request, "没有可送审的项目。")
    for row in result.not_ready:
        messages.warning(request, f"未送审 {row.project.seq}. {row.project.name}：尚有 {len(row.missing)} 项未完成"
                                  f"（{row.missing[0].message}{'等' if len(row.missing) > 1 else ''}）")
    return redirect(f"{reverse('review:board')}?year={year}")


@login_required
@require_http_methods(["GET", "POST"])
def project_review_page(request, project_id):
    project = get_project_for_user(request.user, project_id)
    status, missing_refusal, errors = 200, None, {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in ACTIONS:
            raise Http404("没有这个操作。")
        try:
            ACTIONS[action](project, request.user, request.POST.get("reason", ""))
        except service.NotReady as refused:
            missing_refusal, status = refused, 400
        except PermissionDenied:
            raise
        except DomainError as refused:
            errors, status = refused.errors, refused.status
        else:
            messages.success(request, f"{project.seq}. {project.name}：{DONE[action]}。")
            return redirect(reverse("review:project", args=[project.pk]))
    row = project_review(project)
    user = request.user
    context = {
        "project": project, "row": row, "history": review_history(project), "refused": missing_refusal.errors[""][0] if missing_refusal else "",
        "errors": errors,
        "may_submit": can_write_reports(user, project.department_id) and row.state in (ReviewState.DRAFT,
                                                                                     ReviewState.RETURNED),
        "may_review": row.state == ReviewState.SUBMITTED and service.may_review(user, project.department_id),
        "own_work": row.submitted_by_id == user.pk,
        "may_reopen": row.state == ReviewState.APPROVED and is_admin(user),
    }
    return render(request, "indicators/review_project.html", context, status=status)
