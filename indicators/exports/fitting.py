"""How much room a printed cell needs: wrapped lines of text, and the width of a date or an amount.

The renderer sizes every row and column from these, so that a long 说明 never runs over the next row and a date
never prints as `###` (issue #17). Estimates from character widths: a Chinese character is about two '0's.
"""
import datetime
import functools
import math
import unicodedata
from decimal import Decimal

CJK_WIDTH = 2.1  # a Chinese character is about two '0' widths of Calibri 11, the unit of column widths
LINE_HEIGHT = 15.0  # points per wrapped line of 11 pt text
MIN_HEIGHT = 18.0
PADDING = 2.0  # a column this much wider than its widest figure never shows ###


class _CharWidths(dict):
    """Character → its width, looked up in the Unicode tables the first time a character is met."""

    def __missing__(self, char: str) -> float:
        width = self[char] = CJK_WIDTH if unicodedata.east_asian_width(char) in "WF" else 1
        return width


_WIDTHS = _CharWidths()


def display_width(text: str) -> float:
    if text.isascii():
        return len(text)
    # Summed character by character, in order, as before: the same float, so the same row heights.
    return sum(map(_WIDTHS.__getitem__, text))


@functools.lru_cache(maxsize=4096)
def text_lines(text: str, width: float) -> int:
    """How many lines a wrapped text takes in a column `width` characters wide. Cached for one workbook (the renderer
    empties the cache): a sheet sizes its row from a text, the renderer measures it again, and labels repeat."""
    usable = max(width - 1.5, 1.0)
    return sum(max(1, math.ceil(display_width(part) / usable)) for part in (text or "").split("\n"))


def wrapped_height(lines: int, font_size: float) -> float:
    """Points for `lines` lines of text in a font of `font_size` points."""
    return max(MIN_HEIGHT, math.ceil(lines * LINE_HEIGHT * font_size / 11) + 3)


def figure_width(value, num_format: str) -> float | None:
    """Characters a date, time or number needs in its format; None for text (it wraps instead)."""
    if isinstance(value, datetime.date):  # a datetime too: as wide as its format prints it
        shown = num_format if "y" in num_format else "yyyy-mm-dd hh:mm:ss"
        return len(shown) + PADDING
    if isinstance(value, (int, Decimal, float)) and not isinstance(value, bool):
        if num_format in ("#,##0.00", "0.00"):
            return len(f"{Decimal(value):,.2f}") + PADDING
        if num_format == "0.00%":
            return len(f"{Decimal(value) * 100:.2f}%") + PADDING
        return len(format(Decimal(value), "f")) + PADDING
    return None
