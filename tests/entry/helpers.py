"""Building the entry form's POST data the way the page sends it."""
import datetime

from indicators.models import ExpenditureReport, IndicatorReport
from indicators.services.common import latest_row
from projects.models import Project


def entry_url(project: Project) -> str:
    return f"/entry/{project.pk}/"


def preview_url(project: Project) -> str:
    return f"/entry/{project.pk}/preview/"


def seen_ids(project: Project) -> dict[str, str]:
    """The hidden fields a page loaded now would carry: the id of each line's current row, or blank."""
    data = {}
    for indicator in project.indicators.all():
        row = latest_row(list(IndicatorReport.objects.filter(indicator=indicator)))
        data[f"ind-{indicator.pk}-seen"] = str(row.id) if row else ""
    row = latest_row(list(ExpenditureReport.objects.filter(project=project)))
    data["exp-seen"] = str(row.id) if row else ""
    return data


def entry_data(project: Project, lines: dict | None = None, *, as_of: str = "2026-12-20", amount: str = "",
               seen: dict[str, str] | None = None, **expenditure) -> dict[str, str]:
    """lines: {order: "170人"} or {order: {"value"/"tier"/"tier_percent"/"note"/"reason": text}}."""
    data = {"as_of": as_of, **(seen_ids(project) if seen is None else seen), "exp-amount": amount}
    data.update({f"exp-{name}": text for name, text in expenditure.items()})
    by_order = {i.order: i for i in project.indicators.all()}
    for order, typed in (lines or {}).items():
        fields = typed if isinstance(typed, dict) else {"value": typed}
        for name, text in fields.items():
            data[f"ind-{by_order[order].pk}-{name}"] = text
    return data


def field(project: Project, order: int, name: str = "value") -> str:
    return f"ind-{project.indicators.get(order=order).pk}-{name}"


D = datetime.date
