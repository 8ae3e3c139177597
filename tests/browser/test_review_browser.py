"""送审 → 退回 → 送审 → 审核通过 in real Chromium (issue #16): finance is refused with the list of what is missing,
completes project 1, submits; the reviewer sees the badge, returns it with a reason; finance fixes it and submits
again; the reviewer approves; the entry page is locked and the 自评表 carries 已审核."""
from datetime import datetime
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from playwright.sync_api import expect

from core.roles import REVIEWER
from indicators.models import LineExplanation, ProjectSelfEvaluation
from projects.models import ReviewEvent
from tests.conftest import make_user, project

YEAR_END = datetime(2026, 12, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
REPORTS = Path(__file__).resolve().parents[1] / "scenarios" / "reports_2026.csv"


@pytest.fixture
def equipment(seeded, finance):
    """Project 1 (设备购置经费) with the year-end scenario's reports: six items missing for 送审."""
    with time_machine.travel(YEAR_END, tick=True):
        call_command("import_reports", str(REPORTS), department="宁波市妇女联合会", year=2026, user="finance",
                     stdout=StringIO())
        yield project(1)


@pytest.fixture
def reviewer(department):
    return make_user("reviewer", group=REVIEWER, department=department, first_name="审核丙")


def test_submit_return_resubmit_approve_locks_the_project(new_page, live_server, output_dir, equipment, reviewer):
    p1 = equipment
    lines = {i.order: i.pk for i in p1.indicators.all()}
    clerk = new_page("finance", width=1400, height=1000)

    # 送审 too early: refused, with every missing item a link to where it is written.
    clerk.goto(f"{live_server.url}/review/{p1.pk}/")
    clerk.click("#submit-review")
    expect(clerk.locator("#missing-refusal")).to_contain_text("项目 1「设备购置经费」尚有 6 项未完成，不能送审")
    expect(clerk.locator("#missing li")).to_have_count(6)
    expect(clerk.locator("#review-state-label")).to_have_text("填报中")
    clerk.screenshot(path=str(output_dir / "1-refused.png"), full_page=True)
    assert ReviewEvent.objects.count() == 0

    # The first link leads to the 自评表's field; finance writes everything there.
    clerk.locator("#missing li a").first.click()
    expect(clerk.locator("h1")).to_contain_text("设备购置经费")
    clerk.fill("#budget-line-text", "部分设备年底到货，尾款次年支付。")
    clerk.fill(f"#line-{lines[1]}-text", "单价低于预算，多购 2 台。")
    clerk.fill(f"#line-{lines[4]}-text", "新设备调试期利用率偏低。")
    clerk.fill("#project-achievement", "购置设备 10 台。")
    clerk.fill("#project-problems", "利用率不足。")
    clerk.fill("#project-measures", "加强培训。")
    clerk.click("#save")
    expect(clerk.locator("#missing-title")).to_have_text("说明已齐全")

    clerk.goto(f"{live_server.url}/review/{p1.pk}/")
    expect(clerk.locator("#missing-title")).to_have_text("已齐全，可以送审")
    clerk.click("#submit-review")
    expect(clerk.locator(".messages")).to_contain_text("1. 设备购置经费：已送审。")
    expect(clerk.locator("#review-state-label")).to_have_text("已送审")
    expect(clerk.locator("#submit-review")).to_have_count(0)

    # The reviewer's navigation counts it; 退回 without a reason is refused, with one it goes back to finance.
    checker = new_page("reviewer", width=1400, height=1000)
    expect(checker.locator("#nav-badge")).to_have_text("1")
    checker.goto(f"{live_server.url}/review/?year=2026")
    expect(checker.locator("body")).to_contain_text("等待您审核（1 个）")
    checker.screenshot(path=str(output_dir / "2-board.png"), full_page=True)
    checker.goto(f"{live_server.url}/review/{p1.pk}/")
    checker.click("#return-review")
    expect(checker.locator("#review-errors")).to_contain_text("请填写退回原因。")
    checker.fill("#return-reason", "设备利用率偏低的原因请写明具体台数。")
    checker.click("#return-review")
    expect(checker.locator("#review-state-label")).to_have_text("已退回")
    expect(checker.locator("#review-history")).to_contain_text("设备利用率偏低的原因请写明具体台数。")
    expect(checker.locator("#nav-badge")).to_have_count(0)

    # Finance sees the returned project in its badge, changes the line's text with a reason and submits again.
    clerk.goto(f"{live_server.url}/self-evaluation/{p1.pk}/")
    expect(clerk.locator("#nav-badge")).to_have_text("1")
    expect(clerk.locator("#review-state")).to_contain_text("已退回")
    clerk.fill(f"#line-{lines[4]}-text", "新设备调试期利用率偏低：10 台中 3 台 11 月才投入使用。")
    clerk.fill(f"#line-{lines[4]}-reason", "按审核意见补充台数")
    clerk.click("#save")
    expect(clerk.locator(".message.success")).to_have_text("已保存 1 项自评说明。")
    clerk.goto(f"{live_server.url}/review/{p1.pk}/")
    clerk.click("#submit-review")
    expect(clerk.locator("#review-state-label")).to_have_text("已送审")
    expect(clerk.locator("#nav-badge")).to_have_count(0)

    # The reviewer approves: the figures are final.
    checker.goto(f"{live_server.url}/review/{p1.pk}/")
    expect(checker.locator("#nav-badge")).to_have_text("1")
    checker.click("#approve-review")
    expect(checker.locator("#review-state-label")).to_have_text("已审核")
    expect(checker.locator("#review-history tbody tr")).to_have_count(4)
    checker.screenshot(path=str(output_dir / "3-approved.png"), full_page=True)

    # The entry page shows the state and offers no save; the 自评表 carries 已审核 with the reviewer.
    clerk.goto(f"{live_server.url}/entry/{p1.pk}/")
    expect(clerk.locator("#review-state")).to_contain_text("已审核")
    expect(clerk.locator("#review-locked")).to_contain_text("该项目 2026 年自评已审核，如需修改请先退回")
    expect(clerk.locator("#save")).to_have_count(0)
    expect(clerk.locator("#entry-table input:not([type=hidden])").first).to_be_disabled()  # nothing to type into
    clerk.screenshot(path=str(output_dir / "4-entry-locked.png"), full_page=True)
    clerk.goto(f"{live_server.url}/self-evaluation/{p1.pk}/")
    expect(clerk.locator("#review-state")).to_contain_text("已审核")
    expect(clerk.locator("#review-state")).to_contain_text("审核丙")
    expect(clerk.locator("#save")).to_have_count(0)
    clerk.screenshot(path=str(output_dir / "5-self-evaluation-approved.png"), full_page=True)

    assert list(ReviewEvent.objects.order_by("pk").values_list("action", flat=True)) == [
        "submit", "return", "submit", "approve"]
    assert LineExplanation.objects.filter(indicator_id=lines[4]).count() == 2  # the first text and its correction
    assert ProjectSelfEvaluation.objects.count() == 1
