"""Our own 403, 404, 400 and 500 pages: in Chinese, in the site's layout, with a way back; logging out says so."""
import pytest
from django.test import Client, override_settings
from django.urls import path

from tests.conftest import project


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", boom)]


@pytest.mark.parametrize("who", ["manager", "auditor", "admin_user"])
def test_a_role_without_entry_gets_a_chinese_403_in_the_layout(request, client, seeded, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(f"/entry/{project(1).pk}/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "无权访问（403）" in html and 'name="viewport"' in html and "返回总览" in html
    assert "Forbidden" not in html


def test_an_unknown_address_is_a_chinese_404_in_the_layout(client, finance):
    client.force_login(finance)
    response = client.get("/adjustments/nothing-here/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "没有找到这个页面（404）" in html and 'aria-label="主导航"' in html


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_a_bug_shows_a_chinese_500_page(db):
    response = Client(raise_request_exception=False).get("/boom/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "系统出错（500）" in html and 'name="viewport"' in html


def test_a_stale_form_says_it_was_not_saved(seeded, finance):
    client = Client(enforce_csrf_checks=True)
    client.force_login(finance)
    response = client.post(f"/entry/{project(1).pk}/", {"value_1": "8"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "页面已过期，未保存" in html


def test_favicon_points_at_the_site_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")


def test_logging_out_says_so_on_the_login_page(client, finance):
    client.force_login(finance)
    response = client.post("/accounts/logout/", follow=True)
    assert response.redirect_chain[-1][0].endswith("/accounts/login/")
    assert "您已安全退出。" in response.content.decode()
