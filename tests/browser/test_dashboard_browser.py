"""The manager's dashboard in real Chromium: load, sort by score, filter by grade, open a project; screenshots."""
import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from indicators.services.reports import record_expenditure, record_indicator_report
from projects.models import Indicator
from tests.browser.layout import stands_beside_its_words
from tests.conftest import project

TODAY = datetime(2026, 11, 25, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def reported(seeded, finance, manager):
    """A few reports so that the charts and grades differ: 1 scores 100 (优), 3 scores 87 (良)."""
    with time_machine.travel(TODAY, tick=False):
        as_of = date(2026, 11, 20)
        record_expenditure(project=project(1), user=finance, as_of=as_of, amount=Decimal("4.60"))
        for order, value in [(1, "8"), (2, "96"), (3, "6"), (4, "95"), (5, "98")]:
            record_indicator_report(indicator=Indicator.objects.get(project=project(1), order=order), user=finance,
                                    as_of=as_of, value=Decimal(value))
        record_expenditure(project=project(3), user=finance, as_of=as_of, amount=Decimal("4.60"))
        for order, value in [(1, "4"), (2, "100"), (4, "9200")]:
            record_indicator_report(indicator=Indicator.objects.get(project=project(3), order=order), user=finance,
                                    as_of=as_of, value=Decimal(value))
        record_indicator_report(indicator=Indicator.objects.get(project=project(3), order=3), user=finance,
                                as_of=as_of, tier="achieved")
    return seeded


def seqs(page) -> list[str]:
    return page.locator("#dashboard-table tbody tr td:first-child").all_inner_texts()


def test_a_manager_sorts_filters_and_opens_a_project(new_page, reported, output_dir):
    page = new_page("manager")
    page.goto(page.url.split("/accounts")[0] + "/?as_of=2026-11-25")
    assert "2026 年预算绩效总览" in page.locator("h1").inner_text()
    assert page.locator("#fig-budget").inner_text() == "1,386.30"
    assert page.locator("#dashboard-table tfoot").inner_text().count("1,386.30") == 1
    # The charts are drawn by the local library (SVG renderer), from the embedded JSON.
    page.wait_for_selector("#chart-budget svg")
    page.wait_for_selector("#chart-status svg")
    page.wait_for_selector("#chart-score svg")
    assert page.locator("#chart-status").inner_text().count("未填报") >= 1
    page.screenshot(path=output_dir / "dashboard-1366x768.png", full_page=False)
    page.screenshot(path=output_dir / "dashboard-1366x768-full.png", full_page=True)

    page.click("#dashboard-table th[data-sort=score] a")
    page.wait_for_url(re.compile(r"sort=score&dir=desc"))
    # 1: 100 (优); 3: 10 + 50 + 30 + 0 (满意度 not reported) = 90 (优); then the zeros in 序号 order.
    assert seqs(page)[:4] == ["1", "3", "2", "4"]
    assert page.locator("#dashboard-table th[data-sort=score]").get_attribute("aria-sort") == "descending"

    page.select_option("select[name=grade]", "优")
    page.click("#dashboard-filters button[type=submit]")
    page.wait_for_url(re.compile(r"grade="))
    assert seqs(page) == ["1", "3"]  # still sorted by score
    assert "合计（2 个项目）" in page.locator("#dashboard-table tfoot").inner_text()

    page.click("#dashboard-table >> text=三八红旗手困难补助")
    page.wait_for_url(re.compile(r"/projects/\d+/"))
    assert page.locator("#fig-total").inner_text() == "90.00"
    assert page.locator("#fig-grade").inner_text() == "优"
    assert "预算执行率" in page.locator("#score-card").inner_text()
    page.screenshot(path=output_dir / "project-1366x768.png", full_page=True)


def test_the_dashboard_fits_a_phone_and_shows_the_table_without_javascript(browser, live_server, reported,
                                                                           new_page, output_dir):
    page = new_page("manager", width=390, height=844)
    page.goto(f"{live_server.url}/?as_of=2026-11-25")
    page.wait_for_selector("#chart-score svg")
    # Nothing wider than the screen but the table, which scrolls inside its own frame.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width}px wide on a 390px screen"
    assert page.locator("#dashboard-table th.hide-phone").first.is_hidden()
    assert stands_beside_its_words(page, "#dashboard-filters input[name=needs]")
    page.screenshot(path=output_dir / "dashboard-390x844.png", full_page=False)
    page.screenshot(path=output_dir / "dashboard-390x844-full.png", full_page=True)

    context = browser.new_context(java_script_enabled=False, viewport={"width": 1366, "height": 768})
    try:
        plain = context.new_page()
        plain.goto(f"{live_server.url}/accounts/login/")
        plain.fill("#id_username", "manager")
        plain.fill("#id_password", "pw-for-tests-2026")
        plain.click("button[type=submit]")
        plain.goto(f"{live_server.url}/?as_of=2026-11-25&sort=score&dir=desc")
        assert plain.locator("#dashboard-table tbody tr").count() == 15
        assert "图表需要启用 JavaScript" in plain.locator("#chart-budget").inner_text()
        plain.emulate_media(media="print")
        plain.screenshot(path=output_dir / "dashboard-print.png", full_page=True)
        assert plain.locator(".charts").is_hidden() and plain.locator("#dashboard-filters").is_hidden()
    finally:
        context.close()
