"""Reading a request body through an input serializer: 400 with field errors, never a guess."""
from collections.abc import Mapping

from rest_framework.exceptions import ValidationError
from rest_framework.settings import api_settings

NOT_AN_OBJECT = '请求体应为 JSON 对象（字段名: 值），例如 {"as_of": "2026-07-31"}。'


def validated(serializer_class, request, **context) -> dict:
    """The body's validated data; a body that is not an object (a list, a string, null) is refused as a whole."""
    if not isinstance(request.data, Mapping):
        raise ValidationError({api_settings.NON_FIELD_ERRORS_KEY: [NOT_AN_OBJECT]})
    body = serializer_class(data=request.data, context=context)
    body.is_valid(raise_exception=True)
    return body.validated_data
