"""Display filters: the forms of core.formatting for templates (a missing or unreadable value shows as —)."""
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from django import template
from django.template.defaultfilters import date
from django.utils.html import format_html

from core import formatting

register = template.Library()


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value)) if not isinstance(value, Decimal) else value
    except InvalidOperation:
        return None


def _shown(form: Callable[[Decimal | None], str]) -> Callable[[object], str]:
    def shown(value) -> str:
        return form(_decimal(value))

    shown.__doc__ = form.__doc__
    return shown


money = register.filter("money", _shown(formatting.money))  # 1386.3 → 1,386.30 (万元)
num2 = register.filter("num2", _shown(formatting.points))  # a score or points: 10 → 10.00
pct = register.filter("pct", _shown(formatting.percent))  # a fraction: 0.8523 → 85.23%
plain = register.filter("plain", _shown(formatting.plain))  # as entered: 150.0000 → 150
file_size = register.filter("file_size", formatting.file_size)  # 1572864 → 1.5 MB


@register.filter(expects_localtime=True)
def when(moment, time_format: str = "H:i") -> str:
    """A moment in a narrow column: its date and its time, each kept whole (app.css, td.when span), the time beneath
    the date when the column is too narrow for both; empty for no moment."""
    if not moment:
        return ""
    return format_html("<span>{}</span> <span>{}</span>", date(moment, "Y-m-d"), date(moment, time_format))
