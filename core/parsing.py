"""Tolerant number parsing for what clerks type (full-width digits, 1,000, 95%, 162人); no Django, never float."""
import datetime
import re
from decimal import Decimal

# What a Chinese input method produces in place of ASCII: full-width digits, signs, point, comma, percent.
_TO_ASCII = str.maketrans(
    {**{chr(0xFF10 + d): str(d) for d in range(10)}, "＋": "+", "－": "-", "−": "-", "．": ".", "，": ",",
     "％": "%", "﹪": "%"}
)
_NUMBER = re.compile(r"(?P<sign>[+-]?)(?P<int>[0-9,]*)(?:\.(?P<frac>[0-9]*))?")
_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")
# A unit typed after the number: CJK, letters, %, and the separators of units like 元/平方米/月.
_TRAILING_UNIT = re.compile(r"[%/·A-Za-z\u3400-\u9fff]+$")
_EXPONENT = re.compile(r"[0-9.][eE][+-]?[0-9]")
_NOT_FINITE = re.compile(r"[+-]?(s?nan[0-9]*|inf(inity)?)", re.IGNORECASE)


class ParseError(ValueError):
    """Text that is not an acceptable number; the message (Chinese) can be shown to the clerk as it is."""


def _squeeze(text: str) -> str:
    return "".join(text.translate(_TO_ASCII).split())


def _strip_unit(text: str, unit: str, original: str) -> str:
    """The text without its trailing unit: the indicator's own (even doubled, `5% %`), or any unit if none given."""
    own = _squeeze(unit)
    if own:
        while text.endswith(own) and len(text) > len(own):
            text = text[: -len(own)]
    typed = _TRAILING_UNIT.search(text)
    if typed is None or typed.start() == 0:
        return text
    if own:
        # 20万人 typed where the unit is 人 is 200,000 people, not 20: refuse rather than guess.
        raise ParseError(f"单位应为「{unit.strip()}」，请按该单位只填数字：'{original}'")
    return text[: typed.start()]


def parse_decimal(
    text: str | None,
    *,
    max_digits: int = 18,
    decimal_places: int = 4,
    allow_negative: bool = True,
    unit: str = "",
) -> Decimal | None:
    """The number a clerk typed, or None for a blank; ParseError (Chinese message) for anything else.

    Accepts full-width digits and signs, thousands separators (`1,000`, `1，000`), spaces anywhere, a trailing
    percent sign (`95%` is 95: the % is the unit) and a trailing unit (`162人`; when `unit` is given, only that
    unit, possibly doubled as in `5% %`). Refuses NaN, infinities, exponents, too many digits and, unless
    allowed, negatives.
    """
    if text is None or not text.strip():
        return None
    squeezed = _squeeze(text)
    if _NOT_FINITE.fullmatch(squeezed):
        raise ParseError(f"请输入有限的数字：'{text}'")
    if _EXPONENT.search(squeezed):
        raise ParseError(f"请直接输入数字，不要用科学计数法：'{text}'")
    match = _NUMBER.fullmatch(_strip_unit(squeezed, unit, text))
    if match is None or not (match["int"] or match["frac"]):
        raise ParseError(f"请输入数字：'{text}'")
    whole = match["int"]
    if "," in whole:
        if not _GROUPED.fullmatch(whole):
            raise ParseError(f"千分位逗号的位置不对（小数点请用“.”）：'{text}'")
        whole = whole.replace(",", "")
    fraction = (match["frac"] or "").rstrip("0")  # 1.50 has one decimal place that matters
    if len(fraction) > decimal_places:
        raise ParseError(f"最多 {decimal_places} 位小数：'{text}'")
    int_digits = max_digits - decimal_places
    if len(whole.lstrip("0")) > int_digits:
        raise ParseError(f"整数部分最多 {int_digits} 位：'{text}'")
    value = Decimal(f"{whole or '0'}.{fraction}" if fraction else whole)
    if value == 0:
        return Decimal(0)  # no "-0"
    if match["sign"] == "-":
        if not allow_negative:
            raise ParseError(f"不能为负数：'{text}'")
        value = -value
    return value


def parse_date(raw: str | None) -> datetime.date | None:
    """An ISO date (2026-07-31) as typed into a form, an address or a command line; None when it is none."""
    try:
        return datetime.date.fromisoformat(raw.strip()) if raw else None
    except ValueError:
        return None


_WHOLE = re.compile(r"[0-9]{1,18}(?:\.0*)?")  # `12.0`: how a spreadsheet hands over a whole number


def parse_whole_number(text: str | None) -> int | None:
    """A row, line or record number as typed: digits (ASCII or full-width), else None.

    int() and Decimal() would also read `1_0` as 10, `+1`, ` 1e1` or other scripts' digits (`١٠`): none of those
    is a number anyone types into a 序号 column.
    """
    squeezed = "".join((text or "").translate(_TO_ASCII).split())
    if not _WHOLE.fullmatch(squeezed):
        return None
    return int(squeezed.split(".")[0])
