"""The dashboard's chart data: plain JSON for json_script; numbers as strings so no float is made on this side."""
from typing import TYPE_CHECKING

from core.formatting import cents
from indicators import rules
from indicators.selectors.dashboard_table import ProjectRow

if TYPE_CHECKING:
    from indicators.selectors.dashboard import DashboardSummary

CHART_PROJECTS = 30  # bars beyond this are unreadable; the charts follow the table's order, so sorting picks them


def chart_data(summary: "DashboardSummary", rows: list[ProjectRow]) -> dict:
    return {
        "project_count": len(rows),
        "projects": [
            {
                "label": f"{r.project.seq}. {r.project.name}",
                "budget": cents(r.budget),
                "spent": cents(r.evaluation.spent or rules.ZERO),
                "score": cents(r.evaluation.total),
                "grade": r.evaluation.grade,
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
