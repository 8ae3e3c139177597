"""One project's sheet of the 监控表: the 财预〔2019〕136号 form, its cells placed where exports.monitoring_layout says.

The import (indicators.monitoring_import) reads the owner's columns back from the same places, so positions come from
the layout module only. Levels are written as text and as a fill; what a project owner fills in is tinted.
"""
from decimal import Decimal

from indicators import rules
from indicators.exports import monitoring_layout as L
from indicators.exports.renderer import Cell, Row, Sheet, Validation, rows_at
from indicators.exports.styles import level_style
from indicators.selectors.monitoring import MonitoringRound, RoundProject, SheetLine
from indicators.services.monitoring import LIKELIHOOD_LABELS

WIDTHS = {0: 12, 1: 14, 2: 30, 3: 16, 4: 14, 5: 10, 6: 16, 7: 14, **{c: 7 for c in L.REASON_COLUMNS.values()},
          L.OTHER_TEXT_COLUMN: 16, L.LIKELIHOOD_COLUMN: 13, L.MEASURES_COLUMN: 32, L.STATUS_COLUMN: 8,
          L.NOTE_ID_COLUMN: 8, L.BASIS_COLUMN: 10}
FIRST_REASON, LAST_REASON = min(L.REASON_COLUMNS.values()), max(L.REASON_COLUMNS.values())
TICKS = {"validate": "list", "source": [L.TICK], "error_type": "warning", "error_title": "偏差原因",
         "error_message": "请填 ✓ 或留空。"}
LIKELIHOODS = {"validate": "list", "source": list(LIKELIHOOD_LABELS.values()), "error_type": "warning",
               "error_title": "完成目标可能性", "error_message": "请选择：" + "、".join(LIKELIHOOD_LABELS.values())}


def level_cell(level: rules.Level) -> Cell:
    return Cell(rules.LEVEL_LABELS[level], level_style(level))


def budget_level_cell(level: rules.Level, over_budget: bool) -> Cell:
    """The budget line's level; spending over the budget says so (DOMAIN §3: red whatever the time progress)."""
    if over_budget:
        return Cell(f"{rules.LEVEL_LABELS[rules.Level.RED].split('（')[0]}（{L.OVER_BUDGET}）", level_style(level))
    return level_cell(level)


def project_sheet(the_round: MonitoringRound, project: RoundProject, *, name: str) -> tuple[Sheet, list[Row]]:
    evaluation = project.evaluation
    last_row = L.FIRST_INDICATOR_ROW + len(project.lines) - 2
    layout = Sheet(
        name=name,
        widths=[WIDTHS[column] for column in range(L.LAST_COLUMN + 1)],
        hidden_columns=(L.NOTE_ID_COLUMN,),
        freeze_rows=L.FIRST_INDICATOR_ROW,
        freeze_cols=3,
        validations=[*_input_checks(L.BUDGET_ROW, L.BUDGET_ROW), *_input_checks(L.FIRST_INDICATOR_ROW, last_row)],
    )
    width = L.STATUS_COLUMN + 1
    cells = {
        (0, 0): Cell(L.SHEET_TITLE, "title", cols=width),
        (1, 0): Cell(f"（{the_round.year} 年度，截至 {the_round.as_of:%Y-%m-%d}）", "subtitle", cols=width),
        **{position: Cell(text, "label") for position, text in L.HEADER_LABELS.items()},
        L.NAME_CELL: Cell(evaluation.project.name, "text", cols=L.SEQ_LABEL[1] - L.NAME_CELL[1]),
        L.DEPARTMENT_CELL: Cell(the_round.department.name, "text", cols=L.YEAR_LABEL[1] - L.DEPARTMENT_CELL[1]),
        L.SEQ_CELL: Cell(evaluation.project.seq, "integer"),
        L.AS_OF_CELL: Cell(the_round.as_of, "date"),
        L.TIME_PROGRESS_CELL: Cell(the_round.time_progress, "percent"),
        L.YEAR_CELL: Cell(the_round.year, "integer"),
        **_block_header(L.BUDGET_HEADER_ROW, L.BUDGET_COLUMNS),
        **_placed(L.BUDGET_ROW, budget_line(project, the_round.time_progress)),
        **_block_header(L.INDICATOR_HEADER_ROW, L.INDICATOR_COLUMNS),
    }
    for offset, line in enumerate(project.lines[1:]):
        cells.update(_placed(L.FIRST_INDICATOR_ROW + offset, indicator_line(line)))
    return layout, rows_at(cells, heights={0: 28})


