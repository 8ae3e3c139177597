"""Finance closes the year for project 3 in real Chromium: told what is missing, writes the texts, and the
report carries them; the mid-year monitoring note never shows in the year-end column."""
import datetime
from datetime import datetime as dt
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from docx import Document
from playwright.sync_api import expect

from indicators.models import LineExplanation, ProjectSelfEvaluation
from indicators.services.monitoring import record_monitoring_note
from tests.browser.layout import fits_the_width, no_horizontal_scroll
from tests.conftest import project
from tests.conftest import YEAR_END_REPORTS as SCENARIO

YEAR_END = dt(2026, 12, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def subsidies(seeded, finance):
    with time_machine.travel(YEAR_END, tick=True):
        call_command("import_reports", str(SCENARIO), department="宁波市妇女联合会", year=2026, user="finance",
                     stdout=StringIO())
        p3 = project(3)
        record_monitoring_note(project=p3, indicator=p3.indicators.get(order=5), user=finance,
                               as_of=datetime.date(2026, 7, 31), forecast=Decimal(88), reasons=["staff"],
                               likelihood="possible", measures="七月监控：加强回访")
        yield p3


def test_finance_is_told_what_is_missing_writes_it_and_the_report_shows_it(new_page, live_server, output_dir,
                                                                         subsidies, tmp_path):
    caring, satisfaction = (subsidies.indicators.get(order=order).pk for order in (3, 5))
    page = new_page("finance", width=1400, height=1000)
    page.goto(f"{live_server.url}/self-evaluation/{subsidies.pk}/")
    expect(page.locator("h1")).to_have_text("年终自评：3. 三八红旗手困难补助")
    missing = page.locator("#missing li")
    expect(missing).to_have_count(6)
    expect(missing.first).to_have_text("第 3 项指标「进一步关心关爱困难全国三八红旗手」未达成：请填写偏差原因分析及改进措施。")
    # The 说明 typed at entry is offered, labelled; the July monitoring note is nowhere on the page.
    expect(page.locator(f"#line-{caring}-text")).to_have_value("走访慰问 5 人")
    expect(page.locator(f"#line-{caring}-text-prefill")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("加强回访")
    page.screenshot(path=str(output_dir / "1-missing.png"), full_page=True)

    page.locator("#missing a", has_text="为定性指标").click()
    assert page.url.endswith(f"#line-{caring}-basis")
    page.fill(f"#line-{caring}-basis", "走访 5 人中的 4 人，按部分达成 70% 计。")
    page.fill(f"#line-{caring}-text", "走访慰问 5 人，1 人外出未见面；明年提前约定时间。")
    page.fill(f"#line-{satisfaction}-text", "回访问卷偏少；明年增加回访。")
    page.fill("#project-achievement", "为 4 名困难三八红旗手发放补助，人均 9,200 元。")
    page.fill("#project-problems", "走访未覆盖全部对象。")
    page.fill("#project-measures", "提前约定走访时间。")
    page.click("#save")
    expect(page.locator(".message.success")).to_have_text("已保存 3 项自评说明。")  # two lines and the project texts
    expect(page.locator("#missing-title")).to_have_text("说明已齐全")
    expect(page.locator("#fig-missing")).to_have_text("0 项")
    page.screenshot(path=str(output_dir / "2-complete.png"), full_page=True)
    assert LineExplanation.objects.count() == 2 and ProjectSelfEvaluation.objects.count() == 1

    with page.expect_download() as download:
        page.click("#report-link")
    path = tmp_path / "report.docx"
    download.value.save_as(path)
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "第 3 项「进一步关心关爱困难全国三八红旗手」（定性指标）评价依据：走访 5 人中的 4 人，按部分达成 70% 计。" in text
    assert "实际完成情况：为 4 名困难三八红旗手发放补助，人均 9,200 元。" in text
    assert "加强回访" not in text


def test_on_a_phone_each_line_is_a_card_with_its_explanation_on_screen(new_page, live_server, output_dir, subsidies):
    caring = subsidies.indicators.get(order=3).pk
    page = new_page("finance", width=390, height=844)
    page.goto(f"{live_server.url}/self-evaluation/{subsidies.pk}/")
    expect(page.locator("#line-table thead")).to_be_hidden()
    card = page.locator(f"#line-{caring}")
    expect(card.locator("td.card-title")).to_have_text("进一步关心关爱困难全国三八红旗手")
    expect(card.locator('td[data-label="得分"]')).to_be_visible()
    # Every box a clerk writes in lies whole on the screen: nothing to scroll sideways to.
    boxes = page.locator("#budget-table textarea, #line-table textarea")
    assert boxes.count() >= 6
    for index in range(boxes.count()):
        assert fits_the_width(boxes.nth(index), 390), boxes.nth(index).get_attribute("id")
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(output_dir / "phone.png"), full_page=True)
    page.fill(f"#line-{caring}-basis", "走访 5 人中的 4 人，按部分达成 70% 计。")
    page.click("#save")
    expect(page.locator(".message.success")).to_have_text("已保存 1 项自评说明。")


def test_a_reviewer_records_a_deduction_on_a_phone(new_page, live_server, output_dir, subsidies, reviewer):
    # 设备购置经费's first line, 设备购置数, is far above its target (超额较多): the one line a reviewer may deduct from.
    purchase = project(1).indicators.get(order=1).pk
    page = new_page("reviewer", width=390, height=844)
    page.goto(f"{live_server.url}/self-evaluation/{project(1).pk}/")
    form = page.locator(f"#deduct-{purchase}")
    expect(form).to_contain_text("第 1 项「设备购置数」 超额较多")
    # Each field under its name and whole on the screen: nothing to scroll sideways to.
    points, reason = form.get_by_label("扣分", exact=True), form.get_by_label("扣分原因")
    for field in (points, reason):
        assert fits_the_width(field, 390)
    assert form.get_by_text("扣分原因").bounding_box()["y"] < reason.bounding_box()["y"]
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(output_dir / "deduction-phone.png"), full_page=True)
    points.fill("5")
    reason.fill("年初目标按 8 台测算偏低。")
    form.get_by_role("button", name="记录扣分").click()
    expect(page.locator(f"#line-{purchase} .deduction")).to_have_text("偏离度扣分 5.00 分：年初目标按 8 台测算偏低。")
    assert no_horizontal_scroll(page)
