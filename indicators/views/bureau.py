"""The finance bureau's page (财政局, issue #21): every department of a year, as of a date; read only."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.views.decorators.http import require_safe

from core.roles import sees_bureau_view, writes_spot_checks
from indicators import rules
from indicators.presenters.bureau_attention import attention_lists
from indicators.presenters.bureau_charts import bureau_charts
from indicators.presenters.bureau_table import table_rows
from indicators.presenters.profile import rule_profile
from indicators.selectors.bureau import bureau_view
from indicators.selectors.bureau_table import ASCENDING_FIRST, COLUMNS, department_rows, read_bureau_query
from indicators.selectors.dashboard_table import LEVEL_FILTERS
from indicators.views.params import read_as_of
from projects.choices import ReviewState
from projects.selectors import resolve_year

NOT_ALLOWED = "财政局总览只对财政人员和审计人员开放。"


def require_bureau(user) -> None:
    if not sees_bureau_view(user):
        raise PermissionDenied(NOT_ALLOWED)


def _page_params(*, year: int, as_of, query) -> QueryDict:
    params = QueryDict(mutable=True)
    params.update({"year": str(year), "as_of": as_of.isoformat()})
    for name, value in (("grade", query.grade), ("level", query.level), ("state", query.state),
                        ("needs", "1" if query.needs_explanation else "")):
        if value:
            params[name] = value
    return params


def _headers(params: QueryDict, query) -> list[dict]:
    headers = []
    for key, label, numeric in COLUMNS:
        link = params.copy()
        current = query.sort == key
        descending = (not query.descending) if current else key not in ASCENDING_FIRST
        link.update({"sort": key, "dir": "desc" if descending else "asc"})
        headers.append({
            "key": key, "label": label, "numeric": numeric, "url": f"?{link.urlencode()}",
            "arrow": ("▼" if query.descending else "▲") if current else "",
            "aria_sort": ("descending" if query.descending else "ascending") if current else "none",
        })
    return headers


@login_required
@require_safe
def bureau_page(request):
    require_bureau(request.user)
    year = resolve_year(request.GET.get("year"))
    as_of = read_as_of(request.GET.get("as_of"), year)
    query = read_bureau_query(request.GET)
    view = bureau_view(year=year, as_of=as_of.date)
    params = _page_params(year=year, as_of=as_of.date, query=query)
    profile = rule_profile(year)
    context = {
        "year": year,
        "as_of": as_of,
        "view": view,
        "query": query,
        "table": table_rows(department_rows(view.rows, query)),
        "headers": _headers(params, query),
        "charts": bureau_charts(view),
        "attention": attention_lists(view),
        "grades": profile.grades,
        "profile": profile,
        "levels": [(level.value, rules.LEVEL_SHORT[level]) for level in LEVEL_FILTERS],
        "may_spot_check": writes_spot_checks(request.user),
        "states": ReviewState.choices,
        # Each department's row links to its dashboard: the address made and escaped once, not per row.
        "dashboard_url": escape(f"{reverse('dashboard')}?year={year}&as_of={as_of.date.isoformat()}"),
        "as_of_param": as_of.date.isoformat(),  # in every project's link of the attention list
    }
    return render(request, "indicators/bureau.html", context)
