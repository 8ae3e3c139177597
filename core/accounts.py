"""Logging out and changing one's password; wrong old passwords count as failed logins (django-axes).

Without this, anyone at an unattended session could try old passwords without limit; counted as failures of the
user's login, they lock the account at the same limit and for the same hour as the login page does.
"""
from axes.handlers.proxy import AxesProxyHandler
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError

LOCKED = "原密码输错次数过多，账号已锁定 1 小时：请稍后再试，或联系管理员解锁。"


class ThrottledPasswordChangeForm(PasswordChangeForm):
    def __init__(self, user, *args, request=None, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self):
        credentials = {"username": self.user.get_username()}
        if AxesProxyHandler.is_locked(self.request, credentials):
            raise ValidationError(LOCKED, code="locked")
        try:
            return super().clean_old_password()
        except ValidationError:
            user_login_failed.send(sender=__name__, credentials=credentials, request=self.request)
            raise


class ThrottledPasswordChangeView(auth_views.PasswordChangeView):
    form_class = ThrottledPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


class LogoutWithMessageView(auth_views.LogoutView):
    """Logging out lands on the login page with a word that it worked (it said nothing before)."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, "您已安全退出。")  # kept in the message cookie: the session is gone
        return response
