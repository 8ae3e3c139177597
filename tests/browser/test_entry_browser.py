"""A finance clerk fills project 2 in real Chromium: mistakes, fixes, the score; a colleague's save conflicts."""
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
def year_end():
    # The live server runs in this process: its "today" is the traveller's, so every 2026 date is allowed.
    with time_machine.travel(YEAR_END, tick=True):
        yield


@pytest.fixture
def training(seeded, year_end):
    return project(2)


def ids(p) -> dict[int, int]:
    return {i.order: i.pk for i in p.indicators.all()}


def open_entry(new_page, live_server, username, p):
    page = new_page(username, width=1600, height=1000)
    page.goto(f"{live_server.url}/entry/{p.pk}/")
    expect(page.locator("h1")).to_have_text(f"填报：2. {p.name}")
    return page


def wait_for_preview(page):
    """Waits until the preview answered for what is typed now."""
    page.wait_for_function("() => Number(document.getElementById('entry-form').dataset.previewed || 0) > 0")
    page.wait_for_load_state("networkidle")


def test_a_clerk_fills_the_form_fixes_mistakes_and_sees_the_score(new_page, live_server, output_dir, training,
                                                                  finance):
    line = ids(training)
    page = open_entry(new_page, live_server, "finance", training)

    page.fill(f"#id_ind-{line[1]}-value", "170人")
    # Enter moves down the value column, as in Excel, instead of sending a half-filled form; a 定性 line's tier is
    # its value; Tab still walks across the row.
    page.press(f"#id_ind-{line[1]}-value", "Enter")
    expect(page.locator(f"#id_ind-{line[2]}-value")).to_be_focused()
    page.press(f"#id_ind-{line[2]}-value", "Enter")
    expect(page.locator(f"#id_ind-{line[3]}-tier")).to_be_focused()
    page.press(f"#id_ind-{line[1]}-note", "Enter")
    expect(page.locator(f"#id_ind-{line[2]}-note")).to_be_focused()
    page.focus(f"#id_ind-{line[1]}-value")
    page.keyboard.press("Tab")
    expect(page.locator(f"#id_ind-{line[1]}-note")).to_be_focused()
    assert page.url.endswith(f"/entry/{training.pk}/") and not IndicatorReport.objects.exists()

    page.fill(f"#id_ind-{line[2]}-value", "很多")
    page.select_option(f"#id_ind-{line[3]}-tier", "partial")
    page.fill(f"#id_ind-{line[3]}-tier_percent", "85")
    page.fill(f"#id_ind-{line[4]}-value", "９２")
    page.fill(f"#id_ind-{line[5]}-value", "3")
    page.fill("#id_exp-amount", "25")
    wait_for_preview(page)
    # The server's rules layer, asked while typing: 170 of ≥ 162 is met, 3 of ≥ 4 scores 16.66 × 3/4 = 12.495 → 12.50.
    expect(page.locator(f'[data-preview="ind-{line[1]}"] .badge')).to_have_text("达成")
    expect(page.locator(f'[data-preview="ind-{line[5]}"] .points')).to_have_text("12.50")
    expect(page.locator(f'[data-preview="ind-{line[2]}"] .hint')).to_have_text("请输入数字：'很多'")
    expect(page.locator("#score-label")).to_have_text("自评总分（预览，未保存）")

    page.click("#save")
    expect(page.locator("#entry-errors")).to_contain_text("有 2 处需要修改")
    expect(page.locator(f"#ind-{line[2]} .errorlist")).to_have_text("请输入数字：'很多'")
    expect(page.locator(f"#ind-{line[3]} .errorlist")).to_have_text(
        "「部分达成年度指标并具有一定效果」的得分率应在 60% 至 80%（不含）之间：85"
    )
    expect(page.locator(f"#id_ind-{line[1]}-value")).to_have_value("170人")  # everything typed is still there
    expect(page.locator("#id_exp-amount")).to_have_value("25")
    wait_for_preview(page)  # the page sent back previews what is still typed
    expect(page.locator(f'[data-preview="ind-{line[5]}"] .points')).to_have_text("12.50")
    page.screenshot(path=str(output_dir / "entry_errors.png"), full_page=True)
    assert not IndicatorReport.objects.exists()

    page.fill(f"#id_ind-{line[2]}-value", "95%")
    page.fill(f"#id_ind-{line[3]}-tier_percent", "75")
    page.click("#save")
    expect(page.locator(".message.success")).to_have_text("已保存 6 项（截至 2026-12-20）：下方为保存后的评价。")
    # 产出 16.67 + 16.67 + 12.50, 效益 30 × 75 % = 22.50, 满意度 10, budget 10 × 25 / 26.33 = 9.49 → 87.83 良
    expect(page.locator("#total")).to_have_text("87.83")
    expect(page.locator("#grade")).to_have_text("良")
    expect(page.locator("#counts")).to_have_text("3 / 2 / 0")
    expect(page.locator(f'[data-preview="ind-{line[3]}"] .badge')).to_have_text("未达成")
    page.screenshot(path=str(output_dir / "entry_page.png"), full_page=True)
    assert IndicatorReport.objects.count() == 5 and ExpenditureReport.objects.get().amount == Decimal(25)


def test_a_second_clerk_saving_the_same_line_first_makes_the_other_save_a_conflict(new_page, live_server, output_dir,
                                                                                  training, finance, finance2):
    line = ids(training)
    mine = open_entry(new_page, live_server, "finance", training)
    theirs = open_entry(new_page, live_server, "finance2", training)

    theirs.fill(f"#id_ind-{line[5]}-value", "4")
    theirs.click("#save")
    expect(theirs.locator(".message.success")).to_contain_text("已保存 1 项")

    mine.fill(f"#id_ind-{line[5]}-value", "5")
    mine.fill(f"#id_ind-{line[4]}-value", "92")
    mine.click("#save")
    expect(mine.locator("#entry-errors")).to_contain_text("在您打开本页后已被他人更新")
    expect(mine.locator(f"#ind-{line[5]} .errorlist")).to_contain_text(
        "保存前已有人更新了此项：4（截至 2026-12-20，财务乙 于 2026-12-20 10:"
    )
    expect(mine.locator(f"#id_ind-{line[5]}-value")).to_have_value("5")
    expect(mine.locator(f"#id_ind-{line[4]}-value")).to_have_value("92")
    mine.screenshot(path=str(output_dir / "entry_conflict.png"), full_page=True)
    # Only the winner's row: nothing of the loser, not even the line nobody else touched.
    assert [(r.value, r.entered_by.username) for r in IndicatorReport.objects.select_related("entered_by")] == [
        (Decimal(4), "finance2")
    ]
