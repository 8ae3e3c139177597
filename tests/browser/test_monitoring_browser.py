"""Issue #10 in real Chromium: the finance clerk finds the August round (as of 31 July) from the home page, explains one
red line of a red project, and sees it leave the 待说明 count on the project's 监控表, on /monitoring/ and on the
dashboard; a likelihood of 有可能 without 改进措施 is refused first, next to the field, keeping what was typed.

Today is 2 December 2026 (Beijing): the latest round not after today is 31 July, so /monitoring/ opens on it, while
the dashboard opens on today and is asked for 31 July. Reports as of 31 July (t = 212/365 = 58.08%):

  project 1 设备购置经费: spent 1.20 of 4.60 red; 设备购置数 3 of ≥ 8 yellow; 设备利用率 90 of ≥ 95% red (时点: a
    rate not met); the rest green or without data → 3 lines to explain, the project red
  project 2 培训费: spent 20.00 of 26.33 green; 培训人数 60 of ≥ 162 yellow; 培训计划按期完成度 80 of ≥ 95% green
    (累计: ahead of time); the 定性 line 部分达成 yellow; 培训班次 2 of ≥ 4 green → 2 lines to explain
  every other project has no reports: its budget line and its 累计 lines are red at 31 July.
"""
import datetime
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import expect

from indicators.models import MonitoringNote
from tests.conftest import project
from tests.monitoring.round_scenario import ROUND, indicator, record_august_round

TODAY = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
DASHBOARD = "/?year=2026&as_of=2026-07-31"
EQUIPMENT = "设备购置经费"
RED_LINE = "设备利用率"
MEASURES = "9 月起每周统计设备使用情况，开放周末预约，10 月底前利用率恢复到 95% 以上。"


@pytest.fixture
def december():
    # The live server runs in this process: its "today" is the traveller's.
    with time_machine.travel(TODAY, tick=True):
        yield


@pytest.fixture
def august_reports(december, seeded, finance):
    record_august_round(finance)
    return seeded


def count(text: str) -> int:
    """'待说明 3' → 3; '0' or '' → 0."""
    found = re.search(r"\d+", text)
    return int(found.group()) if found else 0


def dashboard_counts(page, base: str, seq: int) -> tuple[int, int]:
    """(the department's 待说明 total, the project's) on the dashboard as of 31 July."""
    page.goto(base + DASHBOARD)
    expect(page.locator("h1")).to_contain_text("2026")
    row = page.locator(f"#dashboard-table tbody tr[data-seq='{seq}']")
    expect(row).to_have_count(1)
    needs = row.locator(".badge.needs")
    return count(page.locator("#fig-needs").inner_text()), count(needs.inner_text()) if needs.count() else 0


def round_counts(page, seq: int) -> tuple[int, int]:
    """(the round's 待说明 total, the project's) on /monitoring/."""
    row = page.locator(f"#round-table tbody tr[data-seq='{seq}']")
    return count(page.locator("#needs-explanation-total").inner_text()), count(
        row.locator("td.needs-explanation").inner_text())


