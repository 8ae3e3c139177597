"""Finance clerks enter actuals and expenditures: their projects, one form per project, a live preview (DOMAIN §3–7)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_http_methods, require_safe

from core.access import get_project_for_user
from core.kept_post import keep_post_when_logged_out, take_kept_post
from core.roles import is_finance
from core.templatetags.perf import num2, pct
from indicators import rules
from indicators.forms.entry import ProjectEntryForm
from indicators.forms.uploads import ReportsUploadForm
from indicators.selectors.dates import default_as_of
from indicators.selectors.entry import entry_overview, writable_departments
from indicators.selectors.evaluation import evaluate_project
from indicators.selectors.preview import preview_project
from indicators.views.evidence import evidence_context
from indicators.services.entry import EntryErrors, save_project_entries
from projects.review_lock import review_status
from projects.selectors import resolve_year


@login_required
@require_safe
def entry_index(request):
    if not is_finance(request.user):
        raise PermissionDenied("只有财务人员可以填报。")
    year = resolve_year(request.GET.get("year"))
    overview = entry_overview(user=request.user, year=year)
    departments = list(writable_departments(request.user).order_by("code"))
    upload_form = ReportsUploadForm(departments=departments, initial={"year": year})
    context = {"year": year, "overview": overview, "form": upload_form}
    return render(request, "indicators/entry_index.html", context)


def _project_form(request, project_id, kept=None) -> ProjectEntryForm:
    project = get_project_for_user(request.user, project_id, write=True)
    # "Current" is the latest row whatever its date: every row is dated on or before today, inside the year.
    as_of = default_as_of(project.year)
    evaluation = evaluate_project(project=project, as_of=as_of)
    form = ProjectEntryForm(evaluation, request.POST if request.method == "POST" else kept, as_of=as_of)
    form.review = review_status(project)  # the submission state the page shows (DOMAIN §9)
    return form


@keep_post_when_logged_out
@login_required
@require_http_methods(["GET", "POST"])
def project_entry(request, project_id):
    kept = take_kept_post(request)  # typed before a login that interrupted the save: shown, not saved
    form = _project_form(request, project_id, kept)
    project = form.evaluation.project
    status = 200
    if kept is not None:
        form.is_valid()  # what would be refused shows now, before the user saves again
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = save_project_entries(
                    project=project, user=request.user, as_of=form.as_of,
                    entries=form.indicator_entries(), expenditure=form.expenditure_entry(),
                )
            except EntryErrors as exc:
                form.add_service_errors(exc)
            else:
                if saved.count:
                    messages.success(request, f"已保存 {saved.count} 项（截至 {form.as_of:%Y-%m-%d}）：下方为保存后的评价。")
                else:
                    messages.info(request, "没有需要保存的修改：各行都没有填写新的数值。")
                return redirect(reverse("entry:project", args=[project.pk]))
        status = 409 if form.conflicts_count else 400
    context = {"project": project, "evaluation": form.evaluation, "form": form, "review": form.review,
               **evidence_context(project, [line.indicator for line in form.evaluation.indicators],
                                  can_upload=not form.review.locked, back="entry")}
    return render(request, "indicators/entry_project.html", context, status=status)


@login_required
@require_POST
def entry_preview(request, project_id):
    """Status and points of every line with the values typed so far, computed by the rules layer (nothing saved)."""
    form = _project_form(request, project_id)
    form.is_valid()
    score = preview_project(
        evaluation=form.evaluation, actuals=form.typed_actuals(), spent=form.expenditure.typed_actual()
    )
    return JsonResponse(_preview_json(form, score))


def _line_errors(form, names) -> str:
    return "；".join(str(message) for name in names for message in form.errors.get(name, []))


def _preview_json(form: ProjectEntryForm, score: rules.ProjectScore) -> dict:
    as_of = form.as_of
    lines = {}
    for line_form, line_score in zip(form.lines, score.indicators, strict=True):
        lines[line_form.prefix] = {
            "status": line_score.status.value,
            "label": rules.STATUS_LABELS[line_score.status],
            "points": num2(line_score.points),
            "possible": num2(line_score.points_possible),
            "explanation": line_score.explanation,
            "error": _line_errors(line_form, ("value", "tier", "tier_percent")),
            "typed": line_form.typed_actual() is not None,
            "needs_reason": line_form.typed_actual() is not None and line_form.needs_reason(as_of),
        }
    budget = score.budget
    spent_typed = form.expenditure.typed_actual() is not None
    return {
        "lines": lines,
        "expenditure": {
            "rate": pct(budget.execution_rate),
            "points": num2(budget.points),
            "possible": num2(budget.points_possible),
            "explanation": budget.explanation,
            "error": _line_errors(form.expenditure, ("amount",)),
            "typed": spent_typed,
            "needs_reason": spent_typed and form.expenditure.needs_reason(as_of),
        },
        "total": num2(score.total),
        "grade": score.grade,
        "met": score.met,
        "not_met": score.not_met,
        "no_data": score.no_data,
        "as_of_error": _line_errors(form.header, ("as_of",)),
    }
