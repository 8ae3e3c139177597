"""The one Excel renderer of both workbooks: exporters yield sheets and their rows, this writes them (STYLE §6).

A workbook is a stream of `(Sheet, rows)` pairs, written in order. A sheet is complete once the stream moves on to
another sheet, unless it is `interleaved`: the 汇总表 gets each project's rows while that project's own sheet is
written, so it stays open until the workbook closes. With XlsxWriter's constant_memory mode that keeps one row in
memory per open sheet whatever the size of the department.

Text is always written as a string, never as a formula or markup, whatever it starts with: names, notes and reasons
come from clerks and imported tables, and `=HYPERLINK(…)` typed as a project name must stay those characters. Only a
`Formula` an exporter built is a formula.
"""
import datetime
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

import xlsxwriter
from django.utils import timezone
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from indicators.exports.fitting import figure_width, text_lines, wrapped_height

AUTHOR = "预算绩效目标管理系统"
A4, A3 = 9, 8  # XlsxWriter's paper sizes


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    return xl_col_to_name(index)


def cell_ref(row: int, col: int) -> str:
    """0-based (row, col) → A1 reference."""
    return xl_rowcol_to_cell(row, col)


@dataclass(frozen=True, slots=True)
class Formula:
    """A spreadsheet formula and the value the rules computed for it, stored as its cached result."""

    text: str
    cached: Decimal | int | str | None


@dataclass(slots=True)  # not frozen: a frozen dataclass pays object.__setattr__ per field, and a workbook has millions
class Cell:
    value: object = None  # str, int, Decimal, date, datetime, Formula or None (a formatted blank)
    style: str = "text"  # a style name of the workbook's palette (exports.styles)
    rows: int = 1  # merged down over this many rows
    cols: int = 1  # merged across this many columns


@dataclass(frozen=True, slots=True)
class Row:
    """A row indexed by column: a `Cell`, or None for a cell left alone (empty, or covered by a merge)."""

    cells: list[Cell | None]
    height: float | None = None  # points; None lets the spreadsheet size the row

    @classmethod
    def line(cls, *cells: Cell, height: float | None = None) -> "Row":
        """Cells laid out left to right; a cell merged across n columns is followed by the n - 1 it covers."""
        row: list[Cell | None] = []
        for cell in cells:
            row.append(cell)
            row.extend([None] * (cell.cols - 1))
        return cls(row, height=height)

    @classmethod
    def at(cls, cells: dict[int, Cell], *, height: float | None = None) -> "Row":
        """A row from cells placed by column; the columns between them are left alone."""
        row: list[Cell | None] = [None] * (max(cells, default=-1) + 1)
        for column, cell in cells.items():
            row[column] = cell
        return cls(row, height=height)


def rows_at(cells: dict[tuple[int, int], Cell], *, heights: dict[int, float] | None = None) -> list[Row]:
    """Rows from cells placed at (row, column), for a form whose layout names its positions; rows between are empty."""
    heights = heights or {}
    rows: list[dict[int, Cell]] = [{} for _ in range(max((row for row, _ in cells), default=-1) + 1)]
    for (row, column), cell in cells.items():
        rows[row][column] = cell
    return [Row.at(placed, height=heights.get(number)) for number, placed in enumerate(rows)]


@dataclass(frozen=True)
class Validation:
    """A drop-down over a range: XlsxWriter's data_validation options."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int
    options: dict


@dataclass(eq=False)
class Sheet:
    """A sheet's layout; its rows come separately. Printed on A4, one page wide, with page numbers."""

    name: str
    widths: Sequence[float]
    landscape: bool = True
    paper: int = A4
    freeze_rows: int = 0
    freeze_cols: int = 0
    repeat_rows: tuple[int, int] | None = None  # first and last row printed at the top of every page
    filter_row: int | None = None  # the header row of an autofilter over every column
    filter_skips_last: int = 0  # rows at the end the filter leaves out (合计, notes)
    hidden_columns: Sequence[int] = ()
    validations: Sequence[Validation] = ()
    ignore_numbers_as_text: bool = False  # published texts such as 「95」 in a text column stay text, unflagged
    interleaved: bool = False  # rows come in pieces with other sheets written between; closed with the workbook


def render(output: str | Path | BinaryIO, sheets: Iterable[tuple[Sheet, Iterable[Row]]], *, styles: dict[str, dict],
           title: str, constant_memory: bool) -> int:
    """Writes the (sheet, rows) stream to a path or a binary file with a palette of styles; returns the sheet count.

    constant_memory streams each row to a temporary file as the next one comes (large workbooks); without it the
    workbook is built in memory (small ones, no temporary files).
    """
    text_lines.cache_clear()  # measured texts are remembered for one workbook: a sheet's and this writer's measures
    mode = {"constant_memory": True} if constant_memory else {"in_memory": True}
    workbook = xlsxwriter.Workbook(str(output) if isinstance(output, Path) else output,
                                   {**mode, "remove_timezone": True})
    workbook.set_properties({"title": title, "author": AUTHOR, "created": timezone.now()})
    palette = {name: _Style.of(workbook.add_format(props), props) for name, props in styles.items()}
    writers: dict[str, _SheetWriter] = {}
    current: _SheetWriter | None = None
    for sheet, rows in sheets:
        writer = writers.get(sheet.name)
        if writer is None:
            writer = writers[sheet.name] = _SheetWriter(workbook.add_worksheet(sheet.name), sheet, palette)
        if current is not None and current is not writer and not current.layout.interleaved:
            current.close()
        current = writer
        writer.write(rows)
    for writer in writers.values():
        writer.close()
    workbook.close()
    return len(writers)


