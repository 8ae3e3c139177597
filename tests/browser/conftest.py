"""Real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright against Django's live server.

Skipped with a message where Chromium is missing; `.ci/run` sets REQUIRE_BROWSER=1 so that there they must run.
"""
import datetime
import os
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import expect

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
OUTPUT = Path(__file__).resolve().parents[2] / "test-output" / "browser"
# In CI these tests run beside the PostgreSQL suite on two cores: a save can take seconds there. An expectation waits
# as long as a page's own actions do (`new_page`), not Playwright's 5 s, before it counts as failed.
expect.set_options(timeout=15_000)
HOW_TO_GET_IT = "没有找到 Chromium：请先运行 `apt-get install -y chromium fonts-noto-cjk`（Debian/Ubuntu），再运行浏览器测试。"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            # Transactional: the live server's thread must see what the test wrote. The flush after each test drops
            # the role groups too; post_migrate makes them again (indicators.apps.ensure_role_groups).
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(scope="package", autouse=True)
def _orm_beside_playwright():
    # Playwright's sync API keeps an event loop in this thread; the ORM calls of fixtures are still synchronous.
    # Only for this package: a process-wide setting would leak into the deploy check's subprocess.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


# Package scope: the browser (and its event loop) is gone before the rest of the suite runs.
@pytest.fixture(scope="package")
def browser(_orm_beside_playwright):
    if not os.path.exists(CHROMIUM):
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(HOW_TO_GET_IT)
        pytest.skip(HOW_TO_GET_IT)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def output_dir(request) -> Path:
    """The test's own folder for screenshots."""
    folder = OUTPUT / request.node.name.replace("[", "_").replace("]", "")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def new_page(browser, live_server):
    """Opens a fresh browser context (its own cookies) logged in as the given user."""
    contexts = []

    def open_page(username: str, password: str = "pw-for-tests-2026", *, width: int = 1366, height: int = 768):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        return page

    yield open_page
    for context in contexts:
        context.close()


UPLOADS_DAY = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def uploads_in_december(settings, tmp_path):
    """The upload pages' day, 2 December 2026 (Beijing), the clock ticking, the uploaded files kept in a folder of
    the test's own."""
    settings.UPLOAD_STAGING_DIR = tmp_path / "uploads"
    # The live server runs in this process: its "today" is the traveller's.
    with time_machine.travel(UPLOADS_DAY, tick=True):
        yield
