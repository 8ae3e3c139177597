"""Every page, opened by every role: a page, our own Chinese error page or a redirect; never 5xx, never English."""
import re

import pytest

from tests.conftest import project
from tests.pages.conftest import ROLES

ENGLISH_ERRORS = re.compile(r"Forbidden|Not Found|Server Error|Bad Request|Page not found|Traceback|CSRF verification")
HTML_PAGES = [
    "/", "/dashboard/", "/dashboard/?year=2025", "/projects/", "/projects/{p}/", "/projects/{p}/?as_of=2026-13-01",
    "/entry/", "/entry/{p}/", "/entry/results/", "/history/", "/history/indicator/{i}/", "/history/project/{p}/",
    "/monitoring/", "/monitoring/?as_of=2026-07-31", "/monitoring/{p}/", "/monitoring/{p}/?as_of=2026-07-31",
    "/self-evaluation/", "/self-evaluation/{p}/", "/adjustments/", "/adjustments/new/?indicator={i}",
    "/adjustments/new/?project={p}", "/adjustments/new/", "/adjustments/audit/", "/help/",
    "/rules/", "/rules/2026/",
    "/accounts/password_change/", "/projects/999999/", "/no-such-page/", "/projects/upload/", "/entry/upload/",
]
FILE_INPUT = re.compile(r"<input\b[^>]*\btype=\"file\"[^>]*>")
# Forms a page posts to, sent as a stale page sends them (no file kept): back to the form, or a Chinese refusal.
POSTED_FORMS = ["/entry/results/columns/", "/entry/results/confirm/"]
FILES = ["/exports/2026.xlsx", "/exports/2026/monitoring.xlsx", "/self-evaluation/{p}/report.docx",
         "/exports/2026/self-evaluation-report.docx"]


def addresses(templates):
    training = project(2)
    ids = {"p": training.pk, "i": training.indicators.get(order=1).pk}
    return [template.format(**ids) for template in templates]


@pytest.mark.parametrize("who", ROLES)
def test_every_page_is_a_page_or_a_chinese_refusal(request, client, a_year_in_progress, who):
    client.force_login(request.getfixturevalue(who))
    seen, seen_file_inputs = {}, set()
    for address in addresses(HTML_PAGES):
        response = client.get(address)
        seen[address] = response.status_code
        assert response.status_code < 500, address
        if response.status_code in (200, 400, 403, 404):
            html = response.content.decode()
            assert 'lang="zh-Hans"' in html and 'aria-label="主导航"' in html, address
            assert not ENGLISH_ERRORS.search(html), address
            # A file is chosen with the page's own 选择文件 button (static/js/file_picker.js), not the browser's.
            inputs = FILE_INPUT.findall(html)
            assert all("data-picker" in tag for tag in inputs), (address, inputs)
            assert not inputs or "js/file_picker" in html, address
            if inputs:
                seen_file_inputs.add(address)
    assert seen["/"] == 200 and seen["/help/"] == 200 and seen["/rules/2026/"] == 200
    if who == "finance":  # the uploads a clerk has: the workbook, the evidence, the reports and results files
        p = project(2).pk
        assert {"/monitoring/", f"/entry/{p}/", f"/self-evaluation/{p}/", "/entry/", "/entry/upload/",
                "/entry/results/"} <= seen_file_inputs
    assert seen["/no-such-page/"] == 404


@pytest.mark.parametrize("who", ROLES)
def test_every_download_is_a_file_or_a_chinese_refusal(request, client, a_year_in_progress, who):
    client.force_login(request.getfixturevalue(who))
    for address in addresses(FILES):
        response = client.get(address)
        assert response.status_code < 500, address
        if response.status_code >= 400 and response.get("Content-Type", "").startswith("text/"):
            assert not ENGLISH_ERRORS.search(response.content.decode()), address


@pytest.mark.parametrize("who", ROLES)
def test_every_form_posted_stale_leads_back_or_is_a_chinese_refusal(request, client, a_year_in_progress, who):
    client.force_login(request.getfixturevalue(who))
    for address in POSTED_FORMS:
        response = client.post(address, {"col_actual": "H"})
        assert response.status_code in (302, 403), address
        if response.status_code == 403:
            html = response.content.decode()
            assert 'lang="zh-Hans"' in html and 'aria-label="主导航"' in html, address
            assert not ENGLISH_ERRORS.search(html), address
