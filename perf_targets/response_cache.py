"""Whole responses of the busiest reads (the dashboard, the API project list), cached per data version.

A page is evaluated afresh only when something it could show has changed. The key holds the data version
(projects.data_version: changed by database triggers on every committed write), today's date (the default as-of date
and the year are today's), the user, the full address, and what the response depends on besides: Accept, the CSRF
cookie (the page's logout form carries its token), the language. A write made anywhere therefore turns every cached
page into a key nobody asks for again, and each app server's cache may be its own (the default, in memory): it only
saves work, and never decides what is shown.

Never from the cache: inside a transaction (its own writes are not in the version yet), with a message waiting to be
shown, or when caching is off (PAGE_CACHE=0). Only a plain 200 that sets no cookie is kept: not the first page of a
browser without a CSRF cookie, whose token is made for a cookie only that answer sets.
"""
import hashlib
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone

from projects.data_version import current_token

CACHE_ALIAS = "pages"


@dataclass(frozen=True)
class CachedResponse:
    status: int
    content: bytes
    headers: tuple[tuple[str, str], ...]

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response[name] = value
        return response


def cache_key(request) -> str | None:
    """The key of the request's response, or None when it must not come from (or go into) the cache.

    Read before the response is computed: a write committed in between then leaves the response under a version
    that is already out of date, never a stale response under the current one.
    """
    if not settings.PAGE_CACHE or request.method not in ("GET", "HEAD") or not request.user.is_authenticated:
        return None
    token = current_token()
    if token is None or len(get_messages(request)):
        return None
    parts = (
        token,
        timezone.localdate().isoformat(),
        str(request.user.pk),
        request.method,
        request.build_absolute_uri(),
        request.META.get("HTTP_ACCEPT", ""),
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
        getattr(request, "LANGUAGE_CODE", ""),
    )
    return "page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def cached(key: str | None) -> HttpResponse | None:
    entry = caches[CACHE_ALIAS].get(key) if key else None
    return entry.response() if entry else None


def keep(key: str | None, request, response) -> None:
    """Stores a rendered response under the key computed before it, if it is one that may be replayed."""
    if key is None or response.status_code != 200 or response.streaming:
        return
    if response.cookies or request.session.modified:
        return
    if request.META.get("CSRF_COOKIE", "") not in ("", request.COOKIES.get(settings.CSRF_COOKIE_NAME)):
        return  # the page's token belongs to a cookie this answer is about to set, not to the browser's own
    entry = CachedResponse(response.status_code, response.content, tuple(response.items()))
    caches[CACHE_ALIAS].set(key, entry)


def cache_per_data_version(view):
    """For a view that only reads, once the user is known: inside login_required, or on a DRF view's method
    (method_decorator), which runs after authentication and permissions."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        key = cache_key(request)
        hit = cached(key)
        if hit is not None:
            return hit
        response = view(request, *args, **kwargs)
        if getattr(response, "is_rendered", True):
            keep(key, request, response)
        else:  # a DRF Response is rendered after the view returns
            response.add_post_render_callback(lambda rendered: keep(key, request, rendered))
        return response

    return wrapper
