"""Display filters: amounts in 万元 with 2 places, rates as percentages. Rounding happens only here."""
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

register = template.Library()
CENT = Decimal("0.01")


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value)) if not isinstance(value, Decimal) else value
    except InvalidOperation:
        return None


@register.filter
def money(value) -> str:
    """1386.3 → 1,386.30 (万元)."""
    number = _decimal(value)
    return "—" if number is None else f"{number.quantize(CENT, ROUND_HALF_UP):,}"


@register.filter
def num2(value) -> str:
    """A score or points with 2 places."""
    number = _decimal(value)
    return "—" if number is None else f"{number.quantize(CENT, ROUND_HALF_UP)}"


@register.filter
def pct(value) -> str:
    """A fraction as a percentage: 0.8523 → 85.23%."""
    number = _decimal(value)
    return "—" if number is None else f"{(number * 100).quantize(CENT, ROUND_HALF_UP)}%"


@register.filter
def plain(value) -> str:
    """A measured value without trailing zeros: 150.0000 → 150, 13.5000 → 13.5."""
    number = _decimal(value)
    if number is None:
        return "—"
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
