"""Issue #17 item 2 in real Chromium at 1366×900: finance uploads a reports file on /entry/ with one bad row (refused,
its line named, nothing written), fixes it, previews what will be written, confirms, and reads the values on the
entry pages. Today is 2 December 2026 (Beijing)."""

from playwright.sync_api import expect

from indicators.models import ExpenditureReport, IndicatorReport
from tests.browser.layout import fits_the_width, no_horizontal_scroll
from tests.conftest import project

HEADER = "项目序号,指标序号,实际值,档次,得分率,截至日期,说明"
GOOD = ["1,,4.14,,,2026-11-20,设备采购已付款", "1,1,10,,,2026-11-20,", "1,2,96,,,2026-11-20,问卷 50 份"]
BAD = "1,4,九十,,,2026-11-20,"  # 设备利用率 typed in words: refused
FIXED = "1,4,90,,,2026-11-20,"


def reports_file(lines: list[str]) -> dict:
    return {"name": "7月填报.csv", "mimeType": "text/csv", "buffer": "\n".join([HEADER, *lines]).encode("gb18030")}


def test_finance_uploads_a_file_fixes_the_bad_row_previews_and_confirms(
        new_page, live_server, output_dir, uploads_in_december, seeded, finance):
    page = new_page("finance", width=1366, height=900)
    page.goto(f"{live_server.url}/entry/?year=2026")
    upload = page.locator("#reports-upload")
    expect(upload).to_contain_text("批量导入")

    # The file button speaks Chinese (not the browser's "Choose File") and shows the name chosen.
    expect(upload.locator("button", has_text="选择文件")).to_be_visible()
    expect(upload.locator(".file-name")).to_have_text("未选择文件")

    # One bad row: nothing is written, the row and its column are named.
    page.set_input_files("#id_file", reports_file([*GOOD, BAD]))
    expect(upload.locator(".file-name")).to_have_text("7月填报.csv")
    page.screenshot(path=str(output_dir / "entry-upload-form.png"), full_page=True)
    page.click("#upload-preview")
    expect(page.locator("#upload-refused")).to_contain_text("未写入任何记录：共 1 处问题")
    expect(page.locator("#upload-refusals li")).to_have_text(["第 5 行「实际值」请输入数字：'九十'"])
    expect(page.locator("#confirm-import")).to_have_count(0)
    page.screenshot(path=str(output_dir / "refused.png"), full_page=True)
    assert IndicatorReport.objects.count() == 0 and ExpenditureReport.objects.count() == 0

    # Fixed: the preview lists every row, old → new, still nothing written.
    page.set_input_files("#id_file", reports_file([*GOOD, FIXED]))
    page.click("#upload-preview")
    rows = page.locator("#upload-preview-table tbody tr")
    expect(rows).to_have_count(4)
    expect(rows.nth(0)).to_contain_text("累计支出")
    expect(rows.nth(0).locator("td.new")).to_have_text("4.14 万元")
    expect(rows.nth(2).locator("td.old")).to_have_text("（无）")
    expect(rows.nth(2).locator("td.new")).to_have_text("96 %")
    expect(rows.nth(3)).to_contain_text("设备利用率")
    expect(page.locator("#upload-result")).to_contain_text("指标完成值 3 条、支出 1 条")
    no_scroll = no_horizontal_scroll(page)
    page.screenshot(path=str(output_dir / "preview.png"), full_page=True)
    assert no_scroll and IndicatorReport.objects.count() == 0

    page.click("#confirm-import")
    expect(page.locator(".messages")).to_contain_text("已导入「7月填报.csv」：指标完成值 3 条、支出 1 条。")
    equipment = page.locator("#entry-projects tbody tr[data-project='1']")
    expect(equipment.locator("td").nth(5)).to_have_text("4.14")
    expect(equipment.locator("td.missing")).to_contain_text("2 项未填报")
    page.screenshot(path=str(output_dir / "imported.png"), full_page=True)

    page.goto(f"{live_server.url}/entry/{project(1).pk}/")
    expect(page.locator("body")).to_contain_text("96")
    assert IndicatorReport.objects.count() == 3 and ExpenditureReport.objects.count() == 1


def test_on_a_phone_each_previewed_row_is_a_card_on_the_screen(
        new_page, live_server, output_dir, uploads_in_december, seeded, finance):
    page = new_page("finance", width=390, height=844)
    page.goto(f"{live_server.url}/entry/upload/")
    page.set_input_files("#id_file", reports_file([*GOOD, FIXED]))
    page.click("#upload-preview")
    cards = page.locator("#upload-preview-table tbody tr")
    expect(cards).to_have_count(4)
    satisfaction = cards.nth(2)
    # The card is titled by its line, and every cell of it, the date and the note too, lies whole on the screen.
    expect(satisfaction.locator("td.card-title")).to_have_text("指标 2「使用人员满意度」")
    expect(satisfaction.locator('td[data-label="说明"]')).to_have_text("问卷 50 份")
    for index in range(satisfaction.locator("td").count()):
        assert fits_the_width(satisfaction.locator("td").nth(index), 390), index
    assert fits_the_width(page.locator("#confirm-import"), 390)
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(output_dir / "preview-phone.png"), full_page=True)
    page.click("#confirm-import")
    expect(page.locator(".messages")).to_contain_text("已导入「7月填报.csv」：指标完成值 3 条、支出 1 条。")
