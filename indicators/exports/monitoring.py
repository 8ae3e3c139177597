"""The 监控表 workbook: 「监控汇总」 and one sheet per project in the 财预〔2019〕136号 layout (DOMAIN §5).

Rows are built as (value, style) cells from the monitoring selector; `_Renderer` turns styles into XlsxWriter
formats. Levels are written as text and as a cell fill; what a project owner fills in is tinted, and the
import (indicators.monitoring_import) reads it back from the same places (exports.monitoring_layout).
"""
import datetime
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

import xlsxwriter

from indicators import rules
from indicators.exports import monitoring_layout as L
from indicators.selectors.monitoring import MonitoringRound, RoundProject, SheetLine, monitoring_round
from indicators.services.monitoring import LIKELIHOOD_LABELS
from projects.models import Department

Cell = tuple[object, str]  # (value, style name)
LEVEL_FILLS = {rules.Level.GREEN: "#E3F6E8", rules.Level.YELLOW: "#FFF4D1", rules.Level.RED: "#FDE7E6",
               rules.Level.NONE: "#EEF1F4"}
INPUT_FILL = "#FFFDF0"
COLUMN_WIDTHS = {0: 12, 1: 14, 2: 30, 3: 16, 4: 14, 5: 10, 6: 16, 7: 14, **{c: 7 for c in L.REASON_COLUMNS.values()},
                 L.OTHER_TEXT_COLUMN: 16, L.LIKELIHOOD_COLUMN: 13, L.MEASURES_COLUMN: 32, L.STATUS_COLUMN: 8}


def _level(level: rules.Level) -> Cell:
    return rules.LEVEL_LABELS[level], f"level_{level.value}"


def _note_cells(line: SheetLine) -> dict[int, Cell]:
    """Columns H..R of a line: the current note as the owner will see and edit it."""
    note = line.note
    money = line.is_budget
    cells: dict[int, Cell] = {
        L.FORECAST_COLUMN: (note.forecast if note and note.forecast is not None else None,
                            "input_money" if money else ("input_blocked" if line.qualitative else "input_number")),
        L.OTHER_TEXT_COLUMN: (note.reason_other_text if note else "", "input_text"),
        L.LIKELIHOOD_COLUMN: (LIKELIHOOD_LABELS.get(note.likelihood, "") if note else "", "input_center"),
        L.MEASURES_COLUMN: (note.measures if note else "", "input_text"),
        L.STATUS_COLUMN: (L.NEEDS_EXPLANATION if line.needs_explanation else "", "status"),
        L.NOTE_ID_COLUMN: (note.pk if note else None, "text"),
    }
    for code, column in L.REASON_COLUMNS.items():
        cells[column] = (L.TICK if note and code in note.reasons else "", "input_center")
    return cells


def budget_row(project: RoundProject, time_progress: Decimal) -> dict[int, Cell]:
    evaluation, line = project.evaluation, project.lines[0]
    return {
        0: ("年度资金总额", "label"),
        1: (evaluation.project.budget, "money"),
        2: (evaluation.budget.budget, "money"),
        3: (evaluation.spent, "money"),
        4: (line.progress, "percent"),
        5: (time_progress, "percent"),
        6: _level(line.level),
        **_note_cells(line),
    }


def indicator_row(line: SheetLine) -> dict[int, Cell]:
    actual: Cell = (line.tier_label, "text") if line.qualitative else (line.actual, "number")
    return {
        0: (line.level1, "text"),
        1: (line.level2, "text"),
        2: (line.name, "text"),
        3: (line.target_text, "text"),
        4: actual,
        5: (line.progress, "percent"),
        6: _level(line.level),
        **_note_cells(line),
    }


def summary_row(project: RoundProject, sheet: str) -> list[Cell]:
    evaluation = project.evaluation
    return [
        (evaluation.project.seq, "integer"), (evaluation.project.name, "text"), (evaluation.budget.budget, "money"),
        (evaluation.spent, "money"), (evaluation.budget_progress, "percent"), _level(evaluation.budget_level),
        _level(project.level), (project.green, "integer"), (project.yellow, "integer"), (project.red, "integer"),
        (project.needs_explanation, "integer"), (evaluation.total, "score"), (evaluation.forecast_score, "score"),
        (sheet, "text"),
    ]


