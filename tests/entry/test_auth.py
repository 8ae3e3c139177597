"""Logging in and out, changing one's password, and the lock-out after repeated failures (django-axes)."""
import pytest
from django.contrib.auth.models import User

PASSWORD = "pw-for-tests-2026"


def log_in(client, username="finance", password=PASSWORD):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_the_login_page_is_in_chinese_and_carries_a_csrf_token(client, db):
    html = client.get("/accounts/login/").content.decode()
    assert "<h1>登录</h1>" in html and "用户名" in html and "密码" in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_a_finance_clerk_logs_in_and_lands_on_the_overview(client, finance):
    response = log_in(client)
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(finance.pk)


def test_login_goes_back_to_the_page_asked_for(client, finance):
    response = client.post("/accounts/login/?next=/entry/", {"username": "finance", "password": PASSWORD,
                                                            "next": "/entry/"})
    assert response["Location"] == "/entry/"


def test_a_wrong_password_is_refused_in_chinese(client, finance):
    response = log_in(client, password="wrong")
    assert response.status_code == 200
    assert "请输入一个正确的用户名和密码。注意，两者都区分大小写。" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_the_account_even_for_the_right_password(client, finance, settings):
    settings.AXES_ENABLED = True
    for _ in range(4):
        assert log_in(client, password="wrong").status_code == 200
    assert log_in(client, password="wrong").status_code == 429  # the fifth failure locks
    locked = log_in(client)
    assert locked.status_code == 429
    assert "登录失败次数过多" in locked.content.decode() and "锁定 1 小时" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_user_name_so_a_colleague_can_still_log_in(client, finance, finance2, settings):
    settings.AXES_ENABLED = True
    for _ in range(5):
        log_in(client, password="wrong")
    assert log_in(client, username="finance2").status_code == 302


def test_a_success_before_the_limit_starts_the_count_again(client, finance, settings):
    settings.AXES_ENABLED = True
    for _ in range(4):
        log_in(client, password="wrong")
    assert log_in(client).status_code == 302
    client.post("/accounts/logout/")
    for _ in range(4):
        assert log_in(client, password="wrong").status_code == 200
    assert log_in(client).status_code == 302


def test_logging_out_takes_a_post_and_ends_the_session(client, finance):
    client.force_login(finance)
    assert client.get("/accounts/logout/").status_code == 405  # a link or an image cannot log anyone out
    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert client.get("/entry/").status_code == 302


def test_the_password_change_needs_a_login(client, db):
    response = client.get("/accounts/password_change/")
    assert response["Location"] == "/accounts/login/?next=/accounts/password_change/"


def test_a_clerk_changes_their_password(client, finance):
    client.force_login(finance)
    response = client.post("/accounts/password_change/", {
        "old_password": PASSWORD, "new_password1": "Ningbo-perf-2027", "new_password2": "Ningbo-perf-2027",
    })
    assert response.status_code == 302 and response["Location"] == "/accounts/password_change/done/"
    assert "密码已修改" in client.get(response["Location"]).content.decode()
    client.post("/accounts/logout/")
    assert log_in(client).status_code == 200  # the old one no longer works
    assert log_in(client, password="Ningbo-perf-2027").status_code == 302


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("wrong-old", "Ningbo-perf-2027", "你的旧密码不正确。请重新输入。"),
        (PASSWORD, "12345678", "这个密码太常见了。"),
        (PASSWORD, "short", "密码长度太短。密码必须包含至少 8 个字符。"),
    ],
)
def test_a_bad_password_change_is_refused_in_chinese(client, finance, old, new, message):
    client.force_login(finance)
    response = client.post("/accounts/password_change/", {"old_password": old, "new_password1": new,
                                                         "new_password2": new})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert User.objects.get(pk=finance.pk).check_password(PASSWORD)


def test_the_password_page_explains_the_rules(client, finance):
    client.force_login(finance)
    assert "至少 8 个字符" in client.get("/accounts/password_change/").content.decode()