@dataclass(frozen=True, slots=True)
class _Style:
    """A style of the palette as the writer uses it: its XlsxWriter format, and what sizes rows and columns."""

    format: object
    wrap: bool
    font_size: float
    num_format: str

    @classmethod
    def of(cls, made, props: dict) -> "_Style":
        return cls(made, bool(props.get("text_wrap")), props.get("font_size", 11), props.get("num_format", "General"))


class _Merges:
    """A sheet's merged ranges as XlsxWriter reads them when it assembles the file (their count, then each as
    first row, first column, last row, last column), held as four integers each in one array: a department of 15,000
    projects has a million of them, which as lists would cost some 70 bytes each."""

    def __init__(self):
        self.numbers = array("l")

    def append(self, merged: Sequence[int]) -> None:
        self.numbers.extend(merged)

    def __len__(self) -> int:
        return len(self.numbers) // 4

    def __iter__(self):
        numbers = self.numbers
        return (tuple(numbers[i:i + 4]) for i in range(0, len(numbers), 4))


class _SheetWriter:
    """One sheet being written row after row; other sheets may be written between two calls of `write`."""

    def __init__(self, sheet, layout: Sheet, palette: dict[str, _Style]):
        self.sheet, self.layout, self.palette = sheet, layout, palette
        self.widths = list(layout.widths)  # widened at close where a date or an amount needs more room
        for index, width in enumerate(layout.widths):
            options = {"hidden": True} if index in layout.hidden_columns else None
            self.sheet.set_column(index, index, width, None, options)
        _page_setup(self.sheet, layout)
        self.sheet.merge = _Merges()
        self.pending: dict[int, list[tuple[int, str]]] = defaultdict(list)  # row → covered cells of merges above
        self.next_row = 0
        self.released = 0  # rows below this one hold no row record in XlsxWriter any more (_release_written_rows)
        self.closed = False

    def write(self, rows: Iterable[Row]) -> None:
        """Each row's cells in one pass: measured (the wrapped text's lines, the figure's width) and written; the row's
        height is set once its cells are known, before the next row flushes it to the file."""
        sheet, palette, pending, widths = self.sheet, self.palette, self.pending, self.widths
        set_row, write_blank, write_string, write_number = (
            sheet.set_row, sheet.write_blank, sheet.write_string, sheet.write_number)
        columns = len(widths)
        for row in rows:
            number = self.next_row
            self.next_row += 1
            fitted = 0.0
            if pending:
                for col, style in pending.pop(number, ()):
                    write_blank(number, col, None, palette[style].format)
            for col, cell in enumerate(row.cells):
                if cell is None:
                    continue
                style = palette[cell.style]
                value = cell.value
                kind = type(value)
                # The usual values first, each measured and written as the general case below would.
                if kind is str:
                    if not value:
                        write_blank(number, col, None, style.format)
                    else:
                        if style.wrap:
                            span = cell.cols
                            lines = text_lines(value, widths[col] if span == 1 and col < columns
                                               else sum(widths[col:col + span]))
                            if lines > 1:
                                fitted = max(fitted, wrapped_height(lines, style.font_size) / cell.rows)
                        if value.startswith("<r>") and value.endswith("</r>"):
                            write_text(sheet, number, col, value, style.format)
                        else:
                            write_string(number, col, value, style.format)
                elif value is None:
                    write_blank(number, col, None, style.format)
                elif kind is Decimal or kind is int:
                    if cell.cols == 1 and col < columns:
                        needed = figure_width(value, style.num_format)
                        if needed > widths[col]:
                            widths[col] = needed
                    write_number(number, col, float(value) if kind is Decimal else value, style.format)
                else:
                    fitted = max(fitted, self._fit(col, cell, style))
                    _write_cell(sheet, number, col, cell, style.format)
                if cell.rows > 1 or cell.cols > 1:
                    self._merge(number, col, cell)
            # After the row's cells, as XlsxWriter allows: constant_memory writes a row out when the next one starts.
            height = max(row.height or 0, fitted)
            if height:
                set_row(number, height)
        self._release_written_rows()

    def _release_written_rows(self) -> None:
        """constant_memory has written every row before the current one to the sheet's file, yet XlsxWriter keeps each
        row's height (row_info; row_sizes, which only images and comments read) until the workbook closes: some 9 kB
        a 自评表, which a department of 15,000 projects would hold all at once. The current row keeps its own."""
        sheet = self.sheet
        if not sheet.constant_memory:
            return
        written = sheet.previous_row
        row_info, row_sizes = sheet.row_info, sheet.row_sizes
        for row in range(self.released, written):
            row_info.pop(row, None)
            row_sizes.pop(row, None)
        self.released = max(self.released, written)

    def _fit(self, col: int, cell: Cell, style: _Style) -> float:
        """Any other value (a date, a float, a formula, a text of a str subclass): widens its column for a figure;
        returns the points a wrapped text needs, 0 otherwise."""
        value, widths = cell.value, self.widths
        if isinstance(value, Formula):
            return 0.0
        if isinstance(value, str):
            if value and style.wrap:
                lines = text_lines(value, sum(widths[col:col + cell.cols]))
                if lines > 1:
                    return wrapped_height(lines, style.font_size) / cell.rows
            return 0.0
        if cell.cols == 1 and col < len(widths):
            needed = figure_width(value, style.num_format)
            if needed is not None and needed > widths[col]:
                widths[col] = needed
        return 0.0

    def _merge(self, row: int, col: int, cell: Cell) -> None:
        # What merge_range() records, without writing its value (that would be write(): a text starting with "="
        # becomes a formula) and without padding the rows below, which constant_memory would flush at once: their
        # covered cells are written as formatted blanks when their own row comes. Ranges never overlap by layout.
        self.sheet.merge.append((row, col, row + cell.rows - 1, col + cell.cols - 1))
        for offset in range(1, cell.cols):
            self.sheet.write_blank(row, col + offset, None, self.palette[cell.style].format)
        for below in range(row + 1, row + cell.rows):
            self.pending[below].extend((col + offset, cell.style) for offset in range(cell.cols))

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        layout, sheet, last = self.layout, self.sheet, self.next_row - 1
        for index, (width, planned) in enumerate(zip(self.widths, layout.widths, strict=True)):
            if width > planned and index not in layout.hidden_columns:
                sheet.set_column(index, index, width)
        if layout.filter_row is not None:
            last_row = max(layout.filter_row, last - layout.filter_skips_last)
            sheet.autofilter(layout.filter_row, 0, last_row, len(layout.widths) - 1)
        for check in layout.validations:
            sheet.data_validation(check.first_row, check.first_col, check.last_row, check.last_col, check.options)
        if layout.ignore_numbers_as_text and last >= 0:
            sheet.ignore_errors({"number_stored_as_text": f"A1:{cell_ref(last, len(layout.widths) - 1)}"})
        # Each constant_memory sheet holds an open temporary file until the workbook closes; a department with
        # thousands of projects would run out of file handles. XlsxWriter reopens it when it assembles the file.
        release = getattr(sheet, "_opt_close", None)
        if release is not None and sheet.constant_memory:
            release()
            # Dicts keep their size when emptied: the sheet's row records and merges pending are made afresh, small.
            written = sheet.previous_row
            sheet.row_info = {row: info for row, info in sheet.row_info.items() if row >= written}
            sheet.row_sizes = {row: size for row, size in sheet.row_sizes.items() if row >= written}
        self.pending = defaultdict(list)


