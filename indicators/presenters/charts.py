"""The dashboard's chart data: plain JSON for json_script; numbers as strings so no float is made on this side."""
from typing import TYPE_CHECKING

from core.formatting import cents
from indicators import rules
from indicators.selectors.dashboard_table import ProjectRow

if TYPE_CHECKING:
    from indicators.selectors.dashboard import DashboardSummary

CHART_PROJECTS = 30  # bars beyond this are unreadable; the charts follow the table's order, so sorting picks them


NO_DATA = "暂无数据"


def empty_charts(summary: "DashboardSummary", rows: list[ProjectRow]) -> dict[str, str]:
    """Each chart that would draw nothing true (zero bars, a donut of equal zero slices), with what it says instead."""
    empty = {}
    if not any(r.budget or r.evaluation.spent for r in rows):
        empty["budget"] = NO_DATA
    if not summary.met and not summary.not_met:
        empty["status"] = f"{NO_DATA}（{summary.no_data} 项指标均未填报）" if summary.no_data else NO_DATA
    if not any(r.has_data for r in rows):
        empty["score"] = f"{NO_DATA}（各项目均未填报）" if rows else NO_DATA
    return empty


def chart_data(summary: "DashboardSummary", rows: list[ProjectRow]) -> dict:
    return {
        "project_count": len(rows),
        "empty": empty_charts(summary, rows),
        "projects": [
            {
                "label": f"{r.project.seq}. {r.project.name}",
                "budget": cents(r.budget),
                "spent": cents(r.evaluation.spent or rules.ZERO),
                "score": cents(r.evaluation.total) if r.has_data else None,
                "grade": r.evaluation.grade if r.has_data else r.state_label,
                "state": r.state_label,
            }
            for r in rows[:CHART_PROJECTS]
        ],
        "status": [
            {"key": status.value, "label": rules.STATUS_LABELS[status], "count": count}
            for status, count in (
                (rules.Status.MET, summary.met), (rules.Status.NOT_MET, summary.not_met),
                (rules.Status.NO_DATA, summary.no_data),
            )
        ],
    }
