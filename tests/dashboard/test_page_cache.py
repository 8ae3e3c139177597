"""The dashboard comes from the cache until anything it shows changes, and is never stale (perf_targets.response_cache).

Transactional: the cache is keyed on the data version, which changes when a write commits.
"""
import re

import pytest
import time_machine
from django.db import connection
from django.test import Client

from core.roles import MANAGER
from projects.models import Indicator
from tests.conftest import make_user, project
from tests.dashboard.conftest import TODAY, spend
from tests.dashboard.test_headline_figures import text_of
from tests.entry.helpers import entry_data, entry_url

pytestmark = pytest.mark.django_db(transaction=True)

# A page from the cache: the session, its user and the data version; no evaluation.
CACHED_QUERIES = 3


def log_in(client, user):
    """As a browser arrives: logged in, with the CSRF cookie the login page set (the one answer never kept)."""
    client.force_login(user)
    client.get("/accounts/login/")
    assert "csrftoken" in client.cookies
    return client


def cached_page(client, url: str, assert_num_queries) -> str:
    """The page, asked for twice: the second answer must come from the cache."""
    first = client.get(url)
    with assert_num_queries(CACHED_QUERIES):
        second = client.get(url)
    assert second.content == first.content
    return second.content.decode()


def figures(page: str) -> dict[str, str]:
    return {name: text_of(page, f"fig-{name}") for name in ("spent", "met", "not-met", "no-data", "average-score")}


def test_the_second_request_is_answered_from_the_cache_in_three_queries(client, manager, scenario,
                                                                         django_assert_num_queries):
    page = cached_page(log_in(client, manager), "/?sort=score&dir=desc", django_assert_num_queries)
    assert figures(page)["met"] == "16"


def test_an_expenditure_recorded_after_the_page_was_cached_shows_at_once(client, manager, finance, scenario,
                                                                          django_assert_num_queries):
    assert figures(cached_page(log_in(client, manager), "/", django_assert_num_queries))["spent"] == "58.70"
    spend(finance, 4, "2026-11-20", "1.00")
    assert figures(client.get("/").content.decode())["spent"] == "59.70"  # 58.70 + 1.00


def test_a_target_changed_behind_the_services_back_shows_at_once(client, manager, scenario,
                                                                 django_assert_num_queries):
    before = figures(cached_page(log_in(client, manager), "/", django_assert_num_queries))
    # 设备购置数 ≥ 8 was met with 8; a target of 10 is not (an update() runs no save() and no signal).
    Indicator.objects.filter(project=project(1), order=1).update(target_value=10)
    after = figures(client.get("/").content.decode())
    assert (before["met"], before["not-met"]) == ("16", "4")
    assert (after["met"], after["not-met"]) == ("15", "5")


def test_sql_typed_into_a_console_shows_at_once(client, manager, scenario, django_assert_num_queries):
    assert "设备购置经费" in cached_page(log_in(client, manager), "/", django_assert_num_queries)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE projects_project SET name = '办公设备购置' WHERE seq = 1")
    page = client.get("/").content.decode()
    assert "办公设备购置" in page and "设备购置经费" not in page


def test_each_user_gets_their_own_page(client, manager, scenario, django_assert_num_queries):
    colleague = Client()
    colleague.force_login(make_user("manager2", group=MANAGER, department=scenario, first_name="经理乙"))
    assert "manager（管理人员）" in cached_page(log_in(client, manager), "/", django_assert_num_queries)
    # The same data version, CSRF cookie and address as the cached page: only the user tells the requests apart.
    colleague.cookies["csrftoken"] = client.cookies["csrftoken"].value
    page = colleague.get("/").content.decode()
    assert "经理乙（管理人员）" in page and "manager（" not in page


def test_the_next_day_the_default_date_moves_on(client, manager, scenario, django_assert_num_queries):
    page = cached_page(log_in(client, manager), "/", django_assert_num_queries)
    assert "截至 <strong>2026年11月25日</strong>" in page
    with time_machine.travel(TODAY.replace(day=26), tick=False):
        assert "截至 <strong>2026年11月26日</strong>" in client.get("/").content.decode()


def test_a_waiting_message_is_shown_once_not_swallowed_by_the_cache(client, finance, scenario,
                                                                    django_assert_num_queries):
    cached_page(log_in(client, finance), "/", django_assert_num_queries)
    response = client.post(entry_url(project(4)), entry_data(project(4), as_of="2026-11-20"))
    assert response.status_code == 302  # nothing typed: nothing written, so the version stays
    assert "没有需要保存的修改" in client.get("/").content.decode()
    with django_assert_num_queries(CACHED_QUERIES):
        assert "没有需要保存的修改" not in client.get("/").content.decode()


def test_the_logout_form_of_a_cached_page_carries_a_token_the_browser_can_use(manager, scenario,
                                                                               django_assert_num_queries):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(manager)
    browser.get("/")  # the first answer sets the CSRF cookie, so it is not kept
    page = cached_page(browser, "/", django_assert_num_queries)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = browser.post("/accounts/logout/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302  # not 403: the token matches the browser's cookie
    assert browser.get("/").status_code == 302  # logged out: to the login page, not a cached dashboard


def test_pages_are_not_cached_when_caching_is_off(client, manager, scenario, settings, django_assert_num_queries):
    settings.PAGE_CACHE = False
    log_in(client, manager).get("/")
    with django_assert_num_queries(12):  # the whole evaluation again (test_query_count.DASHBOARD_QUERIES)
        client.get("/")