def _page_setup(sheet, layout: Sheet) -> None:
    if layout.landscape:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.set_paper(layout.paper)
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    sheet.center_horizontally()
    sheet.set_footer("&C第 &P 页，共 &N 页")
    if layout.repeat_rows is not None:
        sheet.repeat_rows(*layout.repeat_rows)
    if layout.freeze_rows or layout.freeze_cols:
        sheet.freeze_panes(layout.freeze_rows, layout.freeze_cols)


def _number(value) -> float | int:
    return float(value) if isinstance(value, Decimal) else value


def _write_cell(sheet, row: int, col: int, cell: Cell, style) -> None:
    value = cell.value
    if isinstance(value, Formula):
        cached = value.cached
        sheet.write_formula(row, col, value.text, style, _number(cached) if cached is not None else "")
    elif value is None or value == "":
        sheet.write_blank(row, col, None, style)
    elif isinstance(value, bool):
        sheet.write_string(row, col, "是" if value else "否", style)
    elif isinstance(value, (Decimal, int, float)):
        sheet.write_number(row, col, _number(value), style)
    elif isinstance(value, (datetime.date, datetime.datetime)):
        sheet.write_datetime(row, col, value, style)
    else:
        write_text(sheet, row, col, str(value), style)


def write_text(sheet, row: int, col: int, text: str, style) -> None:
    """A text as the characters it is. XlsxWriter copies a string shaped `<r>…</r>` into the file's XML unescaped
    (its own marker of a rich string), so such a text could add cells, formulas included, or break the file; it is
    written as a rich string of two runs in the cell's own font instead, which XlsxWriter escapes."""
    if text.startswith("<r>") and text.endswith("</r>"):
        sheet.write_rich_string(row, col, text[:1], style, text[1:], style)
    else:
        sheet.write_string(row, col, text, style)
