"""The bureau's department table as display strings, one dict per department.

A city has 100 to 1,000 departments of 16 cells each: the template reads each cell from a dict (one lookup) instead
of an attribute path through a filter, which is most of the page's rendering (docs/benchmarks.md, the bureau page).
What a cell says is decided by the same formatting as the `money`, `pct` and `num2` filters. Counts are handed over
as strings too: the template localises every number it is given (`number_format`, the table's rendering halved when
it no longer does), which for a plain count only ever gives the same digits.
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
        "projects": str(t.projects),
        "budget": formatting.money(t.budget),
        "spent": formatting.money(t.spent),
        "execution_rate": formatting.percent(t.execution_rate),
        "level": row.level.value,
        "level_label": row.level_label,
        "met": str(t.met),
        "not_met": str(t.not_met),
        "no_data": str(t.no_data),
        "average_score": formatting.points(row.average_score),
        "grade": row.grade,
        "red_projects": str(row.red_projects),
        "yellow_projects": str(row.yellow_projects),
        "needs_explanation": str(t.needs_explanation),
        "submitted": str(row.submitted),
    }


def table_rows(rows: list[DepartmentRow]) -> list[dict[str, object]]:
    return [table_row(row) for row in rows]
