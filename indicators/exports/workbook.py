"""The evaluation workbook: the projects evaluated a chunk at a time, one query per ledger and adjustment table.

Memory stays bounded whatever the number of indicators: the projects stream by in chunks of `CHUNK` (the 汇总表
gets each project's rows while that project's own sheet is written, then the project is let go), and
XlsxWriter's constant_memory mode keeps one row in memory per sheet. That mode flushes a row as soon as a later
row is written, which
`merge_range()` does by padding the rows below; merges are therefore registered here and their covered cells
written as formatted blanks when their own row comes.
"""
import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import xlsxwriter
from django.utils import timezone

from core.errors import DomainError
from indicators.exports import summary_sheet
from indicators.exports.adjustments_sheet import adjustments_sheet
from indicators.exports.ledger_sheet import ledger_sheet
from indicators.exports.names import SheetNames
from indicators.exports.rows import Cell, Formula, Row, SheetSpec, cell_ref
from indicators.exports.self_evaluation import self_evaluation_sheet
from indicators.exports.used_rows import UsedRows
from indicators.selectors.evaluation import evaluate_in_chunks, project_ids
from projects.in_force import adjustments_in_force_exist
from projects.models import Department, Indicator, Project

CHUNK = 200  # projects evaluated and held at once: one department's export in one go, a city's in bounded memory

FONT = {"font_name": "宋体", "font_size": 11}
CELL = {**FONT, "border": 1, "valign": "vcenter", "text_wrap": True}
STYLES: dict[str, dict] = {
    "text": {**CELL, "align": "left"},
    "wrap": {**CELL, "align": "left"},
    "center": {**CELL, "align": "center"},
    "wrap_center": {**CELL, "align": "center"},
    "header": {**CELL, "align": "center", "bold": True, "bg_color": "#D9E1F2"},
    "label": {**CELL, "align": "center", "bold": True, "bg_color": "#F2F2F2"},
    "title": {**FONT, "font_size": 16, "bold": True, "align": "center", "valign": "vcenter"},
    "form_title": {**FONT, "font_size": 18, "bold": True, "align": "center", "valign": "vcenter"},
    "subtitle": {**FONT, "align": "center", "valign": "vcenter"},
    "amount": {**CELL, "align": "right", "num_format": "#,##0.00"},
    "number": {**CELL, "align": "right", "num_format": "General"},
    "number_center": {**CELL, "align": "center", "num_format": "General"},
    "score": {**CELL, "align": "right", "num_format": "0.00"},
    "percent": {**CELL, "align": "right", "num_format": "0.00%"},
    "date": {**CELL, "align": "center", "num_format": "yyyy-mm-dd"},
    "datetime": {**CELL, "align": "center", "num_format": "yyyy-mm-dd hh:mm:ss"},
    "met": {**CELL, "align": "center", "font_color": "#1E7B34", "bg_color": "#E2F0D9"},
    "not_met": {**CELL, "align": "center", "font_color": "#C00000", "bg_color": "#FCE4E4"},
    "no_data": {**CELL, "align": "center", "font_color": "#595959", "bg_color": "#EDEDED"},
    "total_label": {**CELL, "align": "center", "bold": True, "bg_color": "#FFF2CC"},
    "total": {**CELL, "bg_color": "#FFF2CC"},
    "total_amount": {**CELL, "align": "right", "bold": True, "bg_color": "#FFF2CC", "num_format": "#,##0.00"},
    "total_score": {**CELL, "align": "right", "bold": True, "num_format": "0.00"},
    "grade": {**CELL, "align": "left", "bold": True, "font_size": 12},
    "note": {**FONT, "font_size": 10, "text_wrap": True, "valign": "top", "align": "left"},
}


@dataclass(frozen=True)
class ExportSummary:
    department: str
    year: int
    as_of: datetime.date
    projects: int
    indicators: int
    sheets: int


def download_name(*, department: Department, year: int) -> str:
    return f"{year}年{department.name}项目绩效目标完成情况.xlsx"


def write_evaluation_workbook(
    *, department: Department, year: int, as_of: datetime.date, output, chunk: int = CHUNK
) -> ExportSummary:
    """Writes the auditors' workbook of a department-year as of a date to a path or a binary file."""
    ids = project_ids(year=year, departments=[department])
    if not ids:
        raise DomainError(f"{department.name} {year} 年没有项目：请先导入项目绩效目标汇总表。")
    # Subqueries, not lists of ids: a city's department can have more projects than SQLite takes parameters.
    projects = Project.objects.filter(department=department, year=year)
    budget_adjusted, targets_adjusted = adjustments_in_force_exist(
        project_ids=projects.values("pk"), indicator_ids=Indicator.objects.filter(project__in=projects).values("pk"),
        as_of=as_of,
    )
    cols = summary_sheet.columns(budget_adjusted=budget_adjusted, targets_adjusted=targets_adjusted)
    names = SheetNames()
    fixed = {title: names.claim(title) for title in ("汇总表", "填报记录", "调整记录")}
    book = Book(output, title=download_name(department=department, year=year)[:-5])
    summary = book.sheet(summary_sheet.summary_layout(cols, name=fixed["汇总表"]))
    summary.write(summary_sheet.opening_rows(cols, year=year, as_of=as_of, department_name=department.name))
    totals, used, indicators = summary_sheet.Totals(), UsedRows(), 0
    for project in evaluate_in_chunks(year=year, as_of=as_of, ids=ids, chunk=chunk):
        summary.write(summary_sheet.project_rows(project, cols))
        book.write_sheet(self_evaluation_sheet(
            project, name=names.project(project.project.seq, project.project.name),
            department_name=department.name, as_of=as_of,
        ))
        totals.add(project)
        used.add(project)
        indicators += len(project.indicators)
    summary.write(summary_sheet.closing_rows(cols, totals, as_of=as_of))
    summary.close(autofilter_last_row=totals.last_data_row)
    book.write_sheet(ledger_sheet(used, department=department, year=year, name=fixed["填报记录"]))
    book.write_sheet(adjustments_sheet(used, department=department, year=year, name=fixed["调整记录"]))
    book.close()
    return ExportSummary(
        department=department.name, year=year, as_of=as_of, projects=len(ids), indicators=indicators,
        sheets=len(ids) + 3,
    )


