"""What the evaluation workbook says, as rows of plain cells; workbook.py decides how they are written.

Every sheet is a `SheetSpec` whose rows are generated, header first, from one `evaluate()` call (the 汇总表 and the
自评表) or one streamed query per ledger table. A row is a list indexed by column: a `Cell`, or None for a cell
that this row leaves alone (empty, or covered by a merge that starts above or to the left).
"""
import datetime
import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from indicators import rules

CJK_WIDTH = 2.1  # a Chinese character is about two '0' widths of Calibri 11, the unit of column widths
LINE_HEIGHT = 15.0  # points per wrapped line of 11 pt text
MIN_HEIGHT = 18.0


@dataclass(frozen=True, slots=True)
class Formula:
    """A spreadsheet formula and the value the rules computed for it, stored as its cached result."""

    text: str
    cached: Decimal | int | str | None


@dataclass(frozen=True, slots=True)
class Cell:
    value: object = None  # str, int, Decimal, date, datetime, Formula or None (a formatted blank)
    style: str = "text"  # a style name of workbook.STYLES
    rows: int = 1  # merged down over this many rows
    cols: int = 1  # merged across this many columns


@dataclass(frozen=True, slots=True)
class Row:
    cells: list[Cell | None]
    height: float | None = None  # points; None lets the spreadsheet size the row


@dataclass
class SheetSpec:
    name: str
    rows: Iterable[Row]
    widths: Sequence[float]
    freeze_rows: int = 0
    freeze_cols: int = 0
    repeat_rows: tuple[int, int] | None = None  # first and last row printed at the top of every page
    autofilter: tuple[int, int, int, int | None] | None = None  # header row, first col, last col, last row (None: last written)
    landscape: bool = True
    ignore_numbers_as_text: bool = False  # published texts such as 「95」 in a text column stay text, unflagged


# --- Texts shared by the sheets ------------------------------------------------------------------------------------


def display_width(text: str) -> float:
    return sum(CJK_WIDTH if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def text_lines(text: str, width: float) -> int:
    """How many lines a wrapped text takes in a column `width` characters wide."""
    usable = max(width - 1.5, 1.0)
    return sum(max(1, math.ceil(display_width(part) / usable)) for part in (text or "").split("\n"))


def height_for(texts: Iterable[tuple[str, float]], *, rows: int = 1) -> float:
    """Row height (points) that shows every (text, column width) in full, shared over `rows` rows."""
    lines = max((text_lines(text, width) for text, width in texts if text), default=1)
    return max(MIN_HEIGHT, math.ceil(lines * LINE_HEIGHT / rows) + 3)


def target_text(operator: str, target: str, unit: str) -> str:
    """「≥ 150 人」, 「（定性）进一步提升」."""
    return " ".join(part for part in (operator or "（定性）", target, unit) if part)


def tier_text(line) -> str:
    """A 定性 actual: the tier and its percentage, e.g. 部分达成年度指标并具有一定效果（70%）."""
    percent = line.score.ratio * 100 if line.score.ratio is not None else None
    shown = f"（{rules.format_number(percent)}%）" if percent is not None else ""
    return rules.TIER_LABELS[rules.Tier(line.tier)] + shown


def actual_cell(line, style: str = "number") -> Cell:
    if line.tier:
        return Cell(tier_text(line), "wrap")
    return Cell(line.actual, style)


STATUS_STYLES = {"met": "met", "not_met": "not_met", "no_data": "no_data"}


def status_cell(line, **merge) -> Cell:
    return Cell(line.status_label, STATUS_STYLES[line.status], **merge)


def published_number(text: str) -> Decimal | str:
    """A published target as a number when the text is exactly a plain number (「95」), else the text as published."""
    try:
        number = Decimal(text)
    except ArithmeticError:
        return text
    return number if number.is_finite() and rules.format_plain(number) == text else text


def person(username: str, first_name: str, last_name: str) -> str:
    """「财务甲（finance）」: the name people know, with the unique login."""
    full = f"{first_name} {last_name}".strip()
    return f"{full}（{username}）" if full else username


def local(moment: datetime.datetime | None) -> datetime.datetime | None:
    """A stored time in the deployment's zone, without tzinfo (spreadsheets have no zones)."""
    return None if moment is None else timezone.localtime(moment).replace(tzinfo=None)


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_ref(row: int, col: int) -> str:
    """0-based (row, col) → A1 reference."""
    return f"{column_letter(col)}{row + 1}"

