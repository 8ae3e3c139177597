"""The workbooks print cleanly (issue #17 item 6), read back with openpyxl: wrapped text with rows tall enough for it,
columns wide enough for dates and amounts (no ###), every amount as #,##0.00, the 汇总表 on A3 landscape with its
titles repeated on every page."""
import io
from decimal import Decimal

from openpyxl import load_workbook

from indicators.exports.fitting import figure_width, text_lines
from indicators.exports.monitoring import write_monitoring_workbook
from indicators.services.reports import record_expenditure
from tests.conftest import project
from tests.exports.conftest import NOV_20, export, open_workbook, report
from tests.monitoring.conftest import august, scenario as august_round  # noqa: F401 (fixtures)
from tests.monitoring.round_scenario import ROUND

LONG_NOTE = "本期培训学员来自全市各区县妇联系统，签到表、课程表、照片及学员反馈问卷已归档，" * 6  # 246 characters


def ledger_rows(sheet) -> dict:
    header = [cell.value for cell in sheet[1]]
    return {row[0].row: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)}


def test_a_long_note_gets_a_row_tall_enough_to_read_it(scenario, finance, tmp_path):
    report(finance, 2, 1, "170", note=LONG_NOTE, as_of=NOV_20.replace(day=21))
    sheet = open_workbook(export(scenario, tmp_path, NOV_20.replace(day=21)))["填报记录"]
    row = next(r for r in ledger_rows(sheet).values() if r["说明"].value == LONG_NOTE)
    cell = row["说明"]
    width = sheet.column_dimensions[cell.column_letter].width
    lines = text_lines(LONG_NOTE, width)
    assert cell.alignment.wrap_text and lines >= 8
    # 15 points a line of 11 pt text: every line shows, none runs into the next row.
    assert sheet.row_dimensions[cell.row].height >= lines * 15


def test_amounts_in_the_ledger_have_two_places_and_dates_fit_their_column(scenario, finance, tmp_path):
    record_expenditure(project=project(5), user=finance, as_of=NOV_20, amount=Decimal("606.46"))
    sheet = open_workbook(export(scenario, tmp_path, NOV_20))["填报记录"]
    spends = [r for r in ledger_rows(sheet).values() if r["类别"].value == "支出"]
    assert spends and {r["填报数值"].number_format for r in spends} == {"#,##0.00"}
    values = [r for r in ledger_rows(sheet).values() if r["类别"].value == "指标完成值"]
    assert {r["填报数值"].number_format for r in values} == {"General"}  # a count of 人 is not money
    for name, sample in [("截至日期", spends[0]["截至日期"]), ("填报时间", spends[0]["填报时间"])]:
        width = sheet.column_dimensions[sample.column_letter].width
        assert width >= figure_width(sample.value, sample.number_format), name


def test_the_summary_prints_on_a3_landscape_with_its_titles_on_every_page(scenario, tmp_path):
    sheet = open_workbook(export(scenario, tmp_path, NOV_20))["汇总表"]
    assert sheet.page_setup.paperSize == 8  # A3
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows and sheet.print_title_rows.startswith("$2:")  # the header rows under the title
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth in (None, 1)  # 1 page wide


def test_the_monitoring_sheets_date_column_shows_its_dates(august_round):  # noqa: F811
    buffer = io.BytesIO()
    write_monitoring_workbook(department=august_round, year=2026, as_of=ROUND, output=buffer)
    buffer.seek(0)
    book = load_workbook(buffer)
    checked = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if getattr(cell, "is_date", False) and cell.value is not None:  # not a cell a merge covers
                    if not any(cell.coordinate in r for r in sheet.merged_cells.ranges):
                        width = sheet.column_dimensions[cell.column_letter].width
                        assert width >= figure_width(cell.value.date(), "yyyy-mm-dd"), (sheet.title, cell.coordinate)
                        checked += 1
    assert checked > 0
