"""A save whose session ended elsewhere (logged out in another tab, expired) is not dropped (issue #17).

The form pages' views wear `keep_post_when_logged_out` outside `login_required`: an anonymous POST has its fields
(not the CSRF token, not files) kept in the new anonymous session, which login carries over, and goes to the login
page with `next`. Back on the page, `take_kept_post` hands the view the typed values once, with a message; the view
binds its form to them and saves nothing: the user checks and saves again, through the same service as always.
"""
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import QueryDict

SESSION_KEY = "kept_post"
EXPIRED = "登录已过期，您填写的内容尚未保存，请核对后再次保存"
# The longest form of the site (a project's year-end texts) is well below this; a bigger body is not kept
# in a session row, and the user meets the login page as before.
MAX_CHARS = 200_000
NOT_KEPT = {"csrfmiddlewaretoken"}


def _fields(request) -> list[list[str]] | None:
    fields = [[name, value] for name, values in request.POST.lists() if name not in NOT_KEPT for value in values]
    if sum(len(name) + len(value) for name, value in fields) > MAX_CHARS:
        return None
    return fields


def keep_post_when_logged_out(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST" and not request.user.is_authenticated:
            fields = _fields(request)
            if fields:
                request.session[SESSION_KEY] = {"path": request.get_full_path(), "fields": fields}
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def take_kept_post(request) -> QueryDict | None:
    """The values typed on this very page before the login, once (then forgotten), with the message; else None."""
    if request.method != "GET" or not request.user.is_authenticated:
        return None
    kept = request.session.get(SESSION_KEY)
    if not kept or kept.get("path") != request.get_full_path():
        return None
    del request.session[SESSION_KEY]
    data = QueryDict(mutable=True)
    for name, value in kept["fields"]:
        data.appendlist(name, value)
    messages.warning(request, EXPIRED)
    return data
