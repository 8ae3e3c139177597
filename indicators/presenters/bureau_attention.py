"""The bureau's attention lists (最需关注) as display strings: the departments and the projects that most need it.

As the department table (presenters/bureau_table.py), each entry is a dict of ready strings, so the template reads
one key per figure instead of an attribute path through a number filter.
"""
from urllib.parse import quote

from core import formatting
from indicators.presenters.bureau_table import figure
from indicators.selectors.bureau import BureauView


def attention_lists(view: BureauView) -> dict[str, list[dict[str, object]]]:
    departments = [{
        "name": row.department.name,
        "code_param": quote(row.department.code),  # as the `urlencode` filter quotes it
        "red_projects": figure(str(row.red_projects)),
        "needs_explanation": figure(str(row.totals.needs_explanation)),
        "average_score": figure(formatting.points(row.average_score)),
    } for row in view.concerns]
    projects = [{
        "pk": concern.project.pk,
        "label": f"{concern.project.department.name} · {concern.project.seq}. {concern.project.name}",
        "total": figure(formatting.points(concern.project.total)),
        "grade": concern.project.grade,
        "reasons": concern.reasons,
    } for concern in view.projects]
    return {"departments": departments, "projects": projects}
