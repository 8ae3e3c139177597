"""Phones, print and the dashboard's hover texts in real Chromium (issue #17 items 4 and 5); screenshots saved."""
import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import expect

from indicators.services.monitoring import record_monitoring_note
from indicators.services.reports import record_expenditure, record_indicator_report
from projects.models import Project
from tests.browser.layout import fits_the_width, no_horizontal_scroll
from tests.conftest import project

TODAY = datetime(2026, 11, 25, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}
XSS_NAME = '"><img src=x onerror=alert(1)>'


@pytest.fixture
def today():
    with time_machine.travel(TODAY, tick=True):
        yield


@pytest.fixture
def reported(seeded, finance, manager, today):
    """Project 2 with values, a spend and a note; project 1 with a standard below its target (red)."""
    training = project(2)
    as_of = date(2026, 11, 20)
    record_expenditure(project=training, user=finance, as_of=as_of, amount=Decimal("13.00"))
    for indicator, value in zip(training.indicators.order_by("order"), ["170", "90", None, "", "3"], strict=False):
        if value:
            record_indicator_report(indicator=indicator, user=finance, as_of=as_of, value=Decimal(value),
                                    note="培训班学员名单已归档，详见附件" * 3)
    record_monitoring_note(project=training, indicator=training.indicators.get(order=2), user=finance,
                           as_of=date(2026, 7, 31), forecast=Decimal(95), reasons=["经费保障"])
    record_indicator_report(indicator=project(1).indicators.get(order=4), user=finance, as_of=as_of,
                            value=Decimal(93))
    return seeded


PAGES = {
    "entry-list": "/entry/",
    "monitoring-round": "/monitoring/?as_of=2026-07-31",
    "entry": "/entry/{p}/",
    "monitoring": "/monitoring/{p}/?as_of=2026-07-31",
    "history": "/history/project/{p}/",
    "history-line": "/history/indicator/{i}/",
    "dashboard": "/",
    "project": "/projects/{p}/",
}


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_the_clerks_pages_fit_the_screen_without_scrolling_sideways(new_page, live_server, output_dir, reported,
                                                                     size):
    training = project(2)
    page = new_page("finance", **size)
    for name, address in PAGES.items():
        page.goto(live_server.url + address.format(p=training.pk, i=training.indicators.get(order=1).pk))
        page.wait_for_load_state("networkidle")
        page.screenshot(path=output_dir / f"{name}.png", full_page=True)
        assert no_horizontal_scroll(page), name
    if size is PHONE:
        # One card per indicator: name, target, current value, the input and the status, all on screen.
        page.goto(f"{live_server.url}/entry/{training.pk}/")
        card = page.locator("#entry-table tbody tr").first
        expect(page.locator("#entry-table thead")).to_be_hidden()
        assert fits_the_width(card, PHONE["width"])
        for label in ["年度目标", "当前值", "本次填报", "状态与得分"]:
            cell = card.locator(f'td[data-label="{label}"]')
            expect(cell).to_be_visible()
            assert fits_the_width(cell, PHONE["width"]), label
        expect(card.locator("input.entry-number")).to_be_visible()
        # The project page reads the same way: one card per indicator, its monitoring status and why on screen.
        page.goto(f"{live_server.url}/projects/{training.pk}/")
        expect(page.locator("#indicator-table thead")).to_be_hidden()
        card = page.locator('#indicator-table tr[data-order="1"]')
        expect(card.locator("td.card-title")).to_have_text("培训人数")
        for label in ["年度目标值", "实际完成值", "得分 / 分值", "监控状态"]:
            cell = card.locator(f'td[data-label="{label}"]')
            expect(cell).to_be_visible()
            assert fits_the_width(cell, PHONE["width"]), label
        # The lists of projects too: one short card per project, titled by its number and name, each figure on one
        # line beside its name, on screen.
        for address, card, labels in (
            ("/entry/", "#entry-projects tbody tr[data-project='2']", ["未填报指标", "累计支出(万元)", "等级"]),
            ("/monitoring/?as_of=2026-07-31", "#round-table tbody tr[data-seq='2']", ["执行率", "监控等级", "待说明"]),
        ):
            page.goto(live_server.url + address)
            expect(page.locator(f"{card} td.card-title")).to_have_text("2. 培训费")
            for label in labels:
                cell = page.locator(f'{card} td[data-label="{label}"]')
                assert fits_the_width(cell, PHONE["width"]), (address, label)
                assert cell.bounding_box()["height"] < 40, (address, label)  # one line: the name beside the figure


def test_the_dashboard_prints_on_at_most_two_a4_pages(new_page, live_server, output_dir, reported):
    page = new_page("manager", **LAPTOP)
    page.goto(f"{live_server.url}/")
    page.wait_for_function("document.documentElement.dataset.chartsReady === '1'")
    page.emulate_media(media="print")
    page.screenshot(path=output_dir / "dashboard-print.png", full_page=True)
    pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=False)
    (output_dir / "dashboard.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= pages <= 2, f"{pages} A4 pages"


def test_a_red_status_explains_itself_on_hover(new_page, live_server, reported):
    page = new_page("manager", **LAPTOP)
    page.goto(f"{live_server.url}/")
    badge = page.locator('#dashboard-table tr[data-seq="1"] td:last-child .badge').first
    assert badge.inner_text() == "滞后"
    title = badge.get_attribute("title").split("\n")
    assert title[0] == "红灯（严重滞后）" and "设备利用率 93% 未达目标 95%" in title
    assert "预算执行率 0.00%，低于序时进度 90.14%" in title  # nothing spent on project 1 in this story
    page.goto(f"{live_server.url}/projects/{project(1).pk}/")
    expect(page.locator("#level-explanations")).to_contain_text("设备利用率 93% 未达目标 95%")


def test_a_project_name_holding_html_shows_as_text_in_the_chart_tooltip(new_page, live_server, output_dir,
                                                                       reported):
    Project.objects.filter(pk=project(1).pk).update(name=XSS_NAME)
    page = new_page("manager", **LAPTOP)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{live_server.url}/")
    page.wait_for_function("document.documentElement.dataset.chartsReady === '1'")
    for chart in ["chart-budget", "chart-score"]:
        page.evaluate(
            "id => echarts.getInstanceByDom(document.getElementById(id))"
            ".dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 0})", chart)
        tooltip = page.locator(f"#{chart} div", has_text="onerror").last
        expect(tooltip).to_contain_text(f"1. {XSS_NAME}")
    page.screenshot(path=output_dir / "tooltip.png")
    page.wait_for_timeout(300)
    assert page.locator("img[src=x]").count() == 0
    assert dialogs == []


def test_the_dashboard_of_a_year_without_data_shows_no_poor_grade(new_page, live_server, output_dir, seeded, manager,
                                                                  today):
    for size, name in [(LAPTOP, "laptop"), (PHONE, "phone")]:
        page = new_page("manager", **size)
        page.goto(f"{live_server.url}/")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=output_dir / f"empty-year-{name}.png", full_page=True)
        table = page.locator("#dashboard-table").inner_text()
        assert "差" not in table and "未填报" in table
        expect(page.locator("#chart-status")).to_have_text("暂无数据（85 项指标均未填报）")
        assert no_horizontal_scroll(page)
