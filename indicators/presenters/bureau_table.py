"""The bureau's department table as display strings, one dict per department.

A city has 100 to 1,000 departments of 16 cells each: the template reads each cell from a dict (one lookup) instead
of an attribute path through a filter, which is most of the page's rendering (docs/benchmarks.md, the bureau page).
What a cell says is decided by the same formatting as the `money`, `pct` and `num2` filters. Counts are handed over
as strings too: the template localises every number it is given (`number_format`, the table's rendering halved when
it no longer does), which for a plain count only ever gives the same digits. And they are handed over safe: a
figure is digits, separators, a sign or a dash, with nothing to escape, so the template skips escaping 1,300 cells
of a 100-department city. Names and codes, which people type, are escaped as ever.
"""
from urllib.parse import quote

from django.utils.safestring import SafeString

from core import formatting
from indicators.selectors.bureau import DepartmentRow


def figure(text: str) -> SafeString:
    """A formatted number or count (core.formatting's output, or str() of an int): safe as it stands."""
    return SafeString(text)


def table_row(row: DepartmentRow) -> dict[str, object]:
    t = row.totals
    code = row.department.code
    return {
        "code": code,
        # As the `urlencode` filter quotes it (the department's dashboard link): %-escapes, nothing HTML reads.
        "code_param": SafeString(quote(code)),
        "name": row.department.name,
        "projects": figure(str(t.projects)),
        "budget": figure(formatting.money(t.budget)),
        "spent": figure(formatting.money(t.spent)),
        "execution_rate": figure(formatting.percent(t.execution_rate)),
        "level": SafeString(row.level.value),  # the rules' own words, never typed by anyone
        "level_label": SafeString(row.level_label),
        "met": figure(str(t.met)),
        "not_met": figure(str(t.not_met)),
        "no_data": figure(str(t.no_data)),
        "average_score": figure(formatting.points(row.average_score)),
        "grade": row.grade,
        "red_projects": figure(str(row.red_projects)),
        "yellow_projects": figure(str(row.yellow_projects)),
        "needs_explanation": figure(str(t.needs_explanation)),
        "submitted": figure(str(row.submitted)),
    }


def table_rows(rows: list[DepartmentRow]) -> list[dict[str, object]]:
    return [table_row(row) for row in rows]
