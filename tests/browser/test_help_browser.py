"""帮助 in real Chromium: the guide's screenshots are taken at 1,366 px; shown on a phone or a laptop they shrink to
the page's width, so the guide reads without scrolling sideways."""
import pytest

from tests.browser.layout import no_horizontal_scroll

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}

# Each screenshot of the guide: loaded, and no wider than the guide's own box.
_SCREENSHOTS_FIT = """() => {
    const guide = document.getElementById("help-guide").getBoundingClientRect();
    return [...document.querySelectorAll("#help-guide img")].map(img => {
        const box = img.getBoundingClientRect();
        return {src: img.getAttribute("src"), loaded: img.complete && img.naturalWidth > 0,
                inside: box.left >= guide.left && box.right <= guide.right};
    });
}"""


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_the_guide_and_its_screenshots_fit_the_screen(new_page, live_server, output_dir, finance, size):
    page = new_page("finance", **size)
    page.goto(f"{live_server.url}/help/")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=output_dir / "help.png", full_page=False)
    screenshots = page.evaluate(_SCREENSHOTS_FIT)
    assert len(screenshots) >= 5
    assert [s["src"] for s in screenshots if not s["loaded"]] == []
    assert [s["src"] for s in screenshots if not s["inside"]] == []
    assert no_horizontal_scroll(page)
