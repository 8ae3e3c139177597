"""Display of the rules' numbers: the only place they are rounded (2 places, ROUND_HALF_UP)."""
from decimal import ROUND_HALF_UP, Decimal

from indicators.rules.numbers import HUNDRED, _precise

# --- Display (the only place numbers are rounded) -----------------------------------------------------------------


def _strip_zeros(text: str) -> str:
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


@_precise
def format_number(value: Decimal, places: int = 2) -> str:
    """Rounded half up for display, trailing zeros dropped: 9.2593 → '9.26', 10.00 → '10'."""
    return _strip_zeros(f"{value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP):f}")


@_precise
def format_percent(fraction: Decimal, places: int = 2) -> str:
    """A fraction as a percentage for display: 0.925925… → '92.59%'."""
    return f"{format_number(fraction * HUNDRED, places)}%"


@_precise
def format_amount(value: Decimal) -> str:
    """An amount in 万元 for display, 2 places with thousands separators: 1386.3 → '1,386.30'."""
    return f"{value.quantize(Decimal('0.01'), ROUND_HALF_UP):,}"


def format_plain(value: Decimal) -> str:
    """A number as entered, never rounded nor in exponent form: 1E+2 → '100', 13.5000 → '13.5'."""
    return _strip_zeros(f"{value:f}")
