"""Texts and cells the sheets of the evaluation workbook share: target and tier texts, people, times, row heights.

Each sheet's rows are generated, header first, from one `evaluate()` call (the 汇总表 and the 自评表) or one streamed
query per ledger table; the renderer (exports.renderer) writes them.
"""
import datetime
import math
from collections.abc import Iterable
from decimal import Decimal

from django.utils import timezone

from indicators import rules
from indicators.exports.fitting import LINE_HEIGHT, MIN_HEIGHT, display_width, text_lines  # noqa: F401 (shared)
from indicators.exports.renderer import Cell, Row, Sheet


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


def record_sheet(name: str, columns: list[tuple[str, float]]) -> Sheet:
    """A list of records (填报记录, 调整记录): one header row, repeated on every page, frozen with the first three
    columns, filtered."""
    return Sheet(name=name, widths=[width for _, width in columns], freeze_rows=1, freeze_cols=3,
                 repeat_rows=(0, 0), filter_row=0)


def header_row(columns: list[tuple[str, float]]) -> Row:
    return Row([Cell(header, "header") for header, _ in columns], height=30)
