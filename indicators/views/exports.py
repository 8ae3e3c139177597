"""Download of the evaluation workbook: check who may see the department, build the file, stream it."""
import re
import tempfile
from urllib.parse import quote, urlencode

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_safe

from core.errors import DomainError
from core.parsing import parse_date
from indicators.exports.workbook import download_name, write_evaluation_workbook
from indicators.selectors.dates import default_as_of
from projects.selectors import resolve_department, resolve_year

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def content_disposition(filename: str, fallback: str) -> str:
    """RFC 6266 / 5987: the Chinese name for browsers that read filename*, an ASCII one for those that do not."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def ascii_name(*, year: int, code: str, pk: int) -> str:
    safe = code if re.fullmatch(r"[A-Za-z0-9_-]+", code or "") else f"department-{pk}"
    return f"{year}-{safe}-performance.xlsx"


@login_required
@require_safe
def index(request):
    """/exports/ → this year's workbook (keeps ?department= and ?as_of=)."""
    year = resolve_year(request.GET.get("year"))
    query = {key: request.GET[key] for key in ("department", "as_of") if request.GET.get(key)}
    url = reverse("exports:workbook", args=[year])
    return redirect(f"{url}?{urlencode(query)}" if query else url)


@login_required
@require_safe
def workbook(request, year: int):
    if not 2000 <= year <= 2100:
        raise Http404("没有该年度。")
    department = resolve_department(user=request.user, code=request.GET.get("department"))
    if department is None:
        raise Http404("没有找到该部门。")
    raw = request.GET.get("as_of", "").strip()
    as_of = parse_date(raw) if raw else default_as_of(year)
    if as_of is None or as_of.year != year:
        return HttpResponseBadRequest(
            f"截至日期应为 {year} 年内的日期，格式 YYYY-MM-DD：{raw}", content_type="text/plain; charset=utf-8"
        )
    # Built on disk, not in memory, then streamed: a large department's workbook is tens of megabytes.
    output = tempfile.TemporaryFile(suffix=".xlsx")
    try:
        write_evaluation_workbook(department=department, year=year, as_of=as_of, output=output)
    except DomainError as error:
        output.close()
        raise Http404(str(error)) from None
    except BaseException:
        output.close()
        raise
    output.seek(0)
    response = FileResponse(output, content_type=XLSX)
    response["Content-Disposition"] = content_disposition(
        download_name(department=department, year=year), ascii_name(year=year, code=department.code, pk=department.pk)
    )
    response["Cache-Control"] = "private, no-store"
    return response
