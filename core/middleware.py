"""Refuses, at the edge, addresses no page can mean: a NUL or an undecodable byte in the path or the query string.

PostgreSQL cannot store or compare a NUL, and Django decodes a bad byte into U+FFFD that would be looked up as if
typed; both used to reach the database through `?department=`, `?state=` and the like (a 500). Form and JSON bodies
are checked by their fields (Django's and DRF's CharField refuse a NUL).
"""
from django.http import JsonResponse
from django.shortcuts import render

REFUSED = "\x00\ufffd"
MESSAGE = "请求地址中含有无法识别的字符（如空字符或乱码），请检查后重试。"


def is_api(request) -> bool:
    return request.path_info.startswith("/api/")


def refuse(request, message: str, *, status: int = 400):
    """The site's refusal: JSON for the API, the error page for a browser."""
    if is_api(request):
        # The API's documented 400 shape: errors about the whole request sit under non_field_errors.
        body = {"non_field_errors": [message]} if status == 400 else {"detail": message}
        return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    return render(request, "errors/refused.html", {"message": message, "status": status}, status=status)


def _malformed(request) -> bool:
    texts = [request.path_info]
    for key, values in request.GET.lists():
        texts.append(key)
        texts.extend(values)
    return any(char in text for text in texts for char in REFUSED)


class RefuseMalformedAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _malformed(request):
            return refuse(request, MESSAGE)
        return self.get_response(request)
