"""Finance drafts 2027 from 2026 in Chromium: changes two targets, reads the review's warnings, keeps one with a
reason, fixes the other, publishes (issue #22)."""
import datetime
from decimal import Decimal

from playwright.sync_api import expect

from indicators.models import TargetFindingAcceptance
from indicators.services.reports import record_indicator_report
from projects.models import DraftIndicator, Indicator, Project
from tests.browser.layout import fits_the_width, no_horizontal_scroll


def line_row(page, name: str):
    return page.locator("tr", has=page.locator(f"input[name=name][value='{name}']")).first


def test_finance_drafts_reviews_and_publishes_next_years_targets(new_page, live_server, output_dir, seeded, finance):
    utilisation = Indicator.objects.get(project__year=2026, project__seq=1, name="设备利用率")
    record_indicator_report(indicator=utilisation, user=finance, as_of=datetime.date(2026, 12, 1), value=Decimal(99))
    page = new_page("finance")
    page.goto(f"{live_server.url}/projects/?year=2026")
    page.click("#draft-link")
    page.click("#create-draft")
    assert "已从 2026 年目标起草 2027 年目标" in page.content()
    # Importing an edited draft: the page's own 选择文件 button, as on every upload.
    expect(page.get_by_role("button", name="选择文件", exact=True)).to_be_visible()

    # Two targets changed: 使用人员满意度 to 120 % (a rate above 100: an error), 设备购置数 kept but 设备利用率 stays
    # at 95 % after 99 % (below last year's actual: a warning).
    row = line_row(page, "使用人员满意度")
    row.locator("input[name=target_text]").fill("120")
    row.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    row = line_row(page, "设备购置数")
    row.locator("input[name=target_text]").fill("10")
    row.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    summary = page.locator("#draft-summary").inner_text()
    assert "错误 2 条" in summary  # 120 % and 教师流失率's "5% %"
    assert "比率目标超过 100%" in line_row(page, "使用人员满意度").inner_text()
    page.screenshot(path=str(output_dir / "draft-with-findings.png"), full_page=False)

    # The warning on 设备利用率 is kept with a reason; the 120 % is fixed.
    row = line_row(page, "设备利用率")
    assert "目标低于上年实际（偏保守）" in row.inner_text()
    row.locator("input[name=reason]").fill("新设备调试期，维持 95%")
    row.get_by_role("button", name="保留").click()
    page.wait_for_load_state()
    assert "已保存保留理由。" in page.content()
    row = line_row(page, "使用人员满意度")
    row.locator("input[name=target_text]").fill("96")
    row.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    assert "错误 1 条" in page.locator("#draft-summary").inner_text()

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#publish-draft")
    page.wait_for_load_state()
    assert "2027 年目标已发布" in page.content()
    page.screenshot(path=str(output_dir / "published.png"), full_page=False)
    assert Project.objects.filter(year=2027).count() == 15
    published = Indicator.objects.get(project__year=2027, project__seq=1, name="使用人员满意度")
    assert published.target_value == Decimal("96")
    assert Indicator.objects.get(project__year=2027, project__seq=1, name="设备购置数").target_value == Decimal(10)
    assert TargetFindingAcceptance.objects.get().reason == "新设备调试期，维持 95%"
    assert not DraftIndicator.objects.filter(project__table__state="draft").exists()


def test_on_a_phone_each_draft_line_is_a_card_to_edit_on_screen(new_page, live_server, output_dir, seeded, finance):
    page = new_page("finance", width=390, height=844)
    page.goto(f"{live_server.url}/targets/2027/draft/")
    page.click("#create-draft")
    expect(page.locator(".messages")).to_contain_text("已从 2026 年目标起草 2027 年目标")
    row = line_row(page, "设备购置数")
    expect(page.locator("table.draft-lines thead").first).to_be_hidden()
    for label in ["指标名称", "运算符", "年度目标值", "单位", "上年实际（历史标准）"]:
        cell = row.locator(f'td[data-label="{label}"]')
        expect(cell).to_be_visible()
        assert fits_the_width(cell, 390), label
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(output_dir / "draft-phone.png"), full_page=False)
    row.locator("input[name=target_text]").fill("12")
    row.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    expect(line_row(page, "设备购置数").locator("input[name=target_text]")).to_have_value("12")


def test_on_a_phone_a_finding_of_the_review_is_a_card_kept_with_a_reason(new_page, live_server, output_dir, seeded,
                                                                          finance):
    page = new_page("finance", width=390, height=844)
    page.goto(f"{live_server.url}/targets/2027/draft/")
    page.click("#create-draft")
    page.goto(f"{live_server.url}/targets/2027/review/")
    finding = page.locator('#project-1 table.findings tr[data-order="3"]')
    expect(page.locator("#project-1 table.findings thead")).to_be_hidden()
    expect(finding.locator("td.card-title")).to_have_text("第 3 条指标")
    reason = finding.locator("input[name=reason]")
    assert fits_the_width(reason, 390)
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(output_dir / "review-phone.png"), full_page=False)
    reason.fill("设备使用年限是采购合同的约定，保留。")
    finding.get_by_role("button", name="保留").click()
    expect(page.locator(".messages")).to_contain_text("已保存保留理由。")
    expect(page.locator('#project-1 table.findings tr[data-order="3"]')).to_contain_text("已保留 设备使用年限是采购合同的约定，保留。")
    assert TargetFindingAcceptance.objects.count() == 1
