"""API errors: one shape per kind, in Chinese, and never a 500 for anything a client can send.

- 400 and 409: `{field: [messages]}`; errors about the whole request sit under `non_field_errors`.
  core.errors.DomainError (the services' refusal) keeps its fields; ConflictError answers 409.
- 401, 403, 404, 405, 406, 415: DRF's `{"detail": message}`; a path under /api/ that names no endpoint (an id that
  is not a number, an unknown kind) is the same JSON 404 (`not_found`), not the site's HTML page.
"""
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import DomainError
from indicators.models import LedgerError


def _non_field_key() -> str:
    return api_settings.NON_FIELD_ERRORS_KEY


def field_errors(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    """A service's errors keyed by field; the service's '' (whole form) becomes `non_field_errors`."""
    return {(field or _non_field_key()): [str(m) for m in messages] for field, messages in errors.items()}


def _flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested errors (a list item's, a nested serializer's) as flat `{"reasons.0": [...]}`."""
    if isinstance(detail, dict):
        flat: dict[str, list[str]] = {}
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            for field, messages in _flatten(value, name).items():
                flat.setdefault(field, []).extend(messages)
        return flat
    if isinstance(detail, list) and any(isinstance(item, (dict, list)) for item in detail):
        flat = {}
        for index, item in enumerate(detail):
            if item in ({}, []):
                continue
            for field, messages in _flatten(item, f"{prefix}.{index}" if prefix else str(index)).items():
                flat.setdefault(field, []).extend(messages)
        return flat
    messages = detail if isinstance(detail, list) else [detail]
    return {prefix or _non_field_key(): [str(m) for m in messages]}


def _encodable(data):
    """Messages echo what was sent; a lone surrogate ("\\ud800" in JSON) cannot be written as UTF-8, so it is
    shown escaped instead of failing the response."""
    if isinstance(data, dict):
        return {_encodable(key): _encodable(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_encodable(item) for item in data]
    if isinstance(data, str):
        return data.encode("utf-8", "backslashreplace").decode("utf-8")
    return data


def _django_validation_errors(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return field_errors({field: list(messages) for field, messages in exc.message_dict.items()})
    return {_non_field_key(): list(exc.messages)}


def exception_handler(exc, context):
    response = _handle(exc, context)
    if response is not None:
        response.data = _encodable(response.data)
    return response


def _handle(exc, context):
    if isinstance(exc, RequestDataTooBig):
        # Django answers its own English HTML 400; the API says what happened, in JSON like every other error.
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1024
        return Response({_non_field_key(): [f"请求体过大：不能超过 {limit} KB。"]},
                        status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    if isinstance(exc, DomainError):
        return Response(field_errors(exc.errors), status=exc.status)
    if isinstance(exc, DjangoValidationError):
        return Response(_django_validation_errors(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, LedgerError):
        # Only a bug could try to change a ledger row; say so plainly rather than answer 500.
        return Response({_non_field_key(): [str(exc)]}, status=status.HTTP_409_CONFLICT)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = _flatten(exc.detail)
    elif response.status_code == status.HTTP_400_BAD_REQUEST:
        # ParseError and other whole-request 400s: same shape as field errors.
        response.data = {_non_field_key(): [str(exc.detail)]}
    return response


NO_SUCH_ENDPOINT = "没有这个接口：请对照 /api/docs/ 检查地址（编号为正整数，地址以 / 结尾）。"


@csrf_exempt
def not_found(request, *args, **kwargs):
    """The last /api/ route: whatever no endpoint matched is a JSON 404 like every other API error.

    A GET or HEAD of an endpoint without its trailing slash is still redirected, as APPEND_SLASH did before this
    catch-all existed (with it, every /api/ path "resolves", so CommonMiddleware no longer redirects)."""
    if request.method in ("GET", "HEAD") and not request.path_info.endswith("/"):
        try:
            match = resolve(request.path_info + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found:
            return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
    return JsonResponse({"detail": NO_SUCH_ENDPOINT}, status=404, json_dumps_params={"ensure_ascii": False})
