"""Finds the project sheets of a 监控表 workbook by their header (not by position) and reads their lines.

Every refusal names the sheet, the row and the column, in Chinese, so that an office can fix the file it was mailed.
"""
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from core.limits import length_problem
from core.parsing import ParseError, parse_decimal, parse_whole_number
from indicators.exports import monitoring_layout as L
from indicators.monitoring_import.reader import Sheet, cell_text
from indicators.selectors.monitoring import SheetLine
from projects.models import Project


class Refusals(Exception):
    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("\n".join(messages))


def where(sheet: Sheet, row: int, column: int | None = None, label: str = "") -> str:
    """工作表「3.三八红旗手困难补助」第 12 行「全年预计完成值」（H12）"""
    if column is None:
        return f"工作表「{sheet.title}」第 {row + 1} 行"
    return f"工作表「{sheet.title}」第 {row + 1} 行「{label}」（{L.cell_name(row, column)}）"


@dataclass(frozen=True)
class TypedLine:
    """What a sheet's row says about one line, parsed but not yet judged by the write path."""

    sheet: Sheet
    row: int
    line: SheetLine
    forecast: Decimal | None
    reasons: tuple[str, ...]
    reason_other: str
    likelihood: str
    measures: str
    note_id: int | None


@dataclass
class ProjectSheet:
    sheet: Sheet
    project: Project
    as_of: datetime.date
    lines: list[TypedLine] = field(default_factory=list)


def is_project_sheet(sheet: Sheet) -> bool:
    return sheet.text(*L.NAME_LABEL) == L.HEADER_LABELS[L.NAME_LABEL] and (
        sheet.text(*L.SEQ_LABEL) == L.HEADER_LABELS[L.SEQ_LABEL]
    )


def _integer(value) -> int | None:
    # Digits only: Decimal() would read `1_0` as 10, and Infinity was a 500 (int() raised OverflowError).
    return parse_whole_number(cell_text(value))


def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(cell_text(value).replace("/", "-"))
    except ValueError:
        return None


def identify(sheet: Sheet, projects: dict[int, Project], department_name: str, errors: list[str]) -> tuple:
    """(project, as_of) named by the sheet's header; appends refusals and returns (None, None) when unclear."""
    seq = _integer(sheet.value(*L.SEQ_CELL))
    project = projects.get(seq) if seq is not None else None
    if project is None:
        errors.append(f"{where(sheet, L.SEQ_CELL[0], L.SEQ_CELL[1], '项目序号')}没有这个项目："
                      f"'{sheet.text(*L.SEQ_CELL)}'")
        return None, None
    problems = []
    if sheet.text(*L.NAME_CELL) != project.name:
        problems.append(f"{where(sheet, L.NAME_CELL[0], L.NAME_CELL[1], '项目名称')}与项目序号 {seq} 不符："
                        f"应为「{project.name}」，表中为「{sheet.text(*L.NAME_CELL)}」")
    if sheet.text(*L.DEPARTMENT_CELL) != department_name:
        problems.append(f"{where(sheet, L.DEPARTMENT_CELL[0], L.DEPARTMENT_CELL[1], '主管部门')}应为「{department_name}」，"
                        f"表中为「{sheet.text(*L.DEPARTMENT_CELL)}」")
    as_of = _date(sheet.value(*L.AS_OF_CELL))
    if as_of is None:
        problems.append(f"{where(sheet, L.AS_OF_CELL[0], L.AS_OF_CELL[1], '截至日期')}不是日期（YYYY-MM-DD）："
                        f"'{sheet.text(*L.AS_OF_CELL)}'")
    errors.extend(problems)
    return (None, None) if problems else (project, as_of)


def _expect(sheet: Sheet, row: int, column: int, text: str, errors: list[str]) -> None:
    if sheet.text(row, column) != text:
        errors.append(f"{where(sheet, row)}（{L.cell_name(row, column)}）表头应为「{text}」，"
                      f"表中为「{sheet.text(row, column)}」：请使用导出的监控表，不要增删或移动列")


