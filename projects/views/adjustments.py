"""Pages of adjustments (DOMAIN §8): finance proposes, an admin approves or rejects, everyone else reads."""
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_http_methods, require_safe

from core.access import get_indicator_for_user, get_project_for_user
from core.errors import ConflictError, DomainError
from core.ids import whole_number
from core.roles import can_write_reports, is_admin, sees_all_departments
from projects.choices import AdjustmentState, Operator
from projects.forms.adjustments import (
    BudgetAdjustmentForm,
    IndicatorAdjustmentForm,
    PointsAdjustmentForm,
    RejectForm,
)
from projects.importing.profile import import_profile
from projects.in_force import (
    budget_adjustments_in_force,
    budget_in_force,
    indicator_adjustments_in_force,
    target_in_force,
)
from projects.review_lock import review_status
from projects.selectors import resolve_year
from projects.selectors.adjustments import (
    BUDGET,
    INDICATOR,
    KIND_LABELS,
    POINTS,
    adjustment_row,
    get_adjustment_for_user,
    list_adjustments,
)
from projects.selectors.audit import master_data_changes
from projects.services.adjustments import (
    approve_adjustment,
    propose_budget_adjustment,
    propose_indicator_adjustment,
    reject_adjustment,
    withdraw_adjustment,
)
from projects.services.points_adjustments import explicit_points_at, points_field, propose_points_adjustment

STATES = [("", "全部"), *AdjustmentState.choices]


def _list_filters(query) -> dict:
    state = query.get("state", "")
    kind = query.get("kind", "")
    return {
        "state": state if state in AdjustmentState.values else "",
        "year": resolve_year(query.get("year")),
        "project_id": whole_number(query.get("project")),
        "kind": kind if kind in KIND_LABELS else None,
    }


def _render_list(request, *, query=None, next_url=None, reject_error=None, status=200):
    filters = _list_filters(request.GET if query is None else query)
    rows = list_adjustments(user=request.user, **filters)
    return render(request, "projects/adjustment_list.html", {
        "rows": rows, "filters": filters, "states": STATES, "kinds": KIND_LABELS.items(),
        "can_decide": is_admin(request.user), "can_audit": sees_all_departments(request.user),
        "reject_error": reject_error,
        # Finance withdraws and proposes again for its own departments only.
        "writable": {row.project.department_id for row in rows
                     if can_write_reports(request.user, row.project.department_id)},
        "pending_count": sum(row.pending for row in rows), "next": next_url or request.get_full_path(),
    }, status=status)


@login_required
@require_safe
def adjustment_list(request):
    return _render_list(request)


def _default_effective_date(year: int):
    today = timezone.localdate()
    return today if today.year == year else None


def _indicator_context(request, pk):
    indicator = get_indicator_for_user(request.user, pk)
    if not can_write_reports(request.user, indicator.project.department_id):
        raise PermissionDenied("只有本部门的财务人员可以提出调整。")
    today = _default_effective_date(indicator.project.year)
    in_force = target_in_force(
        indicator, indicator_adjustments_in_force(indicator_ids=[indicator.pk], as_of=today or timezone.localdate())
        .get(indicator.pk),
    )
    initial = {"operator": in_force.operator, "target_text": in_force.target_text, "unit": in_force.unit,
               "weight": in_force.weight, "effective_date": today}
    return {"kind": INDICATOR, "indicator": indicator, "project": indicator.project, "in_force": in_force,
            "initial": initial, "history": list_adjustments(user=request.user, indicator_id=indicator.pk)}


def _project_context(request, pk):
    project = get_project_for_user(request.user, pk)
    if not can_write_reports(request.user, project.department_id):
        raise PermissionDenied("只有本部门的财务人员可以提出调整。")
    today = _default_effective_date(project.year)
    in_force = budget_in_force(
        project, budget_adjustments_in_force(project_ids=[project.pk], as_of=today or timezone.localdate())
        .get(project.pk),
    )
    initial = {"budget": in_force.budget, "own_level": in_force.own_level, "transfer": in_force.transfer,
               "effective_date": today}
    return {"kind": BUDGET, "indicator": None, "project": project, "in_force": in_force, "initial": initial,
            "history": list_adjustments(user=request.user, project_id=project.pk, kind=BUDGET)}


def _points_context(request, pk):
    project = get_project_for_user(request.user, pk)
    if not can_write_reports(request.user, project.department_id):
        raise PermissionDenied("只有本部门的财务人员可以提出调整。")
    today = _default_effective_date(project.year)
    try:
        indicators, points, adjustment = explicit_points_at(project=project, as_of=today or timezone.localdate())
    except DomainError as refusal:
        return {"kind": POINTS, "indicator": None, "project": project, "refusal": str(refusal)}
    initial = {points_field(i.pk): points[i.pk] for i in indicators} | {"effective_date": today}
    return {"kind": POINTS, "indicator": None, "project": project, "initial": initial, "indicators": indicators,
            "in_force": points, "points_adjustment": adjustment,
            "budget_points": import_profile(project.year).budget_points,
            "history": list_adjustments(user=request.user, project_id=project.pk, kind=POINTS)}


