"""Issue #20 in real Chromium: the admin uploads a 四川 一体化 自评表 (not Ningbo's layout) whose 分值 sit under a
header no alias knows, picks that column in the mapping, previews every line as it will be stored, confirms, and
reads the project page: the printed classes and the table's own 分值."""
import pytest
from playwright.sync_api import expect

from projects.models import Project
from tests.browser.layout import fits_the_width, no_horizontal_scroll
from tests.importing.tolerant_files import sichuan_form, xlsx_bytes

UNIT = "青神县发展和改革局"


@pytest.fixture
def staging(settings, tmp_path):
    settings.UPLOAD_STAGING_DIR = tmp_path / "uploads"


def workbook() -> dict:
    rows = sichuan_form()
    rows[4][7] = "分数"  # not 分值/权重: the import cannot know it holds the points
    return {"name": "工资性支出自评表.xlsx", "buffer": xlsx_bytes({"自评表": rows}),
            "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def previewed(new_page, live_server, **size):
    """The admin's page after uploading the workbook for 青神县发展和改革局."""
    page = new_page("admin", **size)
    page.goto(f"{live_server.url}/projects/upload/?year=2026")
    page.fill("#id_department", UNIT)
    page.set_input_files("#id_file", workbook())
    page.click("#table-upload-preview")
    return page


def test_admin_corrects_a_column_previews_confirms_and_sees_classes_and_points(new_page, live_server, output_dir,
                                                                               staging, admin_user):
    page = previewed(new_page, live_server, width=1366, height=900)

    # The columns found by their headers; 分值 in none of them, so the lines would share the points by class.
    expect(page.locator("#col_indicator")).to_have_value("D")
    expect(page.locator("#col_operator")).to_have_value("E")
    expect(page.locator("#col_points")).to_have_value("")
    stored = page.locator("#upload-stored-table")
    expect(stored).to_contain_text("「由“51000021R000000019951-工资性支出”读出项目代码 51000021R000000019951」")
    page.screenshot(path=str(output_dir / "detected.png"), full_page=True)

    page.select_option("#col_points", "H")
    page.click("#columns-preview")
    lines = page.locator("#upload-stored-table tr.stored-indicator")
    expect(lines).to_have_count(2)
    expect(lines.nth(0).locator("td").nth(8)).to_have_text("60")
    expect(lines.nth(1).locator("td").nth(8)).to_have_text("30")
    expect(lines.nth(0)).to_contain_text("「一级指标“产出指标(50分)”读作 产出指标（括注分值为该类合计）」")
    page.screenshot(path=str(output_dir / "corrected.png"), full_page=True)
    assert Project.objects.count() == 0

    page.click("#confirm-import")
    expect(page.locator(".messages")).to_contain_text("已导入「工资性支出自评表.xlsx」")
    project = Project.objects.get()
    assert (project.code, project.name) == ("51000021R000000019951", "工资性支出")

    page.goto(f"{live_server.url}/projects/{project.pk}/")
    rows = page.locator("tr[data-order]")
    expect(rows).to_have_count(2)
    expect(rows.nth(0).locator("td").nth(1)).to_have_text("产出指标数量指标")
    expect(rows.nth(1).locator("td").nth(1)).to_have_text("产出指标时效指标")
    expect(rows.nth(0).locator("td").nth(7)).to_have_text("0.00 / 60.00")
    expect(rows.nth(1).locator("td").nth(7)).to_have_text("0.00 / 30.00")
    page.screenshot(path=str(output_dir / "project.png"), full_page=True)


def test_on_a_phone_the_columns_and_the_lines_to_store_are_cards_on_the_screen(new_page, live_server, output_dir,
                                                                               staging, admin_user):
    page = previewed(new_page, live_server, width=390, height=844)
    # Each field's column chooser under its name, as wide as the screen allows.
    points = page.locator("#col_points")
    expect(points).to_have_value("")
    assert fits_the_width(points, 390)
    assert page.locator("label[for=col_points]").bounding_box()["y"] < points.bounding_box()["y"]
    points.select_option("H")
    page.click("#columns-preview")
    # Each line to be stored is a card titled by its name, with its 分值, every cell whole on the screen.
    first = page.locator("#upload-stored-table tr.stored-indicator").first
    expect(first.locator("td.card-title")).to_have_text("1. 足额保障率")
    expect(first.locator('td[data-label="分值"]')).to_have_text("60")
    for index in range(first.locator("td:visible").count()):
        assert fits_the_width(first.locator("td:visible").nth(index), 390), index
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(output_dir / "phone.png"), full_page=True)
    page.click("#confirm-import")
    expect(page.locator(".messages")).to_contain_text("已导入「工资性支出自评表.xlsx」")
