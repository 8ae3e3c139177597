"""A save after the session ended in another tab, in real Chromium (issue #17): the clerk logs in again, finds
every typed value in place with the message, saves, and the values are stored."""
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import expect

from indicators.models import ExpenditureReport, IndicatorReport
from tests.conftest import project

YEAR_END = datetime(2026, 12, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def training(seeded):
    with time_machine.travel(YEAR_END, tick=True):
        yield project(2)


def test_typed_values_survive_a_logout_in_another_tab(new_page, live_server, output_dir, training, finance):
    line = {i.order: i.pk for i in training.indicators.all()}
    page = new_page("finance", width=1400, height=1000)
    page.goto(f"{live_server.url}/entry/{training.pk}/")
    page.fill(f"#id_ind-{line[1]}-value", "170人")
    page.fill(f"#id_ind-{line[1]}-note", "第二期培训结束")
    page.fill("#id_exp-amount", "20.5")

    other = page.context.new_page()  # the same browser, another tab: its 退出 ends the session of both
    other.goto(f"{live_server.url}/")
    other.get_by_role("button", name="退出").click()
    expect(other.locator(".messages")).to_contain_text("您已安全退出。")
    other.close()

    page.click("#save")
    expect(page.locator("h1")).to_have_text("登录")
    assert IndicatorReport.objects.count() == 0 and ExpenditureReport.objects.count() == 0
    page.fill("#id_username", "finance")
    page.fill("#id_password", "pw-for-tests-2026")
    page.click("button[type=submit]")

    expect(page.locator("h1")).to_have_text(f"填报：2. {training.name}")
    expect(page.locator(".messages")).to_contain_text("登录已过期，您填写的内容尚未保存，请核对后再次保存")
    expect(page.locator(f"#id_ind-{line[1]}-value")).to_have_value("170人")
    expect(page.locator(f"#id_ind-{line[1]}-note")).to_have_value("第二期培训结束")
    expect(page.locator("#id_exp-amount")).to_have_value("20.5")
    page.screenshot(path=str(output_dir / "1-kept-after-login.png"), full_page=True)
    assert IndicatorReport.objects.count() == 0 and ExpenditureReport.objects.count() == 0

    page.click("#save")
    expect(page.locator(".message.success")).to_contain_text("已保存 2 项")
    report = IndicatorReport.objects.get()
    assert (report.indicator_id, report.value, report.note) == (line[1], Decimal(170), "第二期培训结束")
    assert ExpenditureReport.objects.get().amount == Decimal("20.5")
    page.screenshot(path=str(output_dir / "2-saved.png"), full_page=True)
