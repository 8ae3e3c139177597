"""The user guide's screenshots (docs/img/), taken from the real pages at 1366×900 and one phone page at 390×844.

Run with the browser tests; the images are JPEG at quality 60 so the repository stays small. The guide
(docs/用户手册.md) links each of them; the test also checks that every image the guide names exists.
"""
import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.test_screens_browser import LAPTOP, PHONE, reported, today  # noqa: F401 (fixtures)
from tests.conftest import project

DOCS = Path(__file__).resolve().parents[2] / "docs"
SHOTS = {
    # image name: (user, address, size)
    "dashboard": ("manager", "/", LAPTOP),
    "project": ("manager", "/projects/{p}/", LAPTOP),
    "entry": ("finance", "/entry/{p}/", LAPTOP),
    "entry-phone": ("finance", "/entry/{p}/", PHONE),
    "monitoring": ("finance", "/monitoring/{p}/?as_of=2026-07-31", LAPTOP),
    "history": ("auditor", "/history/project/{p}/", LAPTOP),
    "adjustments": ("finance", "/adjustments/", LAPTOP),
    "self-evaluation": ("finance", "/self-evaluation/{p}/", LAPTOP),
    "bureau": ("czj", "/bureau/?year=2026&as_of=2026-07-31", LAPTOP),
}


def test_the_guide_screenshots_are_taken_from_the_main_pages(new_page, live_server, reported, auditor, czj):
    (DOCS / "img").mkdir(exist_ok=True)
    training = project(2)
    pages = {}
    for name, (user, address, size) in SHOTS.items():
        page = pages.get((user, size["width"])) or new_page(user, **size)
        pages[(user, size["width"])] = page
        page.goto(live_server.url + address.format(p=training.pk))
        page.wait_for_load_state("networkidle")
        expect(page.locator("h1").first).to_be_visible()
        page.screenshot(path=DOCS / "img" / f"{name}.jpg", type="jpeg", quality=60)
    guide = (DOCS / "用户手册.md").read_text(encoding="utf-8")
    named = set(re.findall(r"\(img/([\w-]+\.jpg)\)", guide))
    assert named == {f"{name}.jpg" for name in SHOTS}
    assert all((DOCS / "img" / name).stat().st_size < 250_000 for name in named)