def budget_line(project: RoundProject, time_progress: Decimal) -> dict[int, Cell]:
    evaluation, line = project.evaluation, project.lines[0]
    return {
        0: Cell("年度资金总额", "label"),
        1: Cell(evaluation.project.budget, "money"),
        2: Cell(evaluation.budget.budget, "money"),
        3: Cell(evaluation.spent, "money"),
        4: Cell(line.progress, "percent"),
        5: Cell(time_progress, "percent"),
        6: budget_level_cell(line.level, line.over_budget),
        **_note_cells(line),
    }


def indicator_line(line: SheetLine) -> dict[int, Cell]:
    return {
        0: Cell(line.level1, "text"),
        1: Cell(line.level2, "text"),
        2: Cell(line.name, "text"),
        3: Cell(line.target_text, "text"),
        4: Cell(line.tier_label, "text") if line.qualitative else Cell(line.actual, "number"),
        5: Cell(line.progress, "percent"),
        6: level_cell(line.level),
        **_note_cells(line),
    }


def _note_cells(line: SheetLine) -> dict[int, Cell]:
    """Columns H..R of a line: the current note as the owner will see and edit it."""
    note = line.note
    forecast_style = "input_money" if line.is_budget else ("input_blocked" if line.qualitative else "input_number")
    cells = {
        L.FORECAST_COLUMN: Cell(note.forecast if note and note.forecast is not None else None, forecast_style),
        L.OTHER_TEXT_COLUMN: Cell(note.reason_other_text if note else "", "input_text"),
        L.LIKELIHOOD_COLUMN: Cell(LIKELIHOOD_LABELS.get(note.likelihood, "") if note else "", "input_center"),
        L.MEASURES_COLUMN: Cell(note.measures if note else "", "input_text"),
        L.STATUS_COLUMN: Cell(_status(line), "status"),
        L.NOTE_ID_COLUMN: Cell(note.pk if note else None, "text"),
        L.BASIS_COLUMN: Cell(line.basis, "text"),
    }
    for code, column in L.REASON_COLUMNS.items():
        cells[column] = Cell(L.TICK if note and code in note.reasons else "", "input_center")
    return cells


def _status(line: SheetLine) -> str:
    """待说明, and 超支 on a budget line spent over the budget in force (DOMAIN §3)."""
    return "；".join(text for text, shown in ((L.OVER_BUDGET, line.over_budget),
                                              (L.NEEDS_EXPLANATION, line.needs_explanation)) if shown)


def _placed(row: int, cells: dict[int, Cell]) -> dict[tuple[int, int], Cell]:
    return {(row, column): cell for column, cell in cells.items()}


def _block_header(row: int, first_columns: list[str]) -> dict[tuple[int, int], Cell]:
    """The two header rows of a block: its own columns, then 偏差原因 over its reasons and the owner's columns."""
    cells = {(row, column): Cell(text, "label", rows=2) for column, text in enumerate(first_columns)}
    cells[row, FIRST_REASON] = Cell(L.REASON_GROUP, "label", cols=L.OTHER_TEXT_COLUMN - FIRST_REASON + 1)
    for column, text in L.REASON_SUBHEADERS.items():
        cells[row + 1, column] = Cell(text, "label")
    cells[row + 1, L.OTHER_TEXT_COLUMN] = Cell(L.TAIL_COLUMNS[L.OTHER_TEXT_COLUMN], "label")
    for column in (L.LIKELIHOOD_COLUMN, L.MEASURES_COLUMN, L.STATUS_COLUMN, L.NOTE_ID_COLUMN, L.BASIS_COLUMN):
        cells[row, column] = Cell(L.TAIL_COLUMNS[column], "label", rows=2)
    return cells


def _input_checks(first_row: int, last_row: int) -> list[Validation]:
    """Drop-downs where the owner fills in; a warning (not a refusal) so that a typed √ is kept."""
    if last_row < first_row:
        return []
    return [Validation(first_row, FIRST_REASON, last_row, LAST_REASON, TICKS),
            Validation(first_row, L.LIKELIHOOD_COLUMN, last_row, L.LIKELIHOOD_COLUMN, LIKELIHOODS)]
