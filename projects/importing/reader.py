"""Bytes of a published table → rows of stripped cell texts, each row knowing where it came from."""
import csv
import datetime
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath

from core.errors import DomainError
from core.text_files import UndecodableText, decode_text_file

TEXT_SUFFIXES = {".txt", ".tsv"}
CSV_SUFFIXES = {".csv"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
XLS_SUFFIXES = {".xls"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file every .xls is
# A table's header carries one of these: a text that decodes without them was most likely decoded wrongly.
HEADER_WORDS = ("序号", "指标名称", "三级指标", "指标内容", "项目名称")
ENCODING_MESSAGE = "文件编码无法识别：请另存为 UTF-8 或 GB18030 编码"


class ImportFailed(DomainError):
    """The file cannot be imported; `messages` lists every problem found, each naming its place."""

    def __init__(self, messages: list[str] | str):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__({"": self.messages})


def column_letter(index: int) -> str:
    """0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_index(letters: str) -> int | None:
    """A → 0, AA → 26 (case and spaces ignored); None for anything but one to three Latin letters."""
    letters = (letters or "").strip().upper()
    if not (1 <= len(letters) <= 3 and letters.isascii() and letters.isalpha()):
        return None
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - ord("A") + 1
    return index - 1


@dataclass(frozen=True)
class Row:
    number: int  # line number of a text file, row number of a worksheet (1-based)
    cells: tuple[str, ...]
    sheet: str | None = None  # set for xlsx

    def cell(self, index: int | None) -> str:
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index]

    def is_empty(self) -> bool:
        return not any(self.cells)

    def where(self, index: int | None = None, header: str = "") -> str:
        """第 12 行「预算金额」 for text, 工作表「Sheet1」D12「预算金额」 for a workbook."""
        label = f"「{header}」" if header else ""
        if self.sheet is None:
            return f"第 {self.number} 行{label}"
        cell = f"{column_letter(index)}{self.number}" if index is not None else f"第 {self.number} 行"
        return f"工作表「{self.sheet}」{cell}{label}"


def read_rows(data: bytes, *, filename: str) -> list[Row]:
    """The rows of a .txt/.tsv (tab-separated), .csv, .xlsx or .xls file; raises ImportFailed for an unreadable file."""
    if not data.strip():
        raise ImportFailed("文件为空：没有可导入的内容")
    suffix = PurePath(filename).suffix.lower()
    if suffix in XLSX_SUFFIXES or (suffix not in TEXT_SUFFIXES | CSV_SUFFIXES and data[:4] == b"PK\x03\x04"):
        return _xlsx_rows(data)
    if suffix in XLS_SUFFIXES or (suffix not in TEXT_SUFFIXES | CSV_SUFFIXES and data[:8] == OLE_MAGIC):
        return _xls_rows(data)
    if suffix not in TEXT_SUFFIXES | CSV_SUFFIXES:
        raise ImportFailed(f"不支持的文件类型「{suffix or filename}」：请使用 .txt、.tsv（制表符分隔）、.csv、.xlsx 或 .xls")
    text = decode_text(data)
    if not text.strip():
        raise ImportFailed("文件为空：没有可导入的内容")
    return _csv_rows(text) if suffix in CSV_SUFFIXES else _text_rows(text)


def decode_text(data: bytes) -> str:
    try:
        text = decode_text_file(data)
    except UndecodableText as error:
        raise ImportFailed(f"{ENCODING_MESSAGE}：{error}") from None
    # GB18030 decodes much foreign text (Shift-JIS) into nonsense without complaint;
    # a published table always carries its 序号 header, so its absence means the guess was wrong.
    if not any(word in text for word in HEADER_WORDS) and not _is_utf8(data):
        raise ImportFailed(ENCODING_MESSAGE)
    return text


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _text_rows(text: str) -> list[Row]:
    if "\x00" in text:
        raise ImportFailed(ENCODING_MESSAGE)
    # Only real line breaks end a row (str.splitlines would also split on \x0b, \x1c, U+2028 inside a cell).
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [
        Row(number, tuple(cell.strip() for cell in line.split("\t")))
        for number, line in enumerate(lines, start=1)
    ]


def _csv_rows(text: str) -> list[Row]:
    if "\x00" in text:
        raise ImportFailed(ENCODING_MESSAGE)
    reader = csv.reader(io.StringIO(text.replace("\r\n", "\n").replace("\r", "\n")))
    try:
        return [Row(number, tuple(cell.strip() for cell in cells)) for number, cells in enumerate(reader, start=1)]
    except csv.Error as error:
        raise ImportFailed(f"CSV 文件第 {reader.line_num} 行无法读取：{error}") from None


def _xls_rows(data: bytes) -> list[Row]:
    import xlrd  # only .xls workbooks need it

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=False)
    except (xlrd.XLRDError, OSError, ValueError, AssertionError, IndexError, KeyError) as error:
        raise ImportFailed(f"无法读取 Excel（.xls）文件：{error}") from None
    return _chosen_rows([
        (sheet.name, [(r + 1, tuple(_xls_text(book, sheet.cell(r, c)) for c in range(sheet.ncols)))
                      for r in range(sheet.nrows)])
        for sheet in book.sheets()
    ])


def _xls_text(book, cell) -> str:
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        return _plain(Decimal(format(cell.value, ".15g")))
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "是" if cell.value else "否"
    if cell.ctype == xlrd.XL_CELL_DATE:
        value = xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    return str(cell.value).strip()


def _chosen_rows(sheets: list[tuple[str, list[tuple[int, tuple[str, ...]]]]]) -> list[Row]:
    """The published table's sheet (the first with a 序号 header); for another unit's layout, every sheet that has
    an indicator header, one after the other (each row still names its sheet and its own row number)."""
    if not sheets:
        raise ImportFailed("Excel 文件中没有工作表")
    with_seq = [(t, r) for t, r in sheets if _has_header(r, ("序号",))]
    chosen = with_seq[:1] or [(t, r) for t, r in sheets if _has_header(r, HEADER_WORDS)] or sheets[:1]
    return [Row(number, cells, sheet=title) for title, rows in chosen for number, cells in rows]


def _has_header(rows, words) -> bool:
    return any("".join(cell.split()) in words for _, cells in rows[:50] for cell in cells)


def _xlsx_rows(data: bytes) -> list[Row]:
    from openpyxl import load_workbook  # only workbooks need it

    try:
        # Not read-only: exporters often write no or wrong sheet dimensions, which read-only mode trusts.
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFailed(f"无法读取 Excel 文件：{error}") from None
    # Merged cells other than the top-left read as None.
    return _chosen_rows([
        (sheet.title, [(cells[0].row if cells else number, tuple(_cell_text(cell) for cell in cells))
                       for number, cells in enumerate(sheet.iter_rows(), start=1)])
        for sheet in workbook.worksheets
    ])


def _cell_text(cell) -> str:
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float, Decimal)):
        # Excel keeps doubles and shows 15 significant digits: a SUM cached as 1386.3000000000002 is 1386.3.
        number = Decimal(format(value, ".15g")) if isinstance(value, float) else Decimal(value)
        if "%" in (getattr(cell, "number_format", "") or ""):
            return _plain(number * 100) + "%"
        return _plain(number)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _plain(number: Decimal) -> str:
    """4.6 → '4.6', 8.0 → '8', 1e-05 → '0.00001': the number as a person would type it."""
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"
