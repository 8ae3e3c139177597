"""The managers' dashboard: one department-year at a glance, as of a date (issue #5)."""
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.roles import visible_departments
from indicators import rules
from indicators.presenters.profile import rule_profile
from indicators.selectors.dashboard import dashboard
from indicators.selectors.dashboard_compare import year_on_year
from indicators.selectors.dashboard_table import LEVEL_FILTERS, TableQuery
from indicators.selectors.evaluation import evaluate
from indicators.views.params import read_as_of, table_query
from projects.selectors import department_among, resolve_year

# The table's columns: (sort key, header, numeric, hidden on a phone). First click sorts the way a manager
# usually wants: the published order and names ascending, the best grade first, every figure largest first.
COLUMNS = [
    ("seq", "序号", True, False),
    ("name", "项目名称", False, False),
    ("budget", "预算(万元)", True, True),
    ("spent", "支出(万元)", True, True),
    ("rate", "执行率", True, False),
    ("met", "达成", True, True),
    ("not_met", "未达成", True, True),
    ("no_data", "未填报", True, True),
    ("score", "得分", True, False),
    ("grade", "等级", False, False),
    ("level", "状态", False, False),
]
ASCENDING_FIRST = {"seq", "name", "grade"}


@dataclass(frozen=True)
class Header:
    key: str
    label: str
    url: str
    numeric: bool
    hide_phone: bool
    arrow: str  # ▲ / ▼ on the sorted column
    aria_sort: str


def _headers(params: QueryDict, query: TableQuery) -> list[Header]:
    headers = []
    for key, label, numeric, hide_phone in COLUMNS:
        link = params.copy()
        current = query.sort == key
        if current:
            descending = not query.descending
        else:
            descending = key not in ASCENDING_FIRST
        link["sort"] = key
        link["dir"] = "desc" if descending else "asc"
        arrow = ("▼" if query.descending else "▲") if current else ""
        aria = ("descending" if query.descending else "ascending") if current else "none"
        headers.append(Header(key, label, f"?{link.urlencode()}", numeric, hide_phone, arrow, aria))
    return headers


def _page_params(*, year: int, as_of, department, query: TableQuery) -> QueryDict:
    """The page's own address, so that sorting keeps the year, date, department and filters."""
    params = QueryDict(mutable=True)
    params["year"] = str(year)
    params["as_of"] = as_of.isoformat()
    params["department"] = department.code
    for name, value in (("grade", query.grade), ("level", query.level), ("needs", "1" if query.needs_explanation else "")):
        if value:
            params[name] = value
    return params


def _export_params(as_of, department) -> QueryDict:
    params = QueryDict(mutable=True)
    params.update({"as_of": as_of.isoformat(), "department": department.code})
    return params


def _monitoring_params(year: int, as_of) -> QueryDict:
    params = QueryDict(mutable=True)
    params.update({"year": str(year), "as_of": as_of.isoformat()})
    return params


def _page_url(params: QueryDict, query: TableQuery, number: int) -> str:
    link = params.copy()
    link.update({"sort": query.sort, "dir": "desc" if query.descending else "asc", "page": str(number)})
    return f"?{link.urlencode()}"


@login_required
@require_safe
def dashboard_page(request):
    year = resolve_year(request.GET.get("year"))
    code = request.GET.get("department") or None
    departments = list(visible_departments(request.user).order_by("code"))  # the page's choice of department too
    department = department_among(departments, code)
    if department is None:
        if code:
            raise Http404("没有找到该部门。")
        return render(request, "indicators/dashboard.html", {"year": year, "department": None})
    as_of = read_as_of(request.GET.get("as_of"), year)
    query = table_query(request.GET)
    board = dashboard(evaluate(year=year, as_of=as_of.date, departments=[department]), query)
    params = _page_params(year=year, as_of=as_of.date, department=department, query=query)
    profile = rule_profile(year)
    context = {
        "year": year,
        "department": department,
        "departments": departments,
        "as_of": as_of,
        "board": board,
        "compare": year_on_year(board.summary, department=department),
        "headers": _headers(params, query),
        "prev_page_url": _page_url(params, query, board.page.number - 1) if board.page.number > 1 else "",
        "next_page_url": _page_url(params, query, board.page.number + 1)
        if board.page.number < board.page.pages else "",
        "grades": profile.grades,
        "profile": profile,
        "levels": [(level.value, rules.LEVEL_SHORT[level]) for level in LEVEL_FILTERS],
        "export_query": _export_params(as_of.date, department).urlencode(),
        "monitoring_query": _monitoring_params(year, as_of.date).urlencode(),
    }
    return render(request, "indicators/dashboard.html", context)
