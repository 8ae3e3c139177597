"""How numbers are shown, in one place: pages (template filters), JSON and the API, the `evaluate` table, charts.

Plain Python over Decimal, no Django. Rounding is ROUND_HALF_UP and happens only here; the figures themselves keep
full precision. One form for each kind of figure:
- scores and points: 2 places, `points(10)` → '10.00';
- money in 万元: 2 places with thousands separators, `money(1386.3)` → '1,386.30';
- percentages of a fraction: 2 places, `percent(0.8523)` → '85.23%';
- a value as entered (actuals, targets, weights): never rounded, `plain(150.0000)` → '150';
- machines (JSON, the API, chart data): `decimal_string` at full precision, `cents` at 2 places, never an exponent.
`compact` and `compact_percent` are for numbers inside a sentence (the rules' explanations: '得 10 分').
A missing figure (None) is shown as EMPTY.
"""
from decimal import ROUND_HALF_UP, Context, Decimal

EMPTY = "—"
ONE = Decimal(1)
HUNDRED = Decimal(100)
# Wide enough for any amount or score this system holds, whatever the caller's context.
_CONTEXT = Context(prec=40, rounding=ROUND_HALF_UP)


def _rounded(value: Decimal, places: int = 2, *, scale: Decimal = ONE) -> Decimal:
    """value × scale rounded half up to `places`, computed in the module's own context (not the caller's)."""
    if scale != ONE:
        value = _CONTEXT.multiply(value, scale)
    return value.quantize(ONE.scaleb(-places, _CONTEXT), ROUND_HALF_UP, _CONTEXT)


def _strip_zeros(text: str) -> str:
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def points(value: Decimal | None) -> str:
    """A score or points, 2 places: 10 → '10.00', 9.2593 → '9.26'."""
    return EMPTY if value is None else f"{_rounded(value):f}"


def money(value: Decimal | None) -> str:
    """An amount in 万元, 2 places with thousands separators: 1386.3 → '1,386.30'."""
    return EMPTY if value is None else f"{_rounded(value):,f}"


def percent(fraction: Decimal | None) -> str:
    """A fraction as a percentage, 2 places: 0.8523 → '85.23%', 1 → '100.00%'."""
    return EMPTY if fraction is None else f"{_rounded(fraction, scale=HUNDRED):f}%"


def plain(value: Decimal | None) -> str:
    """A number as entered, never rounded nor in exponent form: 1E+2 → '100', 13.5000 → '13.5'."""
    return EMPTY if value is None else _strip_zeros(f"{value:f}")


def compact(value: Decimal, places: int = 2) -> str:
    """Rounded for a sentence, trailing zeros dropped: 9.2593 → '9.26', 10.00 → '10'."""
    return _strip_zeros(f"{_rounded(value, places):f}")


def compact_percent(fraction: Decimal, places: int = 2) -> str:
    """A fraction as a percentage in a sentence: 0.925925… → '92.59%', 1.4 → '140%'."""
    return f"{_strip_zeros(f'{_rounded(fraction, places, scale=HUNDRED):f}')}%"


def decimal_string(value: Decimal | None) -> str | None:
    """Full precision for machines (JSON, the API), never exponent notation: Decimal('1E+1') → '10'."""
    return None if value is None else format(value, "f")


def cents(value: Decimal | None) -> str | None:
    """2 places without separators, for chart data that JavaScript reads with Number(): '1386.30'."""
    return None if value is None else f"{_rounded(value):f}"


def file_size(size: int | None) -> str:
    """A file's size as people read it: '380 字节', '512 KB', '1.5 MB', '20 MB' (1 KB = 1024 字节, one decimal,
    half up, in whole numbers: no float)."""
    if size is None:
        return EMPTY
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            tenths = (size * 10 + scale // 2) // scale
            whole, tenth = divmod(tenths, 10)
            return f"{whole}.{tenth} {unit}" if tenth else f"{whole} {unit}"
    return f"{size} 字节"
