"""The published-table preview's locks in real Chromium: with project 1's year-end self-evaluation 已送审, the admin
uploads a table that changes it (refused in the preview, the project named with the lock's words, no 确认导入), then
one that leaves it as it is and changes project 2 (previewed, confirmed, written). Today is 2 December 2026 (Beijing)."""

import pytest
from playwright.sync_api import expect

from projects.choices import ReviewAction
from tests.conftest import DEPARTMENT_NAME, project
from tests.importing.helpers import NAME, Table
from tests.uploads.test_table_preview_locks import PROJECT_1, PROJECT_2, SUBMITTED, WHAT_TO_DO, move

FILENAME = "绩效目标表.txt"


@pytest.fixture
def submitted(uploads_in_december, seeded, finance):
    """Project 1 已送审; the others 填报中."""
    move(1, ReviewAction.SUBMIT, user=finance)


def table_file(table: Table) -> dict:
    return {"name": FILENAME, "mimeType": "text/plain", "buffer": table.text().encode()}


def test_a_table_changing_a_submitted_project_is_refused_one_leaving_it_is_imported(new_page, live_server, output_dir,
                                                                                      submitted, admin_user):
    page = new_page("admin", width=1366, height=900)
    page.goto(f"{live_server.url}/projects/upload/?year=2026")
    page.fill("#id_department", DEPARTMENT_NAME)
    page.set_input_files("#id_file", table_file(
        Table().set(PROJECT_1, NAME, "设备购置经费（调整）").set(PROJECT_2, NAME, "培训费（调整）")))
    page.click("#table-upload-preview")

    # Only the locked project is named (project 2 is open), and nothing can be confirmed.
    expect(page.locator("#upload-refused")).to_contain_text("未写入任何数据：共 2 处问题")
    expect(page.locator("#upload-refusals li")).to_have_text([WHAT_TO_DO, SUBMITTED])
    expect(page.locator("#confirm-import")).to_have_count(0)
    page.screenshot(path=str(output_dir / "refused.png"), full_page=True)

    page.fill("#id_department", DEPARTMENT_NAME)
    page.set_input_files("#id_file", table_file(Table().set(PROJECT_2, NAME, "培训费（调整）")))
    page.click("#table-upload-preview")
    expect(page.locator("#upload-summary")).to_contain_text("更新 1（项目 1 个、指标 0 个）")
    expect(page.locator("#upload-refusals")).to_have_count(0)
    page.screenshot(path=str(output_dir / "preview.png"), full_page=True)

    page.click("#confirm-import")
    expect(page.locator(".messages")).to_contain_text(
        f"已导入「{FILENAME}」：{DEPARTMENT_NAME} 2026 年：新建项目 0 个、指标 0 个；更新 1（项目 1 个、指标 0 个）")
    page.screenshot(path=str(output_dir / "imported.png"), full_page=True)
    assert (project(1).name, project(2).name) == ("设备购置经费", "培训费（调整）")
