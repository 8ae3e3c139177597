"""A save whose session ended elsewhere (issue #17): the typed values wait through the login, nothing is written
until the clerk saves again."""
import html
from decimal import Decimal

from indicators.models import ExpenditureReport, IndicatorReport
from tests.conftest import project
from tests.entry.helpers import entry_data, entry_url, field
from tests.entry.test_auth import PASSWORD

EXPIRED = "登录已过期，您填写的内容尚未保存，请核对后再次保存"


def log_in_from(client, location: str, username: str = "finance"):
    """The login page the redirect named, then the form it posts, then the page `next` leads back to."""
    assert location.startswith("/accounts/login/?next=")
    next_url = client.get(location).context["next"]
    response = client.post(location, {"username": username, "password": PASSWORD, "next": next_url})
    assert response.status_code == 302
    return client.get(response["Location"])


def test_an_anonymous_save_returns_after_login_with_the_values_and_writes_nothing(client, seeded, finance,
                                                                                 year_end):
    p2 = project(2)
    typed = entry_data(p2, {1: {"value": "170人", "note": "第二期培训结束"}}, amount="20.5",
                       note="培训费已付")
    typed["csrfmiddlewaretoken"] = "not-kept"
    before = (IndicatorReport.objects.count(), ExpenditureReport.objects.count())

    response = client.post(entry_url(p2), typed)  # the session ended in another tab: nobody is logged in
    assert response.status_code == 302 and response["Location"] == f"/accounts/login/?next=/entry/{p2.pk}/"
    assert (IndicatorReport.objects.count(), ExpenditureReport.objects.count()) == before

    page = log_in_from(client, response["Location"])
    assert page.status_code == 200
    shown = html.unescape(page.content.decode())
    assert EXPIRED in shown
    assert f'name="{field(p2, 1)}" value="170人"' in shown and 'value="第二期培训结束"' in shown
    assert 'name="exp-amount" value="20.5"' in shown and 'value="培训费已付"' in shown
    assert "not-kept" not in shown
    assert (IndicatorReport.objects.count(), ExpenditureReport.objects.count()) == before

    # Shown once: the next visit is the plain page again.
    again = client.get(entry_url(p2)).content.decode()
    assert EXPIRED not in again and 'value="170人"' not in again

    # Saving again writes exactly what was typed.
    del typed["csrfmiddlewaretoken"]
    assert client.post(entry_url(p2), typed).status_code == 302
    assert IndicatorReport.objects.get(indicator__project=p2, indicator__order=1, value=Decimal(170)).note == "第二期培训结束"
    assert ExpenditureReport.objects.filter(project=p2).latest("id").amount == Decimal("20.5")


def test_the_values_are_shown_only_on_the_page_they_were_typed_on(client, seeded, finance, year_end):
    response = client.post(entry_url(project(2)), entry_data(project(2), {1: "170人"}))
    assert response.status_code == 302
    client.post("/accounts/login/", {"username": "finance", "password": PASSWORD})
    other = client.get(entry_url(project(3))).content.decode()
    assert EXPIRED not in other and 'value="170人"' not in other
    assert EXPIRED in client.get(entry_url(project(2))).content.decode()
