"""GET /api/schema/: drf-spectacular's view, generating one schema at a time in a process.

drf-spectacular keeps generation state in module-level objects (its warning and error counters, the extensions it
loads on first use), so two threads generating at once can fail (drf-spectacular issues #1368 and #1123); under
gunicorn's threads that was a 500 for one of two simultaneous requests. A lock costs nothing here: the schema is
asked for rarely and is the same for every request.
"""
import threading

from drf_spectacular.views import SpectacularAPIView

_generating = threading.Lock()


class SchemaView(SpectacularAPIView):
    def _get_schema_response(self, request):
        with _generating:
            return super()._get_schema_response(request)
