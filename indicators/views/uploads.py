"""/entry/upload/: finance uploads actuals and expenditures, sees what would be written, then confirms it."""
import io
from functools import cached_property

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.roles import is_finance
from core.upload_pages import StagedUploadPage
from indicators.exports.reports_template import write_template
from indicators.forms.uploads import ReportsUploadForm
from indicators.selectors.entry import entry_overview, writable_departments
from indicators.services.report_uploads import confirm_report_upload, preview_report_upload
from projects.selectors import resolve_year

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FINANCE_ONLY = "批量导入仅限本部门的财务人员；您可以查看总览和项目。"


class DepartmentUploadPage(StagedUploadPage):
    """A finance clerk's upload for one of the departments the clerk writes, then back to the entry overview."""

    forbidden = FINANCE_ONLY

    def may_upload(self) -> bool:
        return is_finance(self.user)

    @cached_property
    def departments(self) -> list:
        return list(writable_departments(self.user).order_by("code"))

    def form_kwargs(self) -> dict:
        return {"departments": self.departments}

    def initial_again(self, upload) -> dict:
        return {"year": upload.year, "department": upload.department.code}

    def confirmed_url(self, upload) -> str:
        return f"{reverse('entry:index')}?{urlencode({'year': upload.year})}"


class ReportsUploadPage(DepartmentUploadPage):
    template = "indicators/upload_reports.html"
    form_class = ReportsUploadForm

    def year(self) -> int:
        return resolve_year(self.request.POST.get("year") or self.request.GET.get("year"))

    def initial(self) -> dict:
        return {"year": self.year()}

    def context(self, upload=None) -> dict:
        return {"year": upload.year if upload is not None else self.year()}

    def preview(self, cleaned: dict, *, filename: str, data: bytes):
        return preview_report_upload(user=self.user, department=cleaned["department"], year=cleaned["year"],
                                     filename=filename, data=data)

    def confirm(self, token: str):
        return confirm_report_upload(user=self.user, token=token)

    def written(self, upload) -> bool:
        return not upload.changed

    def confirmed(self, upload) -> tuple[str, str]:
        return f"已导入「{upload.filename}」：{upload.preview.summary()}。", self.confirmed_url(upload)

    def start_url(self) -> str:
        return f"{reverse('entry:upload')}?{urlencode({'year': resolve_year(self.request.POST.get('year'))})}"


@login_required
@require_http_methods(["GET", "POST"])
def upload_reports(request):
    """GET: the form; POST: the preview of the chosen file (nothing written), with 确认导入 when nothing is refused."""
    return ReportsUploadPage(request).form_page()


@login_required
@require_POST
def confirm_reports(request):
    """确认导入: writes the previewed file, or shows what changed since the preview and writes nothing."""
    return ReportsUploadPage(request).confirm_page()


@login_required
@require_safe
def reports_template(request):
    """The template to fill in: the header and every line of the clerk's projects of the year."""
    ReportsUploadPage(request).check_access()
    year = resolve_year(request.GET.get("year"))
    buffer = io.BytesIO()
    write_template(entry_overview(user=request.user, year=year), buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=f"{year}年填报导入模板.xlsx")
    return response
