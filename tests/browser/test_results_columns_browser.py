"""The 自评表 column choice in real Chromium: finance uploads last year's 自评表 whose 实际完成值 sit under a header no
alias knows, is refused with the column asked for, chooses it on the page, previews the file's own values again,
confirms, and the ledger holds those values as of 31 December. Today is 2 December 2026 (Beijing)."""
import datetime
from decimal import Decimal

from playwright.sync_api import expect

from indicators.models import IndicatorReport
from tests.browser.layout import fits_the_width, no_horizontal_scroll
from tests.importing.test_results_import import HEADER, reports, self_evaluation
from tests.importing.tolerant_files import xlsx_bytes
from tests.uploads.test_results_upload import clerk, unit  # noqa: F401
from tests.uploads.test_results_upload_columns import NO_ACTUAL, with_header

END = datetime.date(2025, 12, 31)
FILENAME = "自评表.xlsx"


def workbook() -> dict:
    """The 自评表 with actuals that are not its targets (15 台, 96.5 %), as numbers, under 本年完成情况 (column H)."""
    rows = with_header(self_evaluation(), [*HEADER[:7], "本年完成情况", *HEADER[8:]])
    rows[4][7], rows[5][7] = 15, 96.5
    return {"name": FILENAME, "buffer": xlsx_bytes({"自评表": rows}),
            "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def previewed(new_page, live_server, **size):
    """The clerk's page after uploading the 自评表 of 2025, refused for want of its 实际完成值 column."""
    page = new_page("clerk", **size)
    page.goto(f"{live_server.url}/entry/results/")
    page.fill("#id_year", "2025")
    page.set_input_files("#id_file", workbook())
    page.click("#upload-preview")
    return page


def test_finance_chooses_the_actual_column_previews_the_files_values_and_confirms(
        new_page, live_server, output_dir, uploads_in_december, unit, clerk):  # noqa: F811
    page = previewed(new_page, live_server, width=1366, height=900)

    # Refused: no column read as 实际完成值, its select says why, nothing to confirm.
    refusal = f"工作表「自评表」{NO_ACTUAL}"  # a workbook's rows are named with their sheet
    expect(page.locator("#upload-refusals li")).to_have_text([refusal])
    expect(page.locator("#col_actual")).to_have_value("")
    expect(page.locator("#col_actual-errors")).to_have_text(refusal)
    expect(page.locator("#confirm-import")).to_have_count(0)
    page.screenshot(path=str(output_dir / "refused.png"), full_page=True)

    page.select_option("#col_actual", "H")
    page.click("#columns-preview")
    expect(page.locator("#upload-summary")).to_contain_text("预览（尚未写入）：大英县司法局 2025 年自评表：导入实际完成值 3 条")
    expect(page.locator("#col_actual")).to_have_value("H")
    expect(page.locator("#upload-preview-table tbody td.new")).to_have_text(["15 台", "96.5 %", "达成"])
    page.screenshot(path=str(output_dir / "chosen.png"), full_page=True)
    assert IndicatorReport.objects.count() == 0  # still only a preview

    page.click("#confirm-import")
    expect(page.locator(".messages")).to_contain_text(
        f"已导入「{FILENAME}」：大英县司法局 2025 年自评表：导入实际完成值 3 条（截至 2025-12-31）")
    page.screenshot(path=str(output_dir / "imported.png"), full_page=True)
    note = f"导入自评表：{FILENAME}"
    assert reports() == [("购置安可电脑台数", END, Decimal("15"), "", note), ("验收合格率", END, Decimal("96.5"), "", note),
                         ("办公保障能力", END, None, "achieved", note)]


def test_on_a_phone_the_column_choice_and_the_preview_fit_the_screen(
        new_page, live_server, output_dir, uploads_in_december, unit, clerk):  # noqa: F811
    page = previewed(new_page, live_server, width=390, height=844)
    assert fits_the_width(page.locator("#col_actual"), 390)
    page.select_option("#col_actual", "H")
    page.click("#columns-preview")
    # One card per value to import, titled by its indicator, the value and its date whole on the screen.
    cards = page.locator("#upload-preview-table tbody tr")
    expect(cards.locator("td.card-title")).to_have_text(["购置安可电脑台数", "验收合格率", "办公保障能力"])
    computers = cards.first
    expect(computers.locator("td.new")).to_have_text("15 台")
    for cell in ("td.new", "td.day"):
        assert fits_the_width(computers.locator(cell), 390), cell
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(output_dir / "phone.png"), full_page=True)
