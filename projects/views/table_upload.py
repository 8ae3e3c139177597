"""/projects/upload/: an admin uploads the published table, sees what it creates and changes, then confirms it."""
import io

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.roles import is_admin
from core.upload_pages import StagedUploadPage
from projects.forms.table_upload import TableUploadForm
from projects.importing.service import find_department
from projects.importing.template import write_table_template
from projects.selectors import resolve_year
from projects.services.table_uploads import confirm_table_upload, preview_table_upload, remap_table_upload
from projects.views.column_choice import ColumnChoicePage

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ADMIN_ONLY = "导入项目绩效目标表仅限管理员；您可以查看项目和总览。"


class TableUploadPage(ColumnChoicePage, StagedUploadPage):
    template = "projects/upload_table.html"
    form_class = TableUploadForm
    forbidden = ADMIN_ONLY

    def may_upload(self) -> bool:
        return is_admin(self.user)

    def initial(self) -> dict:
        return {"year": resolve_year(self.request.GET.get("year")),
                "department": self.request.GET.get("department", "")}

    def initial_again(self, upload) -> dict:
        return {"department": upload.department, "year": upload.year, "reason": upload.reason,
                "effective": upload.effective}

    def preview(self, cleaned: dict, *, filename: str, data: bytes):
        return preview_table_upload(
            user=self.user, department=cleaned["department"].strip(), year=cleaned["year"], filename=filename,
            data=data, reason=cleaned["reason"].strip(), effective=cleaned["effective"],
        )

    def confirm(self, token: str):
        return confirm_table_upload(user=self.user, token=token)

    def written(self, upload) -> bool:
        return upload.applied

    def confirmed(self, upload) -> tuple[str, str]:
        return (f"已导入「{upload.filename}」：{upload.summary}",
                f"{reverse('projects:list')}?{urlencode({'year': upload.year})}")

    def start_url(self) -> str:
        return reverse("projects:upload")

    def remap(self, token: str, mapping: dict[str, int]):
        return remap_table_upload(user=self.user, token=token, mapping=mapping)


@login_required
@require_http_methods(["GET", "POST"])
def upload_table(request):
    """GET: the form; POST: the preview of the table (nothing written), with 确认导入 when nothing is refused."""
    return TableUploadPage(request).form_page()


@login_required
@require_POST
def remap_table(request):
    """按所选列重新预览: the kept file previewed again with the columns chosen (nothing written)."""
    return TableUploadPage(request).columns_page()


@login_required
@require_POST
def confirm_table(request):
    """确认导入: applies the previewed table, or shows what changed since the preview and applies nothing."""
    return TableUploadPage(request).confirm_page()


@login_required
@require_safe
def table_template(request):
    """The layout to fill in, with the department-year's projects as held (bare for a year without projects)."""
    TableUploadPage(request).check_access()
    year = resolve_year(request.GET.get("year"))
    department = find_department(request.GET.get("department", "")) if request.GET.get("department") else None
    buffer = io.BytesIO()
    write_table_template(department=department, year=year, output=buffer)
    name = f"{year}年{department.name if department else ''}项目绩效目标汇总表.xlsx"
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response
