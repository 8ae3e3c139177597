"""Reads every sheet of an .xlsx into plain cell values (merged cells hold their value in the top-left cell)."""
import datetime
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from openpyxl import load_workbook


class ReadError(ValueError):
    pass


@dataclass(frozen=True)
class Sheet:
    title: str
    rows: list[tuple]

    def value(self, row: int, column: int):
        """The raw value at a 0-based position; None outside the used range."""
        if row >= len(self.rows) or column >= len(self.rows[row]):
            return None
        return self.rows[row][column]

    def text(self, row: int, column: int) -> str:
        return cell_text(self.value(row, column))

    @property
    def height(self) -> int:
        return len(self.rows)


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        # openpyxl hands numbers over as float; its shortest repr is what was typed (12.35, not 12.3499…).
        return format(Decimal(repr(value)), "f")
    return str(value).strip()


def read_workbook(source: str | Path | BinaryIO) -> list[Sheet]:
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise ReadError(f"无法读取 Excel 文件（请上传导出的 .xlsx 监控表）：{exc.__class__.__name__}") from None
    try:
        sheets = []
        for ws in workbook.worksheets:
            ws.reset_dimensions()  # a sheet's own size record may be wrong; read every row there is
            sheets.append(Sheet(ws.title, [tuple(row) for row in ws.iter_rows(values_only=True)]))
        return sheets
    finally:
        workbook.close()
