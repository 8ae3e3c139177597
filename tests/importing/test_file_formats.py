"""The same table arrives as UTF-8 (with or without BOM), GB18030 or .xlsx; unreadable files are refused."""
import io
import re

import openpyxl
import pytest
from django.core.management.base import CommandError

from tests.conftest import SEED
from tests.importing.helpers import BUDGET, OWN, counts, run_import, snapshot

pytestmark = pytest.mark.django_db
ENCODING_MESSAGE = "文件编码无法识别：请另存为 UTF-8 或 GB18030 编码"
NUMBER = re.compile(r"-?\d+(\.\d+)?")


@pytest.fixture
def imported_txt() -> list[tuple]:
    run_import(SEED)
    return snapshot(2026)


def test_gb18030_imports_identically(imported_txt, write):
    path = write(SEED.read_text(encoding="utf-8"), encoding="gb18030")
    run_import(path, year=2027)
    assert snapshot(2027) == imported_txt


def test_utf8_with_bom_imports_identically(imported_txt, write):
    path = write(b"\xef\xbb\xbf" + SEED.read_bytes())
    run_import(path, year=2027)
    assert snapshot(2027) == imported_txt


def test_windows_line_endings_and_tsv_suffix_import_identically(imported_txt, write):
    path = write(SEED.read_text(encoding="utf-8").replace("\n", "\r\n"), name="table.tsv")
    run_import(path, year=2027)
    assert snapshot(2027) == imported_txt


def published_workbook(*, sheet_title: str = "项目绩效目标", edit=None) -> bytes:
    """The seed laid out as the published .xlsx: numbers as numbers, project cells merged down over indicators."""
    lines = [line.split("\t") for line in SEED.read_text(encoding="utf-8").split("\n")]
    if edit:
        edit(lines)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    for number, cells in enumerate(lines, start=1):
        for column, text in enumerate(cells, start=1):
            if text == "":
                continue
            plain = text.replace(",", "")
            value = text
            if column in (4, 5, 6) and NUMBER.fullmatch(plain):
                value = float(plain)
            elif column in (1, 10) and NUMBER.fullmatch(text):
                value = float(text) if "." in text else int(text)
            sheet.cell(number, column, value)
    sheet.merge_cells("A3:L3")  # the title
    sheet.merge_cells("H5:K5")  # 核心绩效指标 over its four columns
    for column in "ABCDEFG":
        sheet.merge_cells(f"{column}5:{column}6")
    starts = [n for n, cells in enumerate(lines, start=1) if cells[0].isdigit()] + [len(lines) - 2]
    for top, next_top in zip(starts, starts[1:]):
        for column in "ABCDEFGL":
            sheet.merge_cells(f"{column}{top}:{column}{next_top - 1}")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_with_merged_project_cells_imports_identically(imported_txt, write):
    path = write(published_workbook(), name="targets.xlsx")
    out = run_import(path, year=2027)
    assert "新建项目 15 个、指标 85 个" in out
    assert snapshot(2027) == imported_txt


def test_xlsx_totals_computed_in_floating_point_are_read_as_excel_shows_them(imported_txt, write):
    def float_total(lines):
        lines[91][BUDGET] = lines[91][OWN] = "1386.3000000000002"

    path = write(published_workbook(edit=float_total, sheet_title="Sheet2"), name="targets.xlsx")
    run_import(path, year=2027)
    assert snapshot(2027) == imported_txt


def test_xlsx_errors_name_the_sheet_and_cell(write):
    def bad_budget(lines):
        lines[11][BUDGET] = "26.33万"

    path = write(published_workbook(edit=bad_budget), name="targets.xlsx")
    with pytest.raises(CommandError) as refused:
        run_import(path)
    assert "工作表「项目绩效目标」D12「预算金额」不是数字：'26.33万'" in str(refused.value)
    assert counts() == (0, 0, 0)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(SEED.read_text(encoding="utf-8").encode("utf-16"), id="utf-16"),
        pytest.param(SEED.read_text(encoding="utf-8").encode("utf-16-le"), id="utf-16-without-bom"),
        pytest.param(SEED.read_text(encoding="utf-8").encode("shift_jis", errors="replace"), id="shift-jis"),
        pytest.param(b"\x80\xff\xfe\x81\x00" * 20, id="invalid-in-utf8-and-gb18030"),
    ],
)
def test_a_file_in_another_encoding_is_refused(content, write, department):
    run_import(SEED)
    before = counts()
    with pytest.raises(CommandError) as refused:
        run_import(write(content))
    assert ENCODING_MESSAGE in str(refused.value)
    assert counts() == before


@pytest.mark.parametrize(
    "content", [b"", b"\n\n  \r\n\t\n", b"\xef\xbb\xbf\n"], ids=["zero-bytes", "blank-lines", "only-a-bom"]
)
def test_an_empty_file_is_refused(content, write):
    with pytest.raises(CommandError) as refused:
        run_import(write(content))
    assert "文件为空" in str(refused.value)
    assert counts() == (0, 0, 0)


def test_a_file_that_is_not_a_workbook_is_refused(write):
    with pytest.raises(CommandError) as refused:
        run_import(write(b"PK\x03\x04 not really a zip", name="targets.xlsx"))
    assert "无法读取 Excel 文件" in str(refused.value)


def test_an_unsupported_suffix_is_refused(write):
    with pytest.raises(CommandError) as refused:
        run_import(write(SEED.read_bytes(), name="targets.pdf"))
    assert "不支持的文件类型「.pdf」" in str(refused.value)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError) as refused:
        run_import(tmp_path / "nowhere.txt")
    assert "无法读取文件" in str(refused.value)