def check_headers(sheet: Sheet, errors: list[str]) -> None:
    before = len(errors)
    for row, first_columns in ((L.BUDGET_HEADER_ROW, L.BUDGET_COLUMNS), (L.INDICATOR_HEADER_ROW, L.INDICATOR_COLUMNS)):
        for column, text in enumerate(first_columns):
            _expect(sheet, row, column, text, errors)
        _expect(sheet, row, min(L.REASON_COLUMNS.values()), L.REASON_GROUP, errors)
        for column, text in L.REASON_SUBHEADERS.items():
            _expect(sheet, row + 1, column, text, errors)
        _expect(sheet, row + 1, L.OTHER_TEXT_COLUMN, L.TAIL_COLUMNS[L.OTHER_TEXT_COLUMN], errors)
        for column in (L.LIKELIHOOD_COLUMN, L.MEASURES_COLUMN, L.NOTE_ID_COLUMN):
            _expect(sheet, row, column, L.TAIL_COLUMNS[column], errors)
        if len(errors) > before:
            return  # one wrong header explains the rest


def _forecast(sheet: Sheet, row: int, line: SheetLine, errors: list[str]) -> Decimal | None:
    value = sheet.value(row, L.FORECAST_COLUMN)
    label = L.BUDGET_COLUMNS[-1] if line.is_budget else L.INDICATOR_COLUMNS[-1]
    try:
        return parse_decimal(cell_text(value), max_digits=14 if line.is_budget else 20,
                             decimal_places=2 if line.is_budget else 4, unit=line.unit)
    except ParseError as exc:
        errors.append(f"{where(sheet, row, L.FORECAST_COLUMN, label)}{exc}")
        return None


def read_line(sheet: Sheet, row: int, line: SheetLine, errors: list[str]) -> TypedLine | None:
    before = len(errors)
    forecast = _forecast(sheet, row, line, errors)
    reasons = []
    for code, column in L.REASON_COLUMNS.items():
        text = sheet.text(row, column)
        if text in L.TICKS or text == L.REASON_SUBHEADERS[column]:
            reasons.append(code)
        elif text:
            errors.append(f"{where(sheet, row, column, L.REASON_SUBHEADERS[column])}请填 {L.TICK} 或留空："
                          f"'{text}'（偏差原因只有 {'、'.join(L.REASON_SUBHEADERS.values())} 五项，其他原因写在「其他原因说明」）")
    note_text = sheet.text(row, L.NOTE_ID_COLUMN)
    note_id = _integer(note_text) if note_text else None
    if note_text and note_id is None:
        errors.append(f"{where(sheet, row, L.NOTE_ID_COLUMN, '记录号')}被改动：'{note_text}'（请保持导出时的内容）")
    for column, limit in ((L.OTHER_TEXT_COLUMN, "reason_other"), (L.MEASURES_COLUMN, "measures")):
        text = sheet.text(row, column)
        problem = "含有空字符（NUL），请删除后重新上传" if "\x00" in text else length_problem(text, limit)
        if problem:
            errors.append(f"{where(sheet, row, column, L.TAIL_COLUMNS[column])}{problem}")
    if len(errors) > before:
        return None
    return TypedLine(
        sheet=sheet, row=row, line=line, forecast=forecast, reasons=tuple(reasons),
        reason_other=sheet.text(row, L.OTHER_TEXT_COLUMN), likelihood=sheet.text(row, L.LIKELIHOOD_COLUMN),
        measures=sheet.text(row, L.MEASURES_COLUMN), note_id=note_id,
    )


def read_lines(sheet: Sheet, lines: list[SheetLine], errors: list[str]) -> list[TypedLine]:
    """The budget row, then one row per indicator in the system's order; moved, missing or extra rows are refused."""
    typed = [read_line(sheet, L.BUDGET_ROW, lines[0], errors)]
    indicators = lines[1:]
    for offset, line in enumerate(indicators):
        row = L.FIRST_INDICATOR_ROW + offset
        name = sheet.text(row, L.NAME_COLUMN)
        if name != line.name:
            errors.append(f"{where(sheet, row, L.NAME_COLUMN, '三级指标')}应为「{line.name}」，表中为「{name}」："
                          "请不要增删或调换指标行")
            return []
        typed.append(read_line(sheet, row, line, errors))
    for row in range(L.FIRST_INDICATOR_ROW + len(indicators), sheet.height):
        if any(sheet.text(row, column) for column in range(L.LAST_COLUMN + 1)):
            errors.append(f"{where(sheet, row)}多出一行：该项目在系统中只有 {len(indicators)} 个指标")
            return []
    return [line for line in typed if line is not None]
