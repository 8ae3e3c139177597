"""Refuses, at the edge, requests no page can mean: a NUL or an undecodable byte in the path or the query string,
and an undecodable byte in a form body.

PostgreSQL cannot store or compare a NUL, and Django decodes a bad byte into U+FFFD that would be looked up as if
typed; both used to reach the database through `?department=`, `?state=` and the like (a 500). In a form body
(urlencoded or multipart, pages and API alike) Django decodes a bad byte into U+FFFD too, and that was stored as the
user's text: refused here, before any door sees it. A NUL in a body is refused by the fields (Django's and DRF's
CharField); JSON bodies cannot carry a bad byte (the JSON parser refuses them).
"""
import codecs
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render

REFUSED = "\x00\ufffd"
MESSAGE = "请求地址中含有无法识别的字符（如空字符或乱码），请检查后重试。"
BODY_MESSAGE = "提交的内容中含有无法识别的字符（乱码，可能不是 UTF-8 编码）：未保存任何内容，请检查后重新提交。"
BODY_BROKEN = "提交的表单格式有误，无法读取：未保存任何内容，请刷新页面后重新提交。"
URLENCODED = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"


def is_api(request) -> bool:
    return request.path_info.startswith("/api/")


def refuse(request, message: str, *, status: int = 400):
    """The site's refusal: JSON for the API, the error page for a browser."""
    if is_api(request):
        # The API's documented 400 shape: errors about the whole request sit under non_field_errors.
        body = {"non_field_errors": [message]} if status in (400, 413) else {"detail": message}
        return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    return render(request, "errors/refused.html", {"message": message, "status": status}, status=status)


def _malformed(request) -> bool:
    texts = [request.path_info]
    for key, values in request.GET.lists():
        texts.append(key)
        texts.extend(values)
    return any(char in text for text in texts for char in REFUSED)


def _undecodable_urlencoded(request) -> bool:
    """Each name and value, percent-decoded, must be UTF-8: Django reads such a body in no other charset (a declared
    one is its English 400, answered here in Chinese instead)."""
    if request.encoding and codecs.lookup(request.encoding).name != "utf-8":
        return True
    try:
        body = request.body
    except RequestDataTooBig:
        return False  # each door answers that itself (the API's 413 in JSON)
    for pair in body.split(b"&"):
        for part in pair.split(b"=", 1):
            try:
                unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
            except UnicodeDecodeError:
                return True
    return False


def _undecodable_multipart(request) -> bool:
    """Django has decoded each text field already, a bad byte as U+FFFD: no one types that character."""
    return any("\ufffd" in name or any("\ufffd" in value for value in values) for name, values in request.POST.lists())


def _body_refusal(request):
    if request.method not in ("POST", "PUT", "PATCH"):
        return None
    if request.content_type == URLENCODED and _undecodable_urlencoded(request):
        return refuse(request, BODY_MESSAGE)
    if request.content_type == MULTIPART:
        try:
            broken = _undecodable_multipart(request)
        except RequestDataTooBig:
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1024
            return refuse(request, f"请求体过大：不能超过 {limit} KB。", status=413)
        except (MultiPartParserError, SuspiciousOperation, OSError):  # a body Django cannot parse
            return refuse(request, BODY_BROKEN)
        if broken:
            return refuse(request, BODY_MESSAGE)
    return None


class RefuseMalformedAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _malformed(request):
            return refuse(request, MESSAGE)
        return _body_refusal(request) or self.get_response(request)
