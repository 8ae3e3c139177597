"""In a real browser: project 2 is scored by its own 分值 (30, 20, 10, 20, 10 with the budget line's 10). Finance
opens 「调整分值」 from the project page, sees the running total say the new 分值 do not foot, corrects them and
proposes 10, 30, 10, 30, 10 from 1 September; an admin approves after the confirmation; the project page then scores
with the new 分值 from that date (90.00) and the old before it (80.00)."""
import datetime
from decimal import Decimal

from playwright.sync_api import expect

from indicators.services.reports import record_expenditure, record_indicator_report
from tests.adjustments.conftest import YEAR_START_POINTS, give_points
from tests.conftest import project


def test_finance_proposes_new_points_admin_approves_and_the_project_page_scores_with_them(
    seeded, finance, admin_user, new_page, live_server, output_dir
):
    training = project(2)
    give_points(training, YEAR_START_POINTS)
    july = datetime.date(2026, 7, 31)
    lines = list(training.indicators.order_by("order"))
    for line, value in zip(lines, ["81", "95", None, "90", "2"], strict=True):
        if value is None:
            record_indicator_report(indicator=line, user=finance, as_of=july, tier="achieved")
        else:
            record_indicator_report(indicator=line, user=finance, as_of=july, value=Decimal(value))
    record_expenditure(project=training, user=finance, as_of=july, amount=Decimal("26.33"))

    clerk = new_page("finance")
    clerk.goto(f"{live_server.url}/projects/{training.pk}/?as_of=2026-09-30")
    expect(clerk.locator("#fig-total")).to_have_text("80.00")
    clerk.click("#propose-points")
    expect(clerk.locator("h1")).to_contain_text("调整分值")
    expect(clerk.locator("#points-total")).to_contain_text("100.00 分，合计正确")
    inputs = [clerk.locator(f"#id_points_{line.pk}") for line in lines]
    expect(inputs[0]).to_have_value("30.00")
    for field, value in zip(inputs, ["10", "30", "10", "30", "20"], strict=True):
        field.fill(value)
    expect(clerk.locator("#points-total")).to_contain_text("110.00 分，应为 100.00 分")
    clerk.fill("#id_effective_date", "2026-09-01")
    clerk.fill("#id_reason", "培训班次减少，分值向完成度和满意度倾斜")
    clerk.click("#adjustment-form button[type=submit]")
    expect(clerk.locator("#adjustment-form .errorlist").first).to_contain_text(
        "各指标分值合计 100.00 分，加预算执行 10.00 分为 110.00 分，应为 100.00 分")
    clerk.screenshot(path=str(output_dir / "points-not-footing.png"), full_page=True)
    clerk.locator(f"#id_points_{lines[4].pk}").fill("10")
    expect(clerk.locator("#points-total")).to_contain_text("100.00 分，合计正确")
    clerk.click("#adjustment-form button[type=submit]")
    expect(clerk.locator(".message.success")).to_contain_text("调整申请已提交")
    expect(clerk.locator("#adjustment-table tbody tr").first).to_contain_text("待审批")

    admin = new_page("admin")
    admin.goto(f"{live_server.url}/adjustments/?state=pending")
    admin.locator("#adjustment-table tbody tr").first.get_by_role("button", name="批准").click()
    expect(admin.locator(".confirm-box")).to_contain_text("培训人数 30.00")
    expect(admin.locator(".confirm-box")).to_contain_text("培训人数 10.00")
    admin.screenshot(path=str(output_dir / "confirm-points.png"), full_page=True)
    admin.click("#confirm-approve")
    expect(admin.locator(".message.success")).to_contain_text("已批准该调整，自 2026-09-01 起生效。")

    clerk.goto(f"{live_server.url}/projects/{training.pk}/?as_of=2026-09-30")
    # 培训人数 10 × 81/162 = 5.00 of 10.00; in all 5 + 30 + 10 + 30 + 5 + budget 10 = 90.00.
    expect(clerk.locator("#indicator-table tr[data-order='1']")).to_contain_text("5.00 / 10.00")
    expect(clerk.locator("#fig-total")).to_have_text("90.00")
    expect(clerk.locator("#points-adjusted")).to_contain_text("各指标分值已调整")
    clerk.screenshot(path=str(output_dir / "project-new-points.png"), full_page=True)
    clerk.goto(f"{live_server.url}/projects/{training.pk}/?as_of=2026-08-31")
    expect(clerk.locator("#indicator-table tr[data-order='1']")).to_contain_text("15.00 / 30.00")
    expect(clerk.locator("#fig-total")).to_have_text("80.00")
