"""Reads every sheet of an .xlsx into plain cell values (merged cells hold their value in the top-left cell)."""
import datetime
import zipfile
import zlib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO
from xml.etree.ElementTree import ParseError as XMLParseError

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


# Limits checked before and while parsing, so that a small file cannot take a worker's memory: a cell in column
# XFD made every row 16,384 cells wide, and a zip may unpack to a thousand times its size.
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_SHEETS = 500
MAX_ROWS = 5_000
MAX_COLUMNS = 40  # the 监控表 uses 18; what lies further right is no part of it and is not read
_BROKEN = (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, EOFError, XMLParseError, zlib.error)
UNREADABLE = "无法读取 Excel 文件（请上传导出的 .xlsx 监控表）"


def check_unpacked_size(source) -> None:
    """Refuses a zip (an .xlsx is one) that is broken or unpacks to more than MAX_UNCOMPRESSED_BYTES."""
    try:
        with zipfile.ZipFile(source) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError(f"{UNREADABLE}：{exc.__class__.__name__}") from None
    finally:
        if hasattr(source, "seek"):
            source.seek(0)
    if unpacked > MAX_UNCOMPRESSED_BYTES:
        raise ReadError(f"文件解压后超过 {MAX_UNCOMPRESSED_BYTES // 1024 // 1024} MB，不是导出的监控表，请检查后重新上传。")


def _rows(ws) -> list[tuple]:
    rows = []
    for row in ws.iter_rows(max_col=MAX_COLUMNS, values_only=True):
        if len(rows) == MAX_ROWS:
            raise ReadError(f"工作表「{ws.title}」超过 {MAX_ROWS} 行，不是导出的监控表，请检查后重新上传。")
        rows.append(tuple(row))
    return rows


def read_workbook(source: str | Path | BinaryIO) -> list[Sheet]:
    check_unpacked_size(source)
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except _BROKEN as exc:
        raise ReadError(f"{UNREADABLE}：{exc.__class__.__name__}") from None
    try:
        if len(workbook.worksheets) > MAX_SHEETS:
            raise ReadError(f"文件有 {len(workbook.worksheets)} 个工作表，超过 {MAX_SHEETS} 个，不是导出的监控表。")
        sheets = []
        for ws in workbook.worksheets:
            ws.reset_dimensions()  # a sheet's own size record may be wrong; read every row there is
            sheets.append(Sheet(ws.title, _rows(ws)))
        return sheets
    except ReadError:
        raise
    except _BROKEN as exc:  # a sheet's XML cut short or corrupt shows only while it is read
        raise ReadError(f"{UNREADABLE}：{exc.__class__.__name__}") from None
    finally:
        workbook.close()
