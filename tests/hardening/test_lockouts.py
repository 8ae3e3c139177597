"""Lock-outs count the real person: behind the proxies the README configures, and on the password-change form."""
import pytest
from axes.models import AccessAttempt

PASSWORD = "pw-for-tests-2026"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    return settings


def log_in(client, *, forwarded_for: str, password: str = "wrong", username: str = "finance"):
    return client.post("/accounts/login/", {"username": username, "password": password},
                       REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)


def test_behind_one_proxy_a_stranger_cannot_lock_out_a_user_at_another_address(client, finance, axes_on):
    axes_on.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        log_in(client, forwarded_for="198.51.100.7")  # the attacker, as nginx appends it
    assert log_in(client, forwarded_for="198.51.100.7", password=PASSWORD).status_code == 429
    assert log_in(client, forwarded_for="203.0.113.9", password=PASSWORD).status_code == 302  # the real user


def test_a_forged_forwarded_for_does_not_move_the_attacker_to_another_address(client, finance, axes_on):
    axes_on.TRUSTED_PROXY_COUNT = 1
    for index in range(5):
        log_in(client, forwarded_for=f"10.0.0.{index}, 198.51.100.7")  # forged entry first, nginx's last
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.7"}


def test_without_a_configured_proxy_the_header_is_ignored(client, finance, axes_on):
    axes_on.TRUSTED_PROXY_COUNT = 0
    log_in(client, forwarded_for="198.51.100.7")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}


def test_wrong_old_passwords_lock_the_password_change_like_the_login(client, finance, axes_on):
    client.force_login(finance)
    form = {"old_password": "wrong", "new_password1": "A-new-pass-2026", "new_password2": "A-new-pass-2026"}
    for _ in range(4):
        assert "旧密码不正确" in client.post("/accounts/password_change/", form).content.decode()
    assert client.post("/accounts/password_change/", form).status_code == 429  # the fifth failure locks
    right = {**form, "old_password": PASSWORD}
    response = client.post("/accounts/password_change/", right)
    assert response.status_code == 200
    assert "原密码输错次数过多，账号已锁定 1 小时" in response.content.decode()
    finance.refresh_from_db()
    assert finance.check_password(PASSWORD)
