"""/entry/upload/: finance uploads actuals and expenditures, sees what would be written, then confirms it."""
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.roles import is_finance
from core.uploads import StagedUploadMissing
from indicators.exports.reports_template import write_template
from indicators.forms.uploads import ReportsUploadForm
from indicators.selectors.entry import entry_overview, writable_departments
from indicators.services.report_uploads import confirm_report_upload, preview_report_upload
from projects.selectors import resolve_year

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FINANCE_ONLY = "批量导入仅限本部门的财务人员；您可以查看总览和项目。"


def _finance(request) -> None:
    if not is_finance(request.user):
        raise PermissionDenied(FINANCE_ONLY)


def _upload_url(year: int) -> str:
    return f"{reverse('entry:upload')}?{urlencode({'year': year})}"


@login_required
@require_http_methods(["GET", "POST"])
def upload_reports(request):
    """GET: the form; POST: the preview of the chosen file (nothing written), with 确认导入 when nothing is refused."""
    _finance(request)
    year = resolve_year(request.POST.get("year") or request.GET.get("year"))
    departments = list(writable_departments(request.user).order_by("code"))
    if request.method == "GET":
        form = ReportsUploadForm(departments=departments, initial={"year": year})
        return render(request, "indicators/upload_reports.html", {"form": form, "year": year})
    form = ReportsUploadForm(request.POST, request.FILES, departments=departments)
    if not form.is_valid():
        return render(request, "indicators/upload_reports.html", {"form": form, "year": year}, status=400)
    filename, data = form.cleaned_data["file"]
    upload = preview_report_upload(user=request.user, department=form.cleaned_data["department"],
                                   year=form.cleaned_data["year"], filename=filename, data=data)
    fresh = ReportsUploadForm(departments=departments, initial={"year": upload.year,
                                                                "department": upload.department.code})
    context = {"form": fresh, "year": upload.year, "upload": upload}
    return render(request, "indicators/upload_reports.html", context, status=200 if upload.confirmable else 400)


@login_required
@require_POST
def confirm_reports(request):
    """确认导入: writes the previewed file, or shows what changed since the preview and writes nothing."""
    _finance(request)
    try:
        upload = confirm_report_upload(user=request.user, token=request.POST.get("token", ""))
    except StagedUploadMissing as exc:
        messages.error(request, str(exc))
        return redirect(_upload_url(resolve_year(request.POST.get("year"))))
    if upload.changed:
        departments = list(writable_departments(request.user).order_by("code"))
        form = ReportsUploadForm(departments=departments, initial={"year": upload.year,
                                                                   "department": upload.department.code})
        return render(request, "indicators/upload_reports.html", {"form": form, "year": upload.year,
                                                                  "upload": upload}, status=409)
    messages.success(request, f"已导入「{upload.filename}」：{upload.preview.summary()}。")
    return redirect(f"{reverse('entry:index')}?{urlencode({'year': upload.year})}")


@login_required
@require_safe
def reports_template(request):
    """The template to fill in: the header and every line of the clerk's projects of the year."""
    _finance(request)
    year = resolve_year(request.GET.get("year"))
    buffer = io.BytesIO()
    write_template(entry_overview(user=request.user, year=year), buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=f"{year}年填报导入模板.xlsx")
    return response
