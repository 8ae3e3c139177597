"""The address of the person at the keyboard, for lock-outs (django-axes) behind a configured number of proxies.

Each trusted proxy (the README's nginx is one) appends the address it received the request from to
X-Forwarded-For, so the client's is the n-th entry from the right. Anything further left was sent by the client
itself and may be forged; with no proxy configured the header is ignored and the socket's address is used.
"""
from django.conf import settings


def client_address(request) -> str:
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
