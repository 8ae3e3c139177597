"""Reads a clerk's spreadsheet of reports (CSV in UTF-8 or GB18030, or .xlsx) into rows of text cells."""
import csv
import datetime
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from core.limits import length_problem
from core.text_files import UndecodableText, decode_text_file

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
LABELS = {"project_seq": "项目序号", "indicator_order": "指标序号", "value": "实际值", "tier": "档次",
          "tier_percent": "得分率", "as_of": "截至日期", "note": "说明", "reason": "更正原因"}


class ReadError(ValueError):
    pass


@dataclass(frozen=True)
class Row:
    line: int
    cells: dict[str, str]


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        # openpyxl hands numbers over as float; its shortest repr is what the clerk typed.
        return format(Decimal(repr(value)), "f")
    return str(value).strip()


def _decode(data: bytes) -> str:
    try:
        return decode_text_file(data)
    except UndecodableText as error:
        raise ReadError(f"文件编码无法识别：{error}") from None


def _raw_rows(path: Path) -> list[list[str]]:
    if path.suffix.lower() == ".xlsx":
        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # a broken or non-xlsx file: openpyxl raises many kinds
            raise ReadError(f"无法读取 Excel 文件：{exc}") from None
        try:
            sheet = workbook.worksheets[0]
            return [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        except Exception as exc:  # a sheet's XML cut short shows only while it is read
            raise ReadError(f"无法读取 Excel 文件：{exc.__class__.__name__}") from None
        finally:
            workbook.close()
    text = _decode(path.read_bytes())
    reader = csv.reader(io.StringIO(text))
    try:
        return [[cell.strip() for cell in row] for row in reader]
    except csv.Error as exc:  # e.g. a cell over the csv module's own field limit (131,072 characters)
        raise ReadError(f"第 {reader.line_num} 行无法读取：{exc}") from None


def read_rows(path: Path) -> list[Row]:
    raw = _raw_rows(path)
    if not raw or not any(any(cell for cell in row) for row in raw):
        raise ReadError("文件是空的。")
    header = raw[0]
    columns: dict[int, str] = {}
    unknown = []
    for index, name in enumerate(header):
        if not name:
            continue
        field = HEADERS.get(name.strip().lower()) or HEADERS.get(name.strip())
        if field is None:
            unknown.append(name)
        else:
            columns[index] = field
    missing = [LABELS[f] + f"（{f}）" for f in REQUIRED if f not in columns.values()]
    if missing:
        raise ReadError("第 1 行缺少列：" + "、".join(missing) + (f"；无法识别的列：{'、'.join(unknown)}" if unknown else ""))
    rows, problems = [], []
    for line, values in enumerate(raw[1:], start=2):
        cells = {field: (values[i] if i < len(values) else "") for i, field in columns.items()}
        for index, field in columns.items():
            problem = _cell_problem(cells[field], field)
            if problem:
                problems.append(f"第 {line} 行第 {index + 1} 列「{LABELS[field]}」{problem}")
        if any(cells.values()):
            rows.append(Row(line=line, cells=cells))
    if problems:
        raise ReadError("\n".join(problems))
    return rows


def _cell_problem(text: str, field: str) -> str:
    """Why a cell cannot be stored as it is: over its field's limit, or holding a NUL (a workbook's cell can)."""
    if "\x00" in text:
        return "含有空字符（NUL），请删除后重新导入"
    return length_problem(text, TEXT_LIMITS[field]) if field in TEXT_LIMITS else ""