def test_finance_explains_a_red_line_and_it_leaves_the_needs_explanation_counts(
    new_page, live_server, output_dir, august_reports, finance
):
    equipment = project(1)
    line = indicator(1, 4)
    key = f"ind-{line.pk}"
    page = new_page("finance", width=1440, height=900)
    base = live_server.url

    # Before: the dashboard as of 31 July.
    dash_total, dash_equipment = dashboard_counts(page, base, 1)
    assert dash_equipment == 3, "设备购置经费 has three lines to explain at 31 July"
    assert dash_total > dash_equipment

    # A newcomer starts on the home page and follows the navigation.
    page.goto(base + "/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="运行监控").click()
    page.wait_for_url(re.compile(r"/monitoring/$"))
    # Today is 2 December: the page opens on the round of 31 July without being told.
    expect(page.locator("h1")).to_contain_text("截至 2026-07-31")
    expect(page.locator("#round-filters .round-links a.current")).to_have_text("7月31日")
    expect(page.locator("#time-progress")).to_have_text("58.08%")
    round_total, round_equipment = round_counts(page, 1)
    assert (round_total, round_equipment) == (dash_total, dash_equipment), "the round and the dashboard agree"
    page.screenshot(path=str(output_dir / "round-before.png"), full_page=True)
    # The filled-in workbook is chosen with the page's own button, in the page's language.
    expect(page.locator("#upload-form").get_by_role("button", name="选择文件", exact=True)).to_be_visible()

    # Open the red project from the round's table.
    equipment_row = page.locator("#round-table tbody tr[data-seq='1']")
    expect(equipment_row).to_contain_text("红灯")
    equipment_row.get_by_role("link", name=EQUIPMENT).click()
    page.wait_for_url(re.compile(rf"/monitoring/{equipment.pk}/\?as_of=2026-07-31$"))
    expect(page.locator("h1")).to_have_text(f"监控表：1. {EQUIPMENT}")
    expect(page.locator("#needs-explanation")).to_have_text("3")
    row = page.locator(f"#line-{key}")
    expect(row).to_have_attribute("data-level", "red")
    expect(row.locator(".flag")).to_have_text("待说明")

    # The controls of a line are named after the line and the column, as a screen reader reads them.
    forecast = row.get_by_role("textbox", name=f"{RED_LINE}：全年预计完成值")
    likelihood = row.get_by_role("combobox", name=f"{RED_LINE}：完成目标可能性")
    measures = row.get_by_role("textbox", name=f"{RED_LINE}：改进措施")

    # First try: a reason and 有可能, but no 改进措施.
    row.get_by_label("人员保障").check()
    likelihood.select_option(label="有可能")
    forecast.fill("90")
    page.click("#save")
    expect(page.locator("#sheet-errors")).to_contain_text("有 1 处需要修改")
    # The message sits in the 改进措施 cell, right after the empty textarea, which is marked invalid.
    expect(row).to_have_class(re.compile(r"\bhas-errors\b"))
    error = row.locator(f"td:has(#id_{key}-measures) .errorlist")
    expect(error).to_have_text("完成目标可能性为「有可能」时请填写改进措施。")
    expect(measures).to_have_attribute("aria-invalid", "true")
    expect(measures).to_have_value("")
    # What was typed is all still there.
    expect(row.get_by_label("人员保障")).to_be_checked()
    expect(likelihood).to_have_value("possible")
    expect(forecast).to_have_value("90")
    expect(page.locator("#needs-explanation")).to_have_text("3")
    page.screenshot(path=str(output_dir / "sheet-error.png"), full_page=True)
    assert not MonitoringNote.objects.exists()

    # Second try: with the measures.
    measures.fill(MEASURES)
    page.click("#save")
    expect(page.locator(".message.success")).to_have_text("已保存 1 条监控说明（截至 2026-07-31）。")
    expect(page.locator("#sheet-errors")).to_have_count(0)
    expect(page.locator("#needs-explanation")).to_have_text("2")
    expect(row).to_have_attribute("data-level", "red")  # explained, not excused: still red
    expect(row.locator(".flag")).to_have_count(0)
    expect(row).not_to_contain_text("待说明")
    expect(row.get_by_label("人员保障")).to_be_checked()
    expect(likelihood).to_have_value("possible")
    expect(measures).to_have_value(MEASURES)
    # The other lines to explain are still flagged.
    expect(page.locator("#sheet-table tbody tr.needs-explanation")).to_have_count(2)
    page.screenshot(path=str(output_dir / "sheet-saved.png"), full_page=True)
    note = MonitoringNote.objects.get()
    assert (note.indicator_id, note.as_of, note.reasons, note.likelihood, note.forecast, note.entered_by) == (
        line.pk, ROUND, ["staff"], "possible", Decimal(90), finance
    )

    # Back to the round: one fewer, in the project's row and in the total.
    page.get_by_role("link", name=re.compile("运行监控（截至 2026-07-31）")).click()
    page.wait_for_url(re.compile(r"/monitoring/\?"))
    expect(page.locator("h1")).to_contain_text("截至 2026-07-31")
    assert round_counts(page, 1) == (round_total - 1, round_equipment - 1)
    page.screenshot(path=str(output_dir / "round-after.png"), full_page=True)

    # And on the dashboard as of 31 July.
    assert dashboard_counts(page, base, 1) == (dash_total - 1, dash_equipment - 1)
    page.screenshot(path=str(output_dir / "dashboard-after.png"), full_page=True)
