"""In a real browser: with 155 trained, finance proposes 培训人数 162 → 150 from 1 September from the project page,
withdraws it and proposes it again; an admin approves it after a confirmation showing old → new, and the project page
shows 150 from that date and 162 before it."""
import datetime
import re
from decimal import Decimal

from playwright.sync_api import expect

from indicators.services.reports import record_indicator_report
from projects.services.adjustments import propose_indicator_adjustment
from tests.browser.layout import fits_the_width, keeps_on_one_line, no_horizontal_scroll
from tests.conftest import project


def test_finance_proposes_admin_approves_and_the_project_page_follows_the_date(
    seeded, finance, admin_user, new_page, live_server, output_dir
):
    training = project(2)
    trainees = training.indicators.get(name="培训人数")
    # 155 trained by 20 August: short of 162, enough for 150.
    record_indicator_report(indicator=trainees, user=finance, as_of=datetime.date(2026, 8, 20), value=Decimal(155))

    clerk = new_page("finance")
    clerk.goto(f"{live_server.url}/projects/{training.pk}/")
    clerk.locator("#indicator-table tr[data-order='1']").get_by_role("link", name="提出调整").click()
    expect(clerk.locator("#id_target_text")).to_have_value("162")
    clerk.fill("#id_target_text", "一百五十")
    clerk.fill("#id_effective_date", "2026-09-01")
    clerk.fill("#id_reason", "上级压减培训班次，培训人数相应调减")
    clerk.click("#adjustment-form button[type=submit]")
    expect(clerk.locator("#field-target_text .errorlist")).to_contain_text("目标值不是数字")
    expect(clerk.locator("#id_reason")).to_have_value("上级压减培训班次，培训人数相应调减")
    clerk.screenshot(path=str(output_dir / "proposal-error.png"), full_page=True)
    clerk.fill("#id_target_text", "150")
    clerk.click("#adjustment-form button[type=submit]")
    expect(clerk.locator(".message.success")).to_contain_text("调整申请已提交")
    expect(clerk.locator("#adjustment-table tbody tr").first).to_contain_text("待审批")

    # Withdrawn, then proposed again from the withdrawn one, its values prefilled.
    clerk.locator("#adjustment-table tbody tr").first.get_by_role("button", name="撤回").click()
    expect(clerk.locator(".message.success")).to_contain_text("已撤回该调整申请")
    clerk.locator("#adjustment-table tbody tr").first.get_by_role("link", name="重新提出").click()
    expect(clerk.locator("#id_target_text")).to_have_value("150")
    expect(clerk.locator("#id_reason")).to_have_value("上级压减培训班次，培训人数相应调减")
    clerk.click("#adjustment-form button[type=submit]")
    expect(clerk.locator(".message.success")).to_contain_text("调整申请已提交")

    admin = new_page("admin")
    admin.goto(f"{live_server.url}/adjustments/?state=pending")
    admin.screenshot(path=str(output_dir / "pending-list.png"), full_page=True)
    admin.locator("#adjustment-table tbody tr").first.get_by_role("button", name="批准").click()
    expect(admin.locator("h1")).to_have_text("确认批准该调整？")
    expect(admin.locator(".confirm-box")).to_contain_text("≥ 162 人")
    expect(admin.locator(".confirm-box")).to_contain_text("≥ 150 人")
    admin.screenshot(path=str(output_dir / "confirm-approve.png"), full_page=True)
    admin.click("#confirm-approve")
    expect(admin.locator(".message.success")).to_contain_text("已批准该调整，自 2026-09-01 起生效。")

    clerk.goto(f"{live_server.url}/projects/{training.pk}/?as_of=2026-09-30")
    row = clerk.locator("#indicator-table tr[data-order='1']")
    expect(row).to_contain_text("调整后：≥ 150 人")
    expect(row).to_contain_text("年初：≥ 162 人")
    expect(row.locator(".badge.met")).to_have_text(re.compile("达成"))
    clerk.screenshot(path=str(output_dir / "project-after.png"), full_page=True)
    clerk.goto(f"{live_server.url}/projects/{training.pk}/?as_of=2026-08-31")
    row = clerk.locator("#indicator-table tr[data-order='1']")
    expect(row).not_to_contain_text("调整后")
    expect(row.locator(".badge.not_met")).to_have_text(re.compile("未达成"))


