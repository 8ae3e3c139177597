"""/entry/results/: finance uploads last year's 自评表, sees the actuals it records and the 得分 that differ, confirms."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_POST

from core.roles import is_finance
from core.uploads import StagedUploadMissing
from indicators.forms.results_upload import ResultsUploadForm
from indicators.selectors.entry import writable_departments
from indicators.services.results_uploads import confirm_results_upload, preview_results_upload
from indicators.views.uploads import FINANCE_ONLY
from projects.selectors import resolve_year

PAGE = "indicators/upload_results.html"


def _finance(request) -> None:
    if not is_finance(request.user):
        raise PermissionDenied(FINANCE_ONLY)


def _form_again(request, upload) -> ResultsUploadForm:
    departments = list(writable_departments(request.user).order_by("code"))
    return ResultsUploadForm(departments=departments, initial={"year": upload.year, "department": upload.department.code})


@login_required
@require_http_methods(["GET", "POST"])
def upload_results(request):
    """GET: the form (last year by default); POST: the preview of the 自评表 (nothing written), with 确认导入."""
    _finance(request)
    departments = list(writable_departments(request.user).order_by("code"))
    if request.method == "GET":
        raw = request.GET.get("year")
        year = resolve_year(raw) if raw else timezone.localdate().year - 1
        return render(request, PAGE, {"form": ResultsUploadForm(departments=departments, initial={"year": year})})
    form = ResultsUploadForm(request.POST, request.FILES, departments=departments)
    if not form.is_valid():
        return render(request, PAGE, {"form": form}, status=400)
    filename, data = form.cleaned_data["file"]
    upload = preview_results_upload(user=request.user, department=form.cleaned_data["department"],
                                    year=form.cleaned_data["year"], filename=filename, data=data)
    return render(request, PAGE, {"form": _form_again(request, upload), "upload": upload},
                  status=400 if upload.refusals else 200)


@login_required
@require_POST
def confirm_results(request):
    """确认导入: records the previewed 自评表, or shows what the ledger now refuses and records nothing."""
    _finance(request)
    try:
        upload = confirm_results_upload(user=request.user, token=request.POST.get("token", ""))
    except StagedUploadMissing as exc:
        messages.error(request, str(exc))
        return redirect(reverse("entry:results-upload"))
    if not upload.recorded:
        return render(request, PAGE, {"form": _form_again(request, upload), "upload": upload}, status=409)
    messages.success(request, f"已导入「{upload.filename}」：{upload.result.summary()}")
    return redirect(f"{reverse('entry:index')}?{urlencode({'year': upload.year})}")
