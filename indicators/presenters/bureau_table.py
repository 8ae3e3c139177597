"""The bureau's department table as display strings, one dict per department.

A city has 100 to 1,000 departments of 16 cells each: the template reads each cell from a dict (one lookup) instead
of an attribute path through a filter, which is most of the page's rendering (docs/benchmarks.md, the bureau page).
What a cell says is decided by the same formatting as the `money`, `pct` and `num2` filters.
"""
from urllib.parse import quote

from core import formatting
from indicators.selectors.bureau import DepartmentRow


def table_row(row: DepartmentRow) -> dict[str, object]:
    t = row.totals
    code = row.department.code
    return {
        "code": code,
        "code_param": quote(code),  # as the `urlencode` filter quotes it: the department's dashboard link
        "name": row.department.name,
        "projects": t.projects,
        "budget": formatting.money(t.budget),
        "spent": formatting.money(t.spent),
        "execution_rate": formatting.percent(t.execution_rate),
        "level": row.level.value,
        "level_label": row.level_label,
        "met": t.met,
        "not_met": t.not_met,
        "no_data": t.no_data,
        "average_score": formatting.points(row.average_score),
        "grade": row.grade,
        "red_projects": row.red_projects,
        "yellow_projects": row.yellow_projects,
        "needs_explanation": t.needs_explanation,
        "submitted": row.submitted,
    }


def table_rows(rows: list[DepartmentRow]) -> list[dict[str, object]]:
    return [table_row(row) for row in rows]