def test_an_admin_decides_adjustments_on_a_phone(seeded, finance, admin_user, new_page, live_server, output_dir):
    # Two pending changes of 设备购置经费's lines: one to approve, one to reject.
    for order, target, reason in ((1, "6", "采购计划调整，设备数量相应调减"), (2, "90", "满意度调查口径调整")):
        line = project(1).indicators.get(order=order)
        propose_indicator_adjustment(
            indicator=line, user=finance, operator="≥", target_text=target, unit=line.unit, weight=None,
            reason=reason, effective_date=datetime.date(2026, 9, 1),
        )
    page = new_page("admin", width=390, height=844)
    page.goto(f"{live_server.url}/adjustments/?state=pending")
    # One card per change, titled by its line, every decision within the screen: nothing to scroll sideways to.
    cards = page.locator("#adjustment-table tbody tr")
    expect(cards).to_have_count(2)
    card = cards.filter(has_text="采购计划调整")
    assert card.locator("td.card-title").bounding_box()["y"] < card.get_by_text("指标目标").bounding_box()["y"]
    expect(card.locator("td.card-title")).to_have_text("1. 设备购置经费：设备购置数")
    assert fits_the_width(card.get_by_role("button", name="批准"), 390)
    assert fits_the_width(card.get_by_role("button", name="驳回"), 390)
    assert fits_the_width(card.get_by_placeholder("驳回原因（必填）"), 390)
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(output_dir / "pending-phone.png"), full_page=True)

    other = cards.filter(has_text="满意度调查口径调整")
    other.get_by_role("button", name="驳回").click()
    expect(page.locator("#adjustment-table .errorlist")).to_be_visible()
    other = page.locator("#adjustment-table tbody tr").filter(has_text="满意度调查口径调整")
    other.get_by_placeholder("驳回原因（必填）").fill("调查口径未见依据")
    other.get_by_role("button", name="驳回").click()
    expect(page.locator(".message.success")).to_be_visible()

    page.locator("#adjustment-table tbody tr").filter(has_text="采购计划调整").get_by_role("button", name="批准").click()
    expect(page.locator("h1")).to_have_text("确认批准该调整？")
    assert no_horizontal_scroll(page)
    page.click("#confirm-approve")
    expect(page.locator(".message.success")).to_contain_text("已批准该调整，自 2026-09-01 起生效。")
    page.goto(f"{live_server.url}/adjustments/")
    decided = page.locator("#adjustment-table tbody tr")
    expect(decided.filter(has_text="采购计划调整").locator(".badge")).to_have_text("已批准")
    expect(decided.filter(has_text="满意度调查口径调整")).to_contain_text("驳回原因：调查口径未见依据")
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(output_dir / "decided-phone.png"), full_page=True)


def test_the_change_record_keeps_each_date_whole_on_a_phone(seeded, admin_user, new_page, live_server, output_dir):
    page = new_page("admin", width=390, height=844)
    page.goto(f"{live_server.url}/adjustments/audit/")
    expect(page.locator("h1")).to_have_text("主数据变更记录")
    page.screenshot(path=str(output_dir / "audit-phone.png"), full_page=False)
    first = "#audit-table tbody tr:first-child td.when"
    day = page.locator(first).inner_text()[:10]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", day)
    # The date stands on one line with the time beneath it, not broken into "2026 / -12- / 05".
    assert keeps_on_one_line(page, first, day)
    assert no_horizontal_scroll(page)
