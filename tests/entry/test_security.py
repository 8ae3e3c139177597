"""Security basics of the entry and history pages: CSRF on every form, output escaped."""
from decimal import Decimal

import pytest
from django.test import Client

from indicators.models import IndicatorReport
from indicators.services.reports import record_indicator_report
from tests.conftest import project
from tests.entry.helpers import D, entry_data, entry_url, preview_url

SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture
def training(seeded, year_end):
    return project(2)


@pytest.fixture
def strict_client(finance) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(finance)
    return client


@pytest.mark.parametrize("url_of", [entry_url, preview_url])
def test_a_post_without_the_csrf_token_is_refused(training, strict_client, url_of):
    response = strict_client.post(url_of(training), entry_data(training, {1: "170"}))
    assert response.status_code == 403
    assert not IndicatorReport.objects.exists()


def test_the_entry_form_carries_the_csrf_token_and_saves_with_it(training, strict_client):
    page = strict_client.get(entry_url(training))
    token = page.context["csrf_token"]
    assert f'name="csrfmiddlewaretoken" value="{token}"' in page.content.decode()
    response = strict_client.post(entry_url(training), {**entry_data(training, {1: "170"}), "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and IndicatorReport.objects.count() == 1


def test_a_script_in_a_note_shows_as_text_in_the_history(training, finance, client):
    record_indicator_report(indicator=training.indicators.get(order=1), user=finance, as_of=D(2026, 12, 1),
                            value=Decimal(170), note=SCRIPT)
    client.force_login(finance)
    html = client.get(f"/history/project/{training.pk}/").content.decode()
    assert ESCAPED in html and SCRIPT not in html
    html = client.get(f"/history/indicator/{training.indicators.get(order=1).pk}/").content.decode()
    assert ESCAPED in html and SCRIPT not in html


def test_a_script_typed_into_a_refused_form_comes_back_as_text(training, finance, client):
    client.force_login(finance)
    response = client.post(entry_url(training), entry_data(training, {1: {"value": SCRIPT, "note": SCRIPT}}))
    html = response.content.decode()
    assert response.status_code == 400
    assert SCRIPT not in html
    assert html.count(ESCAPED) >= 3  # the value kept, its error message, the note kept
