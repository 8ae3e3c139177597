"""Over-long text is never cut silently: a counter turns red, the save is refused with a message, the text stays."""
from playwright.sync_api import expect

from indicators.models import IndicatorReport
from tests.browser.test_entry_browser import ids, open_entry, training, year_end  # noqa: F401 (fixtures)


def test_a_pasted_note_over_the_limit_is_kept_counted_and_refused(new_page, live_server, output_dir, training, finance):
    line = ids(training)
    page = open_entry(new_page, live_server, "finance", training)
    note = f"#id_ind-{line[1]}-note"
    page.fill(f"#id_ind-{line[1]}-value", "170")
    page.fill(note, "问" * 3000)  # as a paste: the browser's maxlength would have kept 2,000 without a word
    expect(page.locator(note)).to_have_value("问" * 3000)
    counter = page.locator(f"{note} + .text-counter")
    expect(counter).to_have_text("已输入 3000 字，超过上限 2000 字：请删减 1000 字后保存")
    page.click("#save")
    expect(page.locator(f"#ind-{line[1]} .errorlist")).to_contain_text("2000")
    expect(page.locator(note)).to_have_value("问" * 3000)
    assert not IndicatorReport.objects.exists()
    page.screenshot(path=output_dir / "over-long-note.png", full_page=True)


def test_a_long_unbroken_word_does_not_widen_the_history_table(new_page, live_server, training, finance):
    line = ids(training)
    page = open_entry(new_page, live_server, "finance", training)
    page.fill(f"#id_ind-{line[1]}-value", "170")
    page.fill(f"#id_ind-{line[1]}-note", "x" * 1500)
    page.click("#save")
    page.goto(f"{live_server.url}/history/project/{training.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
