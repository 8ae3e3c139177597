"""The monitoring round (DOMAIN §5): the department's round, a project's 监控表, the 监控表 workbook out and back in."""
import datetime
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.views.decorators.http import require_POST, require_http_methods, require_safe

from core.access import get_project_for_user
from core.kept_post import keep_post_when_logged_out, take_kept_post
from core.roles import can_write_reports, visible_departments
from indicators.exports.monitoring import write_monitoring_workbook
from indicators.forms.monitoring import MonitoringSheetForm, UploadForm, posted_seen_ids
from indicators.monitoring_import.service import import_monitoring
from indicators.monitoring_import.sheets import Refusals
from indicators.presenters.profile import rule_profile
from indicators.selectors.dates import monitoring_rounds
from indicators.selectors.monitoring import monitoring_round, monitoring_sheet
from indicators.services.monitoring import MonitoringErrors, save_monitoring_form
from indicators.views.params import round_date
from projects.review_lock import review_status
from projects.selectors import resolve_department, resolve_year

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHOWN_REFUSALS = 30  # messages of a refused upload shown on the page; the command prints them all


def _department(request, code: str | None):
    department = resolve_department(user=request.user, code=code)
    if department is None:
        raise Http404("没有找到可查看的部门。")
    return department


def _index_url(*, year: int, department, as_of: datetime.date | None = None) -> str:
    query = {"year": year, "department": department.code}
    if as_of is not None:
        query["as_of"] = f"{as_of:%Y-%m-%d}"
    return f"{reverse('monitoring:index')}?{urlencode(query)}"


@login_required
@require_safe
def round_index(request):
    year = resolve_year(request.GET.get("year"))
    department = _department(request, request.GET.get("department"))
    as_of = round_date(request.GET.get("as_of"), year)
    context = {
        "round": monitoring_round(department=department, year=year, as_of=as_of),
        "rounds": monitoring_rounds(year),
        "departments": list(visible_departments(request.user).order_by("code")),
        "can_upload": can_write_reports(request.user, department.pk),
        "upload_form": UploadForm(),
        "profile": rule_profile(),
    }
    return render(request, "indicators/monitoring_index.html", context)


def _sheet_url(project, as_of: datetime.date) -> str:
    return f"{reverse('monitoring:project', args=[project.pk])}?as_of={as_of:%Y-%m-%d}"


@keep_post_when_logged_out
@login_required
@require_http_methods(["GET", "POST"])
def project_sheet(request, project_id):
    kept = take_kept_post(request)  # typed before a login that interrupted the save: shown, not saved
    project = get_project_for_user(request.user, project_id, write=request.method == "POST")
    as_of = round_date(request.GET.get("as_of"), project.year)
    can_write = can_write_reports(request.user, project.department_id)
    review = review_status(project)
    editable = can_write and as_of <= timezone.localdate() and not review.locked
    status, form = 200, None
    if request.method == "POST":
        sheet = monitoring_sheet(project=project, as_of=as_of, seen_ids=posted_seen_ids(request.POST))
        form = MonitoringSheetForm(sheet, request.POST)
        status = 400
        if form.is_valid():
            try:
                saved = save_monitoring_form(project=project, user=request.user, as_of=as_of, lines=form.note_inputs())
            except MonitoringErrors as exc:
                form.add_service_errors(exc)
                status = exc.status
            else:
                if saved:
                    messages.success(request, f"已保存 {len(saved)} 条监控说明（截至 {as_of:%Y-%m-%d}）。")
                else:
                    messages.info(request, "没有需要保存的修改。")
                return redirect(_sheet_url(project, as_of))
    elif kept is not None and editable:
        sheet = monitoring_sheet(project=project, as_of=as_of, seen_ids=posted_seen_ids(kept))
        form = MonitoringSheetForm(sheet, kept)
        form.is_valid()  # what would be refused shows now, before the user saves again
    else:
        sheet = monitoring_sheet(project=project, as_of=as_of)
        form = MonitoringSheetForm(sheet) if editable else None
    context = {
        "sheet": sheet, "project": project, "as_of": as_of, "form": form, "editable": editable, "can_write": can_write,
        "rounds": monitoring_rounds(project.year), "review": review,
        "rows": list(zip(sheet.lines, form.lines)) if form else [(line, None) for line in sheet.lines],
    }
    return render(request, "indicators/monitoring_project.html", context, status=status)


@login_required
@require_safe
def export_workbook(request, year: int):
    department = _department(request, request.GET.get("department"))
    as_of = round_date(request.GET.get("as_of"), year)
    buffer = io.BytesIO()
    the_round = write_monitoring_workbook(department=department, year=year, as_of=as_of, output=buffer)
    if not the_round.projects:
        raise Http404(f"{department.name} {year} 年没有项目。")
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    name = f"{year}年{department.name}项目绩效运行监控表（截至{as_of:%Y-%m-%d}）.xlsx"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


@login_required
@require_POST
def upload(request):
    year = resolve_year(request.POST.get("year"))
    department = _department(request, request.POST.get("department"))
    if not can_write_reports(request.user, department.pk):
        raise PermissionDenied("只有本部门的财务人员可以导入监控表。")
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for message in form.errors.get("file", []):
            messages.error(request, message)
        return redirect(_index_url(year=year, department=department))
    file = form.cleaned_data["file"]
    try:
        summary = import_monitoring(source=file, department=department, year=year, user=request.user,
                                    file_name=file.name)
    except Refusals as exc:
        messages.error(request, f"监控表「{file.name}」未导入，未写入任何记录：共 {len(exc.messages)} 处问题。")
        for message in exc.messages[:SHOWN_REFUSALS]:
            messages.error(request, message)
        if len(exc.messages) > SHOWN_REFUSALS:
            messages.error(request, f"……另有 {len(exc.messages) - SHOWN_REFUSALS} 处问题未列出。")
        return redirect(_index_url(year=year, department=department))
    messages.success(request, f"已导入监控表「{file.name}」（截至 {summary.as_of:%Y-%m-%d}）：写入监控说明 "
                              f"{summary.notes} 条，未改动 {summary.unchanged} 行。")
    return redirect(_index_url(year=year, department=department, as_of=summary.as_of))
