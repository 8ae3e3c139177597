"""The 监控表 workbook: 「监控汇总」 and one sheet per project in the 财预〔2019〕136号 layout (DOMAIN §5).

`monitoring_sheets` yields the sheets and their rows from the monitoring selector; the renderer writes them
(exports.renderer). The project sheets are laid out in exports.monitoring_form, where the import reads them back.
"""
import datetime
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from indicators import rules
from indicators.exports import monitoring_layout as L
from indicators.exports import styles
from indicators.exports.monitoring_form import budget_level_cell, level_cell, project_sheet
from indicators.exports.names import SheetNames
from indicators.exports.renderer import Cell, Formula, Row, Sheet, cell_ref, column_letter, render, rows_at
from indicators.selectors.monitoring import MonitoringRound, RoundProject, monitoring_round
from projects.models import Department

SUMMARY_WIDTHS = [6, 34, 14, 16, 10, 16, 16, 6, 6, 6, 8, 10, 12, 24]
HEADER_ROW = 3  # 0-based; the projects follow, then 合计
LEVEL_COUNTS = {7: rules.Level.GREEN, 8: rules.Level.YELLOW, 9: rules.Level.RED}  # lines at each level, in 合计
NEEDS_COUNT = 10  # 待说明, in 合计


def write_monitoring_workbook(*, department: Department, year: int, as_of: datetime.date,
                              output: str | Path | BinaryIO) -> MonitoringRound:
    """Writes the department's 监控表 as of a round date to a path or a binary file; returns what it wrote."""
    the_round = monitoring_round(department=department, year=year, as_of=as_of)
    render(output, monitoring_sheets(the_round), styles=styles.MONITORING,
           title=f"{year}年{department.name}项目支出绩效运行监控表", constant_memory=False)
    return the_round


def monitoring_sheets(the_round: MonitoringRound) -> Iterator[tuple[Sheet, Iterable[Row]]]:
    projects = sorted(the_round.projects, key=lambda p: p.project.seq)  # filed in published order
    names = SheetNames()
    summary = names.claim(L.SUMMARY_SHEET)
    sheet_names = {p.project.pk: names.project(p.project.seq, p.project.name) for p in projects}
    yield summary_sheet(the_round, projects, name=summary, sheet_names=sheet_names)
    for project in projects:
        yield project_sheet(the_round, project, name=sheet_names[project.project.pk])


def summary_sheet(the_round: MonitoringRound, projects: list[RoundProject], *, name: str,
                  sheet_names: dict[int, str]) -> tuple[Sheet, list[Row]]:
    layout = Sheet(name=name, widths=SUMMARY_WIDTHS, freeze_rows=HEADER_ROW + 1, freeze_cols=2,
                   repeat_rows=(HEADER_ROW, HEADER_ROW), filter_row=HEADER_ROW, filter_skips_last=1)
    title = f"{the_round.year}年{the_round.department.name}项目支出绩效运行监控汇总表"
    cells = {
        (0, 0): Cell(title, "title", cols=len(L.SUMMARY_COLUMNS)),
        (1, 0): Cell("部门", "label"), (1, 1): Cell(the_round.department.name, "text"),
        (1, 2): Cell("截至日期", "label"), (1, 3): Cell(the_round.as_of, "date"),
        (1, 4): Cell("序时进度", "label"), (1, 5): Cell(the_round.time_progress, "percent"),
        **{(HEADER_ROW, column): Cell(text, "label") for column, text in enumerate(L.SUMMARY_COLUMNS)},
    }
    for offset, project in enumerate(projects, start=HEADER_ROW + 1):
        cells.update({(offset, column): cell
                      for column, cell in enumerate(project_cells(project, sheet_names[project.project.pk]))})
    return layout, [*rows_at(cells, heights={0: 28}), _total(the_round, projects)]


def project_cells(project: RoundProject, sheet: str) -> list[Cell]:
    evaluation = project.evaluation
    return [
        Cell(evaluation.project.seq, "integer"), Cell(evaluation.project.name, "text"),
        Cell(evaluation.budget.budget, "money"), Cell(evaluation.spent, "money"),
        Cell(evaluation.budget_progress, "percent"),
        budget_level_cell(evaluation.budget_level, evaluation.over_budget), level_cell(project.level),
        Cell(project.green, "integer"), Cell(project.yellow, "integer"), Cell(project.red, "integer"),
        Cell(project.needs_explanation, "integer"), Cell(evaluation.total, "score"),
        Cell(evaluation.forecast_score, "score"), Cell(sheet, "text"),
    ]


def _total(the_round: MonitoringRound, projects: list[RoundProject]) -> Row:
    row = HEADER_ROW + 1 + len(projects)

    def total(column: int, cached) -> Formula:
        letter = column_letter(column)
        return Formula(f"=SUM({letter}{HEADER_ROW + 2}:{letter}{row})", cached)

    budget, spent = cell_ref(row, 2), cell_ref(row, 3)
    totals = the_round.totals
    rate = totals.execution_rate
    cells = {
        1: Cell("合计", "label"),
        2: Cell(total(2, totals.budget), "money"),
        3: Cell(total(3, totals.spent), "money"),
        4: Cell(Formula(f'=IF({budget}=0,"",{spent}/{budget})', rate if rate is not None else ""), "percent"),
        **{column: Cell(total(column, totals.lines_at[level]), "integer") for column, level in LEVEL_COUNTS.items()},
        NEEDS_COUNT: Cell(total(NEEDS_COUNT, totals.needs_explanation), "integer"),
    }
    return Row.at(cells)
