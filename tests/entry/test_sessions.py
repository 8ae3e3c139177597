"""Who a request belongs to: Django's cached_db sessions and its own ModelBackend, with every rule of Django's."""
from datetime import timedelta

import time_machine
from django.utils import timezone

from tests.entry.test_auth import PASSWORD, log_in


def test_a_logged_in_clerk_keeps_their_session_from_page_to_page(client, finance):
    log_in(client)
    assert client.session["_auth_user_backend"] == "django.contrib.auth.backends.ModelBackend"
    page = client.get("/entry/")
    assert page.status_code == 200 and "财务甲（财务人员）" in page.content.decode()


def test_an_expired_session_sends_the_clerk_to_log_in(client, finance, settings):
    log_in(client)
    # Past the session's age: its copy in the cache has expired with it, and the row is read as expired.
    with time_machine.travel(timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE + 1)):
        response = client.get("/entry/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_session_cookie_nobody_was_given_is_a_visitor(client, finance):
    client.cookies["sessionid"] = "x" * 32
    response = client.get("/entry/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_deactivated_user_is_logged_out_at_the_next_page(client, finance):
    log_in(client)
    finance.is_active = False
    finance.save()
    assert client.get("/entry/").status_code == 302


def test_a_password_changed_elsewhere_ends_the_other_sessions(client, finance):
    log_in(client)
    finance.set_password("another-pw-2026")
    finance.save()
    assert client.get("/entry/").status_code == 302  # Django's session hash no longer matches
    assert log_in(client, password="another-pw-2026")["Location"] == "/"
    assert log_in(client, password=PASSWORD).status_code == 200  # the old one is refused