class Book:
    """An XlsxWriter workbook in constant_memory mode with the styles of STYLES."""

    def __init__(self, output, *, title: str = ""):
        self.workbook = xlsxwriter.Workbook(output, {"constant_memory": True, "remove_timezone": True})
        self.workbook.set_properties({"title": title, "author": "预算绩效目标管理系统", "created": timezone.now()})
        self.styles = {name: self.workbook.add_format(props) for name, props in STYLES.items()}

    def sheet(self, spec: SheetSpec) -> "SheetWriter":
        """Adds a sheet to be written bit by bit (its `rows` are not read)."""
        return SheetWriter(self.workbook.add_worksheet(spec.name), spec, self.styles)

    def write_sheet(self, spec: SheetSpec) -> None:
        """Adds a sheet and writes all its rows."""
        writer = self.sheet(spec)
        writer.write(spec.rows)
        writer.close()

    def close(self) -> None:
        self.workbook.close()


class SheetWriter:
    """One sheet being written row after row; other sheets may be written between two calls of `write`."""

    def __init__(self, sheet, spec: SheetSpec, styles: dict):
        self.sheet, self.spec, self.styles = sheet, spec, styles
        for index, width in enumerate(spec.widths):
            self.sheet.set_column(index, index, width)
        _page_setup(self.sheet, spec)
        self.pending: dict[int, list[tuple[int, str]]] = defaultdict(list)  # row → covered cells of merges above
        self.next_row = 0

    def write(self, rows: Iterable[Row]) -> None:
        sheet, styles = self.sheet, self.styles
        for row in rows:
            number = self.next_row
            self.next_row += 1
            if row.height:
                sheet.set_row(number, row.height)
            for col, style in self.pending.pop(number, ()):
                sheet.write_blank(number, col, None, styles[style])
            for col, cell in enumerate(row.cells):
                if cell is not None:
                    _write_cell(sheet, number, col, cell, styles)
                    if cell.rows > 1 or cell.cols > 1:
                        _merge(sheet, number, col, cell, self.pending, styles)

    def close(self, *, autofilter_last_row: int | None = None) -> None:
        spec, sheet, last = self.spec, self.sheet, self.next_row - 1
        if spec.autofilter is not None:
            first_row, first_col, last_col, last_row = spec.autofilter
            last_row = autofilter_last_row if autofilter_last_row is not None else last_row
            sheet.autofilter(first_row, first_col, max(first_row, last if last_row is None else last_row), last_col)
        if spec.ignore_numbers_as_text and last >= 0:
            sheet.ignore_errors({"number_stored_as_text": f"A1:{cell_ref(last, len(spec.widths) - 1)}"})
        # Each constant_memory sheet holds an open temporary file until the workbook closes; a department with
        # thousands of projects would run out of file handles. XlsxWriter reopens it when it assembles the file.
        release = getattr(sheet, "_opt_close", None)
        if release is not None:
            release()


def _page_setup(sheet, spec: SheetSpec) -> None:
    if spec.landscape:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    sheet.center_horizontally()
    sheet.set_footer("&C第 &P 页，共 &N 页")
    if spec.repeat_rows is not None:
        sheet.repeat_rows(*spec.repeat_rows)
    if spec.freeze_rows or spec.freeze_cols:
        sheet.freeze_panes(spec.freeze_rows, spec.freeze_cols)


def _merge(sheet, row: int, col: int, cell: Cell, pending: dict, styles: dict) -> None:
    # What merge_range() records, without its padding (see the module docstring); ranges never overlap by layout.
    sheet.merge.append([row, col, row + cell.rows - 1, col + cell.cols - 1])
    for offset in range(1, cell.cols):
        sheet.write_blank(row, col + offset, None, styles[cell.style])
    for below in range(row + 1, row + cell.rows):
        pending[below].extend((col + offset, cell.style) for offset in range(cell.cols))


def _number(value) -> float | int:
    return float(value) if isinstance(value, Decimal) else value


def _write_cell(sheet, row: int, col: int, cell: Cell, styles: dict) -> None:
    value, style = cell.value, styles[cell.style]
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
        sheet.write_string(row, col, str(value), style)
