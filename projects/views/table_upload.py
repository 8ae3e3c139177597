"""/projects/upload/: an admin uploads the published table, sees what it creates and changes, then confirms it."""
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.roles import is_admin
from core.uploads import StagedUploadMissing
from projects.forms.table_upload import TableUploadForm
from projects.importing.service import find_department
from projects.importing.template import write_table_template
from projects.selectors import resolve_year
from projects.importing.layouts import FIELDS
from projects.services.table_uploads import confirm_table_upload, preview_table_upload, remap_table_upload

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ADMIN_ONLY = "导入项目绩效目标表仅限管理员；您可以查看项目和总览。"
PAGE = "projects/upload_table.html"


def _admin(request) -> None:
    if not is_admin(request.user):
        raise PermissionDenied(ADMIN_ONLY)


def _form_again(upload) -> TableUploadForm:
    """The form for the next upload, filled with what this one was asked with."""
    return TableUploadForm(initial={"department": upload.department, "year": upload.year, "reason": upload.reason,
                                    "effective": upload.effective})


@login_required
@require_http_methods(["GET", "POST"])
def upload_table(request):
    """GET: the form; POST: the preview of the table (nothing written), with 确认导入 when nothing is refused."""
    _admin(request)
    if request.method == "GET":
        form = TableUploadForm(initial={"year": resolve_year(request.GET.get("year")),
                                        "department": request.GET.get("department", "")})
        return render(request, PAGE, {"form": form})
    form = TableUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, PAGE, {"form": form}, status=400)
    filename, data = form.cleaned_data["file"]
    upload = preview_table_upload(
        user=request.user, department=form.cleaned_data["department"].strip(), year=form.cleaned_data["year"],
        filename=filename, data=data, reason=form.cleaned_data["reason"].strip(),
        effective=form.cleaned_data["effective"],
    )
    return render(request, PAGE, {"form": _form_again(upload), "upload": upload},
                  status=200 if upload.confirmable else 400)


def _mapping(post) -> dict[str, int]:
    """The columns chosen on the page: `col_target=F` → {'target': 5}; a blank choice is -1 (in no column)."""
    mapping = {}
    for name in FIELDS:
        letter = (post.get(f"col_{name}") or "").strip().upper()
        index = 0
        for char in letter if letter.isalpha() and letter.isascii() and len(letter) <= 3 else "":
            index = index * 26 + ord(char) - ord("A") + 1
        mapping[name] = index - 1
    return mapping


@login_required
@require_POST
def remap_table(request):
    """按所选列重新预览: the kept file previewed again with the columns chosen (nothing written)."""
    _admin(request)
    try:
        upload = remap_table_upload(user=request.user, token=request.POST.get("token", ""),
                                    mapping=_mapping(request.POST))
    except StagedUploadMissing as exc:
        messages.error(request, str(exc))
        return redirect(reverse("projects:upload"))
    return render(request, PAGE, {"form": _form_again(upload), "upload": upload},
                  status=200 if upload.confirmable else 400)


@login_required
@require_POST
def confirm_table(request):
    """确认导入: applies the previewed table, or shows what changed since the preview and applies nothing."""
    _admin(request)
    try:
        upload = confirm_table_upload(user=request.user, token=request.POST.get("token", ""))
    except StagedUploadMissing as exc:
        messages.error(request, str(exc))
        return redirect(reverse("projects:upload"))
    if not upload.applied:
        return render(request, PAGE, {"form": _form_again(upload), "upload": upload}, status=409)
    messages.success(request, f"已导入「{upload.filename}」：{upload.summary}")
    return redirect(f"{reverse('projects:list')}?{urlencode({'year': upload.year})}")


@login_required
@require_safe
def table_template(request):
    """The layout to fill in, with the department-year's projects as held (bare for a year without projects)."""
    _admin(request)
    year = resolve_year(request.GET.get("year"))
    department = find_department(request.GET.get("department", "")) if request.GET.get("department") else None
    buffer = io.BytesIO()
    write_table_template(department=department, year=year, output=buffer)
    name = f"{year}年{department.name if department else ''}项目绩效目标汇总表.xlsx"
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response
