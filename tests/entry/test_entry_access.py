"""Who may enter: finance of the project's department only; every entry URL checked on the server (DOMAIN §7)."""
import pytest
from django.test import Client

from indicators.models import ExpenditureReport, IndicatorReport
from tests.conftest import project
from tests.entry.helpers import entry_data, entry_url, preview_url


@pytest.fixture
def training(seeded, year_end):
    return project(2)


def post_form(training):
    return entry_data(training, {1: "170"}, amount="25")


WRITE_URLS = [
    pytest.param("get", entry_url, id="entry-page"),
    pytest.param("post", entry_url, id="entry-save"),
    pytest.param("post", preview_url, id="entry-preview"),
]


def call(client, method, url_of, training):
    url = url_of(training)
    return client.get(url) if method == "get" else client.post(url, post_form(training))


@pytest.mark.parametrize(("method", "url_of"), WRITE_URLS)
@pytest.mark.parametrize(
    ("who", "status"),
    [("manager", 403), ("auditor", 403), ("admin_user", 403), ("outsider", 404)],
)
def test_only_finance_of_the_department_may_use_the_entry_urls(request, training, method, url_of, who, status):
    client = Client()
    client.force_login(request.getfixturevalue(who))
    assert call(client, method, url_of, training).status_code == status
    assert not IndicatorReport.objects.exists() and not ExpenditureReport.objects.exists()


@pytest.mark.parametrize(("method", "url_of"), WRITE_URLS)
def test_finance_of_the_department_may_use_them(client, training, finance, method, url_of):
    client.force_login(finance)
    assert call(client, method, url_of, training).status_code in (200, 302)


@pytest.mark.parametrize(("method", "url_of"), WRITE_URLS)
def test_anonymous_visitors_are_sent_to_the_login_page(client, training, method, url_of):
    response = call(client, method, url_of, training)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url_of(training)}"
    assert not IndicatorReport.objects.exists()


def test_a_finance_clerk_of_another_department_sees_no_project_of_this_one(seeded, outsider, client):
    client.force_login(outsider)
    response = client.get("/entry/")
    assert response.status_code == 200 and not response.context["overview"].projects


@pytest.mark.parametrize("who", ["manager", "auditor"])
def test_the_project_list_for_entry_is_for_finance_only(request, seeded, client, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/entry/").status_code == 403


def test_a_missing_project_is_not_found(client, training, finance):
    client.force_login(finance)
    assert client.get("/entry/999999/").status_code == 404