class _Renderer:
    def __init__(self, workbook: xlsxwriter.Workbook):
        self.workbook = workbook
        base = {"border": 1, "valign": "vcenter", "font_name": "宋体", "font_size": 10}
        specs = {
            "title": {"bold": True, "font_size": 14, "align": "center", "valign": "vcenter", "font_name": "宋体"},
            "subtitle": {"align": "center", "font_name": "宋体", "font_size": 10},
            "label": {**base, "bold": True, "bg_color": "#EEF1F4", "align": "center", "text_wrap": True},
            "text": {**base, "text_wrap": True},
            "status": {**base, "align": "center", "font_color": "#8A6100", "bold": True},
            "money": {**base, "num_format": "#,##0.00"},
            "number": {**base, "num_format": "General"},
            "integer": {**base, "num_format": "0", "align": "center"},
            "score": {**base, "num_format": "0.00"},
            "percent": {**base, "num_format": "0.00%"},
            "date": {**base, "num_format": "yyyy-mm-dd", "align": "left"},
            "input_money": {**base, "num_format": "#,##0.00", "bg_color": INPUT_FILL},
            "input_number": {**base, "num_format": "General", "bg_color": INPUT_FILL},
            "input_blocked": {**base, "bg_color": "#EEF1F4"},
            "input_text": {**base, "text_wrap": True, "bg_color": INPUT_FILL},
            "input_center": {**base, "align": "center", "bg_color": INPUT_FILL},
            **{f"level_{level.value}": {**base, "align": "center", "bg_color": fill}
               for level, fill in LEVEL_FILLS.items()},
        }
        self.formats = {name: workbook.add_format(spec) for name, spec in specs.items()}

    def cell(self, sheet, row: int, column: int, cell: Cell) -> None:
        value, style = cell
        fmt = self.formats[style]
        if value is None or value == "":
            sheet.write_blank(row, column, None, fmt)
        elif isinstance(value, (Decimal, int)) and not isinstance(value, bool):
            sheet.write_number(row, column, value, fmt)
        elif isinstance(value, datetime.date):
            sheet.write_datetime(row, column, datetime.datetime.combine(value, datetime.time()), fmt)
        else:
            sheet.write_string(row, column, str(value), fmt)

    def row(self, sheet, row: int, cells: dict[int, Cell]) -> None:
        for column, cell in cells.items():
            self.cell(sheet, row, column, cell)

    def block_header(self, sheet, row: int, first_columns: list[str]) -> None:
        label = self.formats["label"]
        for column, text in enumerate(first_columns):
            sheet.merge_range(row, column, row + 1, column, text, label)
        first, last = min(L.REASON_COLUMNS.values()), L.OTHER_TEXT_COLUMN
        sheet.merge_range(row, first, row, last, L.REASON_GROUP, label)
        for column, text in L.REASON_SUBHEADERS.items():
            sheet.write_string(row + 1, column, text, label)
        sheet.write_string(row + 1, L.OTHER_TEXT_COLUMN, L.TAIL_COLUMNS[L.OTHER_TEXT_COLUMN], label)
        for column in (L.LIKELIHOOD_COLUMN, L.MEASURES_COLUMN, L.STATUS_COLUMN, L.NOTE_ID_COLUMN):
            sheet.merge_range(row, column, row + 1, column, L.TAIL_COLUMNS[column], label)

    def input_checks(self, sheet, first_row: int, last_row: int) -> None:
        """Drop-downs where the owner fills in; a warning (not a refusal) so that a typed √ is kept."""
        if last_row < first_row:
            return
        ticks = {"validate": "list", "source": [L.TICK], "error_type": "warning", "error_title": "偏差原因",
                 "error_message": "请填 ✓ 或留空。"}
        sheet.data_validation(first_row, min(L.REASON_COLUMNS.values()), last_row, max(L.REASON_COLUMNS.values()),
                              ticks)
        sheet.data_validation(first_row, L.LIKELIHOOD_COLUMN, last_row, L.LIKELIHOOD_COLUMN, {
            "validate": "list", "source": list(LIKELIHOOD_LABELS.values()), "error_type": "warning",
            "error_title": "完成目标可能性", "error_message": "请选择：" + "、".join(LIKELIHOOD_LABELS.values()),
        })


def _write_summary(renderer: _Renderer, the_round: MonitoringRound, projects: list[RoundProject], names) -> None:
    sheet = renderer.workbook.add_worksheet(L.SUMMARY_SHEET)
    last = len(L.SUMMARY_COLUMNS) - 1
    title = f"{the_round.year}年{the_round.department.name}项目支出绩效运行监控汇总表"
    sheet.merge_range(0, 0, 0, last, title, renderer.formats["title"])
    sheet.set_row(0, 28)
    renderer.row(sheet, 1, {
        0: ("部门", "label"), 1: (the_round.department.name, "text"), 2: ("截至日期", "label"),
        3: (the_round.as_of, "date"), 4: ("序时进度", "label"), 5: (the_round.time_progress, "percent"),
    })
    for column, text in enumerate(L.SUMMARY_COLUMNS):
        sheet.write_string(3, column, text, renderer.formats["label"])
    for offset, project in enumerate(projects):
        renderer.row(sheet, 4 + offset, dict(enumerate(summary_row(project, names[project.project.pk]))))
    total_row = 4 + len(projects)
    first, end = 5, total_row  # 1-based rows of the projects, for the formulas
    sheet.write_string(total_row, 1, "合计", renderer.formats["label"])
    for column, value in ((2, the_round.budget), (3, the_round.spent)):
        letter = L.column_letter(column)
        sheet.write_formula(total_row, column, f"=SUM({letter}{first}:{letter}{end})", renderer.formats["money"],
                            value)
    rate = the_round.execution_rate
    sheet.write_formula(total_row, 4, f"=IF(C{total_row + 1}=0,\"\",D{total_row + 1}/C{total_row + 1})",
                        renderer.formats["percent"], rate if rate is not None else "")
    counts = {7: "green", 8: "yellow", 9: "red", 10: "needs_explanation"}
    for column, attribute in counts.items():
        letter = L.column_letter(column)
        total = sum(getattr(p, attribute) for p in projects)
        sheet.write_formula(total_row, column, f"=SUM({letter}{first}:{letter}{end})", renderer.formats["integer"],
                            total)
    sheet.freeze_panes(4, 2)
    sheet.autofilter(3, 0, total_row - 1, last)
    for column, width in enumerate([6, 34, 14, 16, 10, 16, 16, 6, 6, 6, 8, 10, 12, 24]):
        sheet.set_column(column, column, width)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(3)


