"""The 绩效自评报告 as Word documents (DOMAIN §9): one per project, one per department; built in memory (a few
hundred kilobytes), sent as an attachment."""
import io

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.views.decorators.http import require_safe

from core.access import get_project_for_user
from core.parsing import parse_date
from indicators.reports.docx import DOCX, write_docx
from indicators.reports.self_evaluation import department_report, project_report
from indicators.selectors.dates import default_as_of
from indicators.selectors.review import review_stamps
from indicators.selectors.year_end import self_evaluation, self_evaluations
from indicators.views.exports import content_disposition
from projects.selectors import resolve_department


def _attachment(blocks, *, filename: str, fallback: str) -> HttpResponse:
    buffer = io.BytesIO()
    write_docx(blocks, buffer)
    response = HttpResponse(buffer.getvalue(), content_type=DOCX)
    response["Content-Disposition"] = content_disposition(filename, fallback)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def project_report_docx(request, project_id):
    project = get_project_for_user(request.user, project_id)
    state = self_evaluation(project=project)
    stamp = review_stamps([project.pk]).get(project.pk)
    return _attachment(project_report(state, stamp=stamp), filename=f"{project.year}年{project.seq}.{project.name}绩效自评报告.docx",
                       fallback=f"{project.year}-project-{project.seq}-self-evaluation.docx")


@login_required
@require_safe
def department_report_docx(request, year: int):
    if not 2000 <= year <= 2100:
        raise Http404("没有该年度。")
    department = resolve_department(user=request.user, code=request.GET.get("department"))
    if department is None:  # none the user may see by that code
        raise Http404("没有找到该部门。")
    raw = request.GET.get("as_of", "").strip()
    as_of = parse_date(raw) if raw else default_as_of(year)
    if as_of is None or as_of.year != year:
        return HttpResponseBadRequest(
            f"截至日期应为 {year} 年内的日期，格式 YYYY-MM-DD：{raw}", content_type="text/plain; charset=utf-8"
        )
    states = self_evaluations(year=year, as_of=as_of, departments=[department])
    stamps = review_stamps([s.project.pk for s in states])
    blocks = department_report(states, department=department, year=year, as_of=as_of, stamps=stamps)
    return _attachment(blocks, filename=f"{department.name}{year}年绩效自评报告.docx",
                       fallback=f"{year}-{department.pk}-self-evaluation-report.docx")
