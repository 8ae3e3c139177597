"""The year-end self-evaluation of a project (DOMAIN §9): finance writes the explanations and texts beside each
line's figures; a reviewer of the department (or an admin) records 偏离度 deductions; everyone who may see the project reads."""
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_http_methods, require_safe

from core.access import get_project_for_user
from core.kept_post import keep_post_when_logged_out, take_kept_post
from core.errors import DomainError
from core.roles import can_write_reports, visible_departments
from indicators import rules
from indicators.forms.self_evaluation import DeductionForm, LinePart, SelfEvaluationForm
from indicators.selectors.dates import default_as_of
from indicators.selectors.previous_years import beside, previous_years
from indicators.selectors.year_end import LineState, SelfEvaluation, self_evaluation, self_evaluations
from indicators.services.year_end import (
    DEDUCTION_ONLY,
    LINE_TEXT_LIMIT,
    PROJECT_TEXT_LIMIT,
    PageErrors,
    may_deduct,
    record_deduction,
    save_self_evaluation,
)
from indicators.views.evidence import evidence_context
from projects.review_lock import ReviewStatus, review_status
from projects.selectors import resolve_year


@login_required
@require_safe
def self_evaluation_index(request):
    """Every project the user may see in a year, with its score and how many texts it still lacks."""
    year = resolve_year(request.GET.get("year"))
    as_of = default_as_of(year)
    states = self_evaluations(year=year, as_of=as_of, departments=visible_departments(request.user))
    departments = {state.project.department.pk: state.project.department for state in states}
    context = {"year": year, "as_of": as_of, "states": states, "departments": list(departments.values()),
               "complete": sum(state.complete for state in states)}
    return render(request, "indicators/self_evaluation_index.html", context)


def _deduction_prefix(indicator_id: int) -> str:
    return f"deduct-{indicator_id}"


def _deduction_forms(state: SelfEvaluation, user, bound: dict | None = None) -> dict[int, DeductionForm]:
    """A deduction form per line flagged over-achieved, for a reviewer; `bound` holds a refused one."""
    if not may_deduct(user, state.project.department_id):
        return {}
    forms = {}
    for line in state.lines:
        pk = line.line.indicator.pk
        if rules.Flag.OVER_ACHIEVEMENT not in line.line.score.flags:
            continue
        current = line.line.deduction
        initial = {"points": current.points, "reason": current.reason, "seen": current.id} if current else {}
        forms[pk] = (bound or {}).get(pk) or DeductionForm(prefix=_deduction_prefix(pk), initial=initial)
    return forms


@dataclass
class Row:
    """One indicator line of the page: its state, the part of the form that writes it, a reviewer's deduction."""

    state: LineState
    part: LinePart | None
    deduction_form: DeductionForm | None

    @property
    def earned(self):
        """The line's 得分 before its deduction."""
        return self.state.line.score.points + self.state.line.deducted


def _render(request, state: SelfEvaluation, *, review: ReviewStatus, form=None, deduction_forms=None, status=200):
    """While the project is locked the page is read-only, except that a refused POST keeps what was typed."""
    if review.locked and request.method == "GET":
        form, deduction_forms = None, {}
    parts = form.lines if form is not None else [None] * len(state.lines)
    rows = [
        Row(line, part, (deduction_forms or {}).get(line.line.indicator.pk))
        for line, part in zip(state.lines, parts, strict=True)
    ]
    past = previous_years(state.project)  # 往年对比, as on the project page
    context = {
        "project": state.project,
        "past": past,
        "past_projects": list(past.projects.items()),
        "past_rows": beside(state.evaluation, past),
        "state": state,
        "e": state.evaluation,
        "rows": rows,
        "form": form,
        "can_write": form is not None,
        "review": review,
        "is_reviewer": may_deduct(request.user, state.project.department_id) and not review.locked,
        "has_flagged": any(row.deduction_form for row in rows),
        "line_limit": LINE_TEXT_LIMIT,
        "project_limit": PROJECT_TEXT_LIMIT,
        **evidence_context(state.project, [line.line.indicator for line in state.lines], can_upload=form is not None and not review.locked,
                           back="self_evaluation"),
    }
    return render(request, "indicators/self_evaluation.html", context, status=status)


@keep_post_when_logged_out
@login_required
@require_http_methods(["GET", "POST"])
def self_evaluation_page(request, project_id):
    kept = take_kept_post(request)  # typed before a login that interrupted the save: shown, not saved
    project = get_project_for_user(request.user, project_id)
    can_write = can_write_reports(request.user, project.department_id)
    if request.method == "POST" and not can_write:
        raise PermissionDenied("只有本部门的财务人员可以填写自评说明。")
    state = self_evaluation(project=project)
    form = SelfEvaluationForm(state, request.POST if request.method == "POST" else kept) if can_write else None
    if kept is not None and form is not None:
        form.is_valid()  # what would be refused shows now, before the user saves again
    if request.method == "GET":
        return _render(request, state, review=review_status(project), form=form,
                       deduction_forms=_deduction_forms(state, request.user))
    if form.is_valid():
        try:
            created = save_self_evaluation(project=project, user=request.user, writes=form.writes())
        except PageErrors as exc:
            form.add_service_errors(exc)
        else:
            if created:
                messages.success(request, f"已保存 {created} 项自评说明。")
            else:
                messages.info(request, "没有需要保存的修改。")
            return redirect(reverse("self_evaluation:page", args=[project.pk]))
    status = 409 if form.conflicts_count else 400
    return _render(request, state, review=review_status(project), form=form,
                   deduction_forms=_deduction_forms(state, request.user), status=status)


@login_required
@require_POST
def deduction(request, project_id, indicator_id):
    project = get_project_for_user(request.user, project_id)
    if not may_deduct(request.user, project.department_id):
        raise PermissionDenied(DEDUCTION_ONLY)
    indicator = project.indicators.filter(pk=indicator_id).first()
    if indicator is None:
        raise Http404("没有找到该指标。")
    form = DeductionForm(request.POST, prefix=_deduction_prefix(indicator.pk))
    if form.is_valid():
        try:
            record_deduction(indicator=indicator, user=request.user, points=form.cleaned_data["points"],
                             reason=form.cleaned_data["reason"], expected_current_id=form.cleaned_data["seen"])
        except DomainError as exc:
            for name, messages_ in exc.errors.items():
                for message in messages_:
                    form.add_error(name if name in form.fields and name != "seen" else None, message)
        else:
            messages.success(request, f"已记录「{indicator.name}」的偏离度扣分。")
            return redirect(reverse("self_evaluation:page", args=[project.pk]) + f"#line-{indicator.pk}")
    state = self_evaluation(project=project)
    return _render(request, state, review=review_status(project), deduction_forms=_deduction_forms(state, request.user, {indicator.pk: form}),
                   status=400)
