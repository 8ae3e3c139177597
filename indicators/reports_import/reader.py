"""Reads a clerk's spreadsheet of reports (CSV in UTF-8 or GB18030, or .xlsx) into rows of text cells."""
import csv
import io
from dataclasses import dataclass, field
from pathlib import PurePath

from openpyxl import load_workbook

from core.limits import length_problem
from core.text_files import UndecodableText, decode_text_file
from indicators.monitoring_import.reader import (
    MAX_COLUMNS, MAX_ROWS, MAX_UNCOMPRESSED_BYTES, cell_text, check_unpacked_size,
)

# Accepted headers, English and Chinese, mapped to the field they fill.
HEADERS = {
    "project_seq": "project_seq", "项目序号": "project_seq",
    "indicator_order": "indicator_order", "指标序号": "indicator_order",
    "value": "value", "实际值": "value",
    "tier": "tier", "档次": "tier",
    "tier_percent": "tier_percent", "得分率": "tier_percent",
    "as_of": "as_of", "截至日期": "as_of",
    "note": "note", "说明": "note",
    "reason": "reason", "更正原因": "reason",
}
TEXT_LIMITS = {"note": "note", "reason": "correction_reason"}  # column → its limit in core.limits
REQUIRED = ("project_seq", "indicator_order", "value", "as_of")
# What a clerk fills in; a row that names a line but has none of these is a template line left blank.
FILLED = ("value", "tier", "tier_percent", "note", "reason")
# Columns of the downloadable template that help the clerk find the line; read by people, not imported.
FOR_READING = ("项目名称", "指标名称", "运算符", "年度目标值", "单位", "当前值")
SUFFIXES = (".csv", ".xlsx")
LABELS = {"project_seq": "项目序号", "indicator_order": "指标序号", "value": "实际值", "tier": "档次",
          "tier_percent": "得分率", "as_of": "截至日期", "note": "说明", "reason": "更正原因"}


class ReadError(ValueError):
    pass


@dataclass(frozen=True)
class Row:
    line: int
    cells: dict[str, str]


@dataclass(frozen=True)
class ReadRows:
    rows: list[Row]
    blank_lines: list[int] = field(default_factory=list)  # template lines with nothing filled in: not imported
    ignored_columns: list[str] = field(default_factory=list)  # headers that are no column of the import


def _decode(data: bytes) -> str:
    try:
        return decode_text_file(data)
    except UndecodableText as error:
        raise ReadError(f"文件编码无法识别：{error}") from None


def _raw_rows(data: bytes, filename: str) -> list[list[str]]:
    suffix = PurePath(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise ReadError(f"不支持的文件类型「{suffix or filename}」：请使用 .csv（UTF-8 或 GB18030）或 .xlsx。")
    if suffix == ".xlsx":
        return _workbook_rows(data)
    reader = csv.reader(io.StringIO(_decode(data)))
    try:
        rows = [[cell.strip() for cell in row] for row in reader]
    except csv.Error as exc:  # e.g. a cell over the csv module's own field limit (131,072 characters)
        raise ReadError(f"第 {reader.line_num} 行无法读取：{exc}") from None
    if len(rows) > MAX_ROWS:
        raise ReadError(f"文件超过 {MAX_ROWS} 行：请分批导入。")
    return rows


def _workbook_rows(data: bytes) -> list[list[str]]:
    source = io.BytesIO(data)
    try:
        check_unpacked_size(source)
    except ValueError:
        raise ReadError(f"无法读取 Excel 文件，或文件解压后超过 {MAX_UNCOMPRESSED_BYTES // 1024 // 1024} MB："
                        "请上传 .xlsx 格式的填报表。") from None
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # a sheet's own size record may be wrong; read every row there is
        rows = []
        for row in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            if len(rows) == MAX_ROWS:
                raise ReadError(f"工作表「{sheet.title}」超过 {MAX_ROWS} 行：请分批导入。")
            rows.append([cell_text(v) for v in row])
        workbook.close()
    except ReadError:
        raise
    except Exception as exc:  # a broken or non-xlsx file: openpyxl raises many kinds
        raise ReadError(f"无法读取 Excel 文件：{exc.__class__.__name__}（请上传 .xlsx 格式的填报表）") from None
    return rows


def read_rows(data: bytes, *, filename: str) -> ReadRows:
    raw = _raw_rows(data, filename)
    if not raw or not any(any(cell for cell in row) for row in raw):
        raise ReadError("文件是空的。")
    header = raw[0]
    columns: dict[int, str] = {}
    unknown = []
    for index, name in enumerate(header):
        if not name:
            continue
        field_name = HEADERS.get(name.strip().lower()) or HEADERS.get(name.strip())
        if field_name is None:
            unknown.append(name)
        else:
            columns[index] = field_name
    missing = [LABELS[f] + f"（{f}）" for f in REQUIRED if f not in columns.values()]
    if missing:
        raise ReadError("第 1 行缺少列：" + "、".join(missing) + (f"；无法识别的列：{'、'.join(unknown)}" if unknown else ""))
    rows, blank, problems = [], [], []
    for line, values in enumerate(raw[1:], start=2):
        cells = {field_name: (values[i] if i < len(values) else "") for i, field_name in columns.items()}
        for index, field_name in columns.items():
            problem = _cell_problem(cells[field_name], field_name)
            if problem:
                problems.append(f"第 {line} 行第 {index + 1} 列「{LABELS[field_name]}」{problem}")
        if not any(cells.values()):
            continue
        if any(cells.get(name) for name in FILLED):
            rows.append(Row(line=line, cells=cells))
        else:
            blank.append(line)
    if problems:
        raise ReadError("\n".join(problems))
    return ReadRows(rows, blank, [name for name in unknown if name.strip() not in FOR_READING])


def _cell_problem(text: str, field_name: str) -> str:
    """Why a cell cannot be stored as it is: over its field's limit, or holding a NUL (a workbook's cell can)."""
    if "\x00" in text:
        return "含有空字符（NUL），请删除后重新导入"
    return length_problem(text, TEXT_LIMITS[field_name]) if field_name in TEXT_LIMITS else ""
