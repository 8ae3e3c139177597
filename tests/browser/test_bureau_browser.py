"""财政人员 in real Chromium: the city page, sort by score, open the worst department, export the city, download."""
import re

import openpyxl
import pytest
from playwright.sync_api import expect

from core.roles import BUREAU
from indicators.demo_data import load_demo
from tests.browser.layout import fits_the_width, no_horizontal_scroll, stands_beside_its_words
from tests.bureau.helpers import submit
from tests.conftest import make_user, project


@pytest.fixture
def city(settings, tmp_path):
    settings.CELERY_BROKER_URL = ""  # in-process: the live server's own thread runs the job
    settings.JOB_FILES_DIR = tmp_path / "jobs"
    load_demo(departments=3, projects=45, seed=2026, year=2026)
    make_user("czj", group=BUREAU, first_name="财政局甲")


def names(page) -> list[str]:
    return page.locator("#bureau-table tbody tr td:nth-child(2)").all_inner_texts()


def test_the_bureau_sorts_opens_the_worst_department_and_downloads_the_city_export(new_page, city, output_dir,
                                                                                  tmp_path):
    page = new_page("czj")
    base = page.url.split("/accounts")[0]
    page.click("nav.main-nav >> text=财政局")
    page.goto(f"{base}/bureau/?year=2026&as_of=2026-07-31")
    assert page.locator("h1").inner_text() == "2026 年各部门预算绩效总览（财政局）"
    assert page.locator("#fig-budget").inner_text() == "4,032.26"
    page.wait_for_selector("#chart-score-spread svg")
    page.wait_for_selector("#chart-execution-spread svg")
    page.screenshot(path=output_dir / "bureau-1366x768-full.png", full_page=True)

    page.click("#bureau-table th[data-sort=score] a")  # first click: highest average first
    page.wait_for_url(re.compile(r"sort=score&dir=desc"))
    assert names(page) == ["海曙区妇女联合会", "江北区妇女联合会", "北仑区妇女联合会"]
    page.click("#bureau-table th[data-sort=score] a")
    page.wait_for_url(re.compile(r"sort=score&dir=asc"))
    assert names(page)[0] == "北仑区妇女联合会"
    assert page.locator("#bureau-table th[data-sort=score]").get_attribute("aria-sort") == "ascending"

    page.click("#bureau-table tbody tr:first-child td:nth-child(2) a")
    page.wait_for_url(re.compile(r"department=demo-0003"))
    assert page.locator("h1").inner_text() == "北仑区妇女联合会 2026 年预算绩效总览"
    assert page.locator("#fig-average-score").inner_text() == "57.13"
    page.go_back()

    page.click("#start-city-export")
    page.wait_for_url(re.compile(r"/bureau/jobs/\d+/$"))
    page.wait_for_selector("#job-ready:not([hidden])")
    assert page.locator("#job-progress").evaluate("bar => bar.value") == 100
    assert page.locator("#job-done").inner_text() == "45" and page.locator("#job-state").inner_text() == "已完成"
    page.screenshot(path=output_dir / "bureau-job.png", full_page=True)
    with page.expect_download() as download_info:
        page.click("#job-download")
    download = download_info.value
    assert download.suggested_filename == "2026年全市项目绩效评价汇总（截至2026-07-31）.xlsx"
    path = tmp_path / "city.xlsx"
    download.save_as(path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["各部门汇总", "项目汇总", "抽查复核"]
    assert workbook["各部门汇总"].cell(row=6, column=2).value == "全市合计"


@pytest.mark.parametrize("width", [390, 768], ids=["phone", "tablet"])
def test_the_bureau_pages_fit_a_phone_and_a_tablet_without_scrolling_sideways(new_page, city, output_dir, width):
    page = new_page("czj", width=width, height=844)
    base = page.url.split("/accounts")[0]
    for name, address in [("bureau", "/bureau/?year=2026&as_of=2026-07-31"),
                          ("spot-checks", "/bureau/spot-checks/?year=2026"), ("jobs", "/bureau/jobs/")]:
        page.goto(base + address)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=output_dir / f"{name}.png", full_page=True)
        assert no_horizontal_scroll(page), name
    page.goto(f"{base}/bureau/?year=2026&as_of=2026-07-31")
    assert stands_beside_its_words(page, "#bureau-filters input[name=needs]")
    page.wait_for_selector("#chart-score-spread svg")
    # The 16 columns stay one table: it scrolls within its own frame, the page does not.
    frame = page.locator("#bureau-table").locator("xpath=..")
    assert frame.evaluate("el => getComputedStyle(el).overflowX") == "auto"
    assert frame.evaluate("el => el.clientWidth") <= width
    assert names(page) == ["海曙区妇女联合会", "江北区妇女联合会", "北仑区妇女联合会"]


def test_a_spot_check_note_is_written_on_a_phone(new_page, live_server, output_dir, seeded, finance, czj):
    for seq in (1, 2):
        submit(project(seq), finance)
    training = project(2)
    page = new_page("czj", width=390, height=844)
    page.goto(f"{live_server.url}/bureau/spot-checks/?year=2026&seed=2026&share=100")
    expect(page.locator("#draw-count")).to_have_text("2")
    expect(page.locator("#spot-check-table thead")).to_be_hidden()
    card = page.locator(f"#project-{training.pk}")
    # Each choice beside its words; the reasons box whole on the screen.
    for verdict in ("agrees", "disagrees"):
        assert stands_beside_its_words(page, f"#project-{training.pk} input[name=verdict][value={verdict}]")
    assert fits_the_width(card.locator("textarea[name=remarks]"), 390)
    assert no_horizontal_scroll(page)
    page.screenshot(path=output_dir / "spot-check-phone.png", full_page=True)
    card.get_by_label("不同意自评得分").check()
    card.locator("input[name=recomputed_score]").fill("20")
    card.locator("textarea[name=remarks]").fill("培训人数的佐证不足，按未达成计。")
    card.get_by_role("button", name="保存复核意见").click()
    expect(page.locator(f"#project-{training.pk}")).to_contain_text("复核得分 20.00：培训人数的佐证不足，按未达成计。")