def _write_project(renderer: _Renderer, the_round: MonitoringRound, project: RoundProject, name: str) -> None:
    sheet = renderer.workbook.add_worksheet(name)
    formats = renderer.formats
    sheet.merge_range(0, 0, 0, L.STATUS_COLUMN, L.SHEET_TITLE, formats["title"])
    sheet.set_row(0, 28)
    sheet.merge_range(1, 0, 1, L.STATUS_COLUMN, f"（{the_round.year} 年度，截至 {the_round.as_of:%Y-%m-%d}）",
                      formats["subtitle"])
    for (row, column), text in L.HEADER_LABELS.items():
        sheet.write_string(row, column, text, formats["label"])
    evaluation = project.evaluation
    sheet.merge_range(*L.NAME_CELL, L.NAME_CELL[0], L.SEQ_LABEL[1] - 1, evaluation.project.name, formats["text"])
    sheet.merge_range(*L.DEPARTMENT_CELL, L.DEPARTMENT_CELL[0], L.YEAR_LABEL[1] - 1, the_round.department.name,
                      formats["text"])
    renderer.cell(sheet, *L.SEQ_CELL, (evaluation.project.seq, "integer"))
    renderer.cell(sheet, *L.AS_OF_CELL, (the_round.as_of, "date"))
    renderer.cell(sheet, *L.TIME_PROGRESS_CELL, (the_round.time_progress, "percent"))
    renderer.cell(sheet, *L.YEAR_CELL, (the_round.year, "integer"))
    renderer.block_header(sheet, L.BUDGET_HEADER_ROW, L.BUDGET_COLUMNS)
    renderer.row(sheet, L.BUDGET_ROW, budget_row(project, the_round.time_progress))
    renderer.block_header(sheet, L.INDICATOR_HEADER_ROW, L.INDICATOR_COLUMNS)
    for offset, line in enumerate(project.lines[1:]):
        renderer.row(sheet, L.FIRST_INDICATOR_ROW + offset, indicator_row(line))
    last_row = L.FIRST_INDICATOR_ROW + len(project.lines) - 2
    renderer.input_checks(sheet, L.BUDGET_ROW, L.BUDGET_ROW)
    renderer.input_checks(sheet, L.FIRST_INDICATOR_ROW, last_row)
    for column, width in COLUMN_WIDTHS.items():
        sheet.set_column(column, column, width)
    sheet.set_column(L.NOTE_ID_COLUMN, L.NOTE_ID_COLUMN, 8, None, {"hidden": True})
    sheet.freeze_panes(L.FIRST_INDICATOR_ROW, 3)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.print_area(0, 0, max(last_row, L.FIRST_INDICATOR_ROW), L.STATUS_COLUMN)


def write_monitoring_workbook(*, department: Department, year: int, as_of: datetime.date,
                              output: str | Path | BinaryIO) -> MonitoringRound:
    """Writes the department's 监控表 as of a round date to a path or a binary file; returns what it wrote."""
    the_round = monitoring_round(department=department, year=year, as_of=as_of)
    projects = sorted(the_round.projects, key=lambda p: p.project.seq)  # filed in published order
    taken: set[str] = set()
    names = {p.project.pk: L.sheet_name(p.project.seq, p.project.name, taken) for p in projects}
    workbook = xlsxwriter.Workbook(str(output) if isinstance(output, Path) else output, {"in_memory": True})
    workbook.set_properties({"title": f"{year}年{department.name}项目支出绩效运行监控表", "author": "预算绩效目标管理"})
    renderer = _Renderer(workbook)
    _write_summary(renderer, the_round, projects, names)
    for project in projects:
        _write_project(renderer, the_round, project, names[project.project.pk])
    workbook.close()
    return the_round