@login_required
def adjustment_new(request):
    """`?indicator=<id>` proposes a target change, `?project=<id>` a budget change, `?points=<project id>` new 分值
    for every line of a project scored by explicit 分值."""
    indicator_id, project_id = whole_number(request.GET.get("indicator")), whole_number(request.GET.get("project"))
    points_id = whole_number(request.GET.get("points"))
    extra = {}
    if indicator_id:
        context, form_class = _indicator_context(request, indicator_id), IndicatorAdjustmentForm
    elif project_id:
        context, form_class = _project_context(request, project_id), BudgetAdjustmentForm
    elif points_id:
        context, form_class = _points_context(request, points_id), PointsAdjustmentForm
        if "refusal" in context:
            return render(request, "projects/adjustment_form.html", context)
        extra = {"indicators": context["indicators"]}
    else:
        raise Http404("请从项目页面选择要调整的指标或预算。")
    review = review_status(context["project"])
    if review.locked:  # the service would refuse the proposal: say so before anything is typed
        return render(request, "projects/adjustment_form.html", {**context, "locked": review.message},
                      status=409 if request.method == "POST" else 200)
    form = form_class(request.POST or None, initial={**context["initial"], **_again_from(request, context)}, **extra)
    if request.method == "POST" and form.is_valid():
        try:
            if context["kind"] == INDICATOR:
                propose_indicator_adjustment(indicator=context["indicator"], user=request.user, **form.cleaned_data)
            elif context["kind"] == POINTS:
                propose_points_adjustment(project=context["project"], user=request.user, **form.proposal())
            else:
                propose_budget_adjustment(project=context["project"], user=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "调整申请已提交，待管理员审批后自生效日期起生效。")
            return redirect(f"{reverse('adjustments:list')}?project={context['project'].pk}"
                            f"&year={context['project'].year}")
    status = 400 if form.errors else 200
    if context["kind"] == POINTS:
        context["line_rows"] = form.line_rows(context["in_force"])
    return render(request, "projects/adjustment_form.html",
                  {**context, "form": form, "operators": Operator.choices}, status=status)


def _again_from(request, context) -> dict:
    """`?again=<id>`: a rejected or withdrawn proposal of the same line, proposed again with its values prefilled."""
    again_id = whole_number(request.GET.get("again"))
    if not again_id:
        return {}
    kind = context["kind"]
    adjustment = get_adjustment_for_user(request.user, kind, again_id)
    subject = adjustment.indicator_id if kind == INDICATOR else adjustment.project_id
    expected = context["indicator"].pk if kind == INDICATOR else context["project"].pk
    if subject != expected or adjustment.state == AdjustmentState.PENDING:
        return {}
    if kind == POINTS:
        return {**{points_field(line.indicator_id): line.new_points for line in adjustment.lines.all()},
                "reason": adjustment.reason, "effective_date": adjustment.effective_date}
    if kind == INDICATOR:
        return {"operator": adjustment.new_operator, "target_text": adjustment.new_target_text,
                "unit": adjustment.new_unit, "weight": adjustment.new_weight, "reason": adjustment.reason,
                "effective_date": adjustment.effective_date}
    return {"budget": adjustment.new_budget, "own_level": adjustment.new_own_level,
            "transfer": adjustment.new_transfer, "reason": adjustment.reason, "effective_date": adjustment.effective_date}


def _safe_next(request) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("adjustments:list")


def _back(request):
    return redirect(_safe_next(request))


def _decision_target(request, kind, pk):
    adjustment = get_adjustment_for_user(request.user, kind, pk)
    if not is_admin(request.user):
        raise PermissionDenied("只有管理员可以审批调整。")
    return adjustment


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def adjustment_approve(request, kind, pk):
    """GET shows what would change (old → new, from when) for a confirmation; POST approves."""
    adjustment = _decision_target(request, kind, pk)
    if request.method != "POST":
        row = adjustment_row(adjustment)
        return render(request, "projects/adjustment_confirm.html",
                      {"row": row, "next": request.GET.get("next") or reverse("adjustments:list")})
    try:
        approve_adjustment(adjustment=adjustment, user=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"已批准该调整，自 {adjustment.effective_date:%Y-%m-%d} 起生效。")
    return _back(request)


@login_required
@require_POST
def adjustment_reject(request, kind, pk):
    adjustment = _decision_target(request, kind, pk)
    form = RejectForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError({"reason": form.errors["reason"]})
        reject_adjustment(adjustment=adjustment, user=request.user, reason=form.cleaned_data["reason"])
    except ConflictError as error:
        messages.error(request, str(error))
    except DomainError as error:
        # The reason goes next to that row's field, on the page the admin was on.
        next_url = _safe_next(request)
        return _render_list(request, query=QueryDict(urlsplit(next_url).query), next_url=next_url,
                            reject_error={"key": f"{kind}-{pk}", "messages": error.errors.get("reason") or [str(error)],
                                          "typed": request.POST.get("reason", "")},
                            status=400)
    else:
        messages.success(request, "已驳回该调整。")
    return _back(request)


@login_required
@require_POST
def adjustment_withdraw(request, kind, pk):
    adjustment = get_adjustment_for_user(request.user, kind, pk)
    try:
        withdraw_adjustment(adjustment=adjustment, user=request.user)
    except ConflictError as error:
        messages.error(request, str(error))
    except DomainError as error:
        raise PermissionDenied(str(error)) from None
    else:
        messages.success(request, "已撤回该调整申请：它不会生效，可以重新提出。")
    return _back(request)


@login_required
@require_safe
def audit_trail(request):
    """Master data changed in the admin (django-simple-history): who, when, what; for auditors and admins."""
    if not sees_all_departments(request.user):
        raise PermissionDenied("只有审计人员和管理员可以查看主数据变更记录。")
    changes = master_data_changes(model=request.GET.get("model", ""), limit=200)
    return render(request, "projects/adjustment_audit.html", {"changes": changes, "model": request.GET.get("model", "")})
