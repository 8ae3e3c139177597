"""与上年对比 in real Chromium (issue #22): with 2025 beside 2026 the dashboard still fits a phone and prints on at most
two A4 pages; screenshots saved."""
import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from playwright.sync_api import expect

from indicators.services.reports import record_expenditure, record_indicator_report
from tests.browser.layout import no_horizontal_scroll
from tests.conftest import DEPARTMENT_NAME, SEED, project

pytestmark = pytest.mark.browser

TODAY = datetime(2026, 11, 25, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def two_years(department, finance, manager):
    with time_machine.travel(TODAY, tick=True):
        call_command("import_targets", str(SEED), department=DEPARTMENT_NAME, year=2025, verbosity=0)
        call_command("import_targets", str(SEED), department=DEPARTMENT_NAME, year=2026, verbosity=0)
        for year, spent in ((2025, "4.60"), (2026, "2.30")):
            record_expenditure(project=project(1, year), user=finance, as_of=date(year, 11, 1), amount=Decimal(spent))
            record_indicator_report(indicator=project(1, year).indicators.get(order=4), user=finance,
                                    as_of=date(year, 11, 1), value=Decimal(96))
        yield department


def test_the_comparison_fits_a_phone_and_the_dashboard_still_prints_on_two_pages(new_page, live_server, output_dir,
                                                                                 two_years):
    phone = new_page("manager", width=390, height=844)
    phone.goto(f"{live_server.url}/")
    block = phone.locator("#year-on-year")
    expect(block).to_contain_text("与上年对比")
    expect(phone.locator("#year-on-year-table tbody tr").nth(2)).to_contain_text("0.17%")
    expect(phone.locator("#year-on-year-table tbody tr").nth(2)).to_contain_text("0.33%")
    assert no_horizontal_scroll(phone)
    block.screenshot(path=output_dir / "year-on-year-phone.png")

    laptop = new_page("manager", width=1366, height=900)
    laptop.goto(f"{live_server.url}/")
    laptop.wait_for_function("document.documentElement.dataset.chartsReady === '1'")
    laptop.emulate_media(media="print")
    pdf = laptop.pdf(format="A4", prefer_css_page_size=True, print_background=False)
    (output_dir / "dashboard-year-on-year.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= pages <= 2, f"{pages} A4 pages"
