"""The evaluation workbook: one `evaluate()` call, one query per ledger and adjustment table, rows written in order.

XlsxWriter's constant_memory mode keeps one row in memory per sheet, so the workbook is built in bounded memory
whatever the number of indicators. That mode flushes a row as soon as a later row is written, which
`merge_range()` does by padding the rows below; merges are therefore registered here and their covered cells
written as formatted blanks when their own row comes.
"""
import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

import xlsxwriter
from django.utils import timezone

from indicators.exports.adjustments_sheet import adjustments_sheet
from indicators.exports.ledger_sheet import ledger_sheet
from indicators.exports.names import SheetNames
from indicators.exports.rows import Cell, Formula, SheetSpec, cell_ref
from indicators.exports.self_evaluation import self_evaluation_sheet
from indicators.exports.summary_sheet import summary_sheet
from indicators.selectors.evaluation import Evaluation, evaluate
from projects.errors import DomainError
from projects.models import Department

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


def write_evaluation_workbook(*, department: Department, year: int, as_of: datetime.date, output) -> ExportSummary:
    """Writes the auditors' workbook of a department-year as of a date to a path or a binary file."""
    evaluation = evaluate(year=year, as_of=as_of, departments=[department])
    if not evaluation.projects:
        raise DomainError(f"{department.name} {year} 年没有项目：请先导入项目绩效目标汇总表。")
    names = SheetNames()
    fixed = {title: names.claim(title) for title in ("汇总表", "填报记录", "调整记录")}
    sheets = [
        summary_sheet(evaluation, department_name=department.name, name=fixed["汇总表"]),
        *_project_sheets(evaluation, names=names, department_name=department.name),
        ledger_sheet(evaluation, department=department, name=fixed["填报记录"]),
        adjustments_sheet(evaluation, department=department, name=fixed["调整记录"]),
    ]
    count = render(sheets, output, title=download_name(department=department, year=year)[:-5])
    return ExportSummary(
        department=department.name, year=year, as_of=as_of, projects=len(evaluation.projects),
        indicators=sum(len(p.indicators) for p in evaluation.projects), sheets=count,
    )


def _project_sheets(evaluation: Evaluation, *, names: SheetNames, department_name: str) -> Iterator[SheetSpec]:
    for project in evaluation.projects:
        yield self_evaluation_sheet(
            project, name=names.project(project.project.seq, project.project.name),
            department_name=department_name, as_of=evaluation.as_of,
        )


def render(sheets: Iterable[SheetSpec], output, *, title: str = "") -> int:
    """Writes the sheets in order; returns how many were written."""
    workbook = xlsxwriter.Workbook(output, {"constant_memory": True, "remove_timezone": True})
    workbook.set_properties({"title": title, "author": "预算绩效目标管理系统", "created": timezone.now()})
    styles = {name: workbook.add_format(props) for name, props in STYLES.items()}
    count = 0
    for spec in sheets:
        _write_sheet(workbook, spec, styles)
        count += 1
    workbook.close()
    return count


def _write_sheet(workbook, spec: SheetSpec, styles: dict) -> None:
    sheet = workbook.add_worksheet(spec.name)
    for index, width in enumerate(spec.widths):
        sheet.set_column(index, index, width)
    _page_setup(sheet, spec)
    pending: dict[int, list[tuple[int, str]]] = defaultdict(list)  # row → covered cells of merges from above
    last = -1
    for number, row in enumerate(spec.rows):
        last = number
        if row.height:
            sheet.set_row(number, row.height)
        for col, style in pending.pop(number, ()):
            sheet.write_blank(number, col, None, styles[style])
        for col, cell in enumerate(row.cells):
            if cell is not None:
                _write_cell(sheet, number, col, cell, styles)
                if cell.rows > 1 or cell.cols > 1:
                    _merge(sheet, number, col, cell, pending, styles)
    if spec.autofilter is not None:
        first_row, first_col, last_col, last_row = spec.autofilter
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
