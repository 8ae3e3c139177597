"""The schema answers every one of several simultaneous requests (gunicorn runs threads; drf-spectacular's
generation is not thread-safe on its own, which `.ci/fuzz` met as a 500 for one of two requests at once)."""
import threading

from django.contrib.auth.models import User
from rest_framework.test import APIRequestFactory, force_authenticate

from indicators.api.schema_view import SchemaView

THREADS = 8


def test_eight_threads_asking_at_once_all_get_the_schema():
    view, factory = SchemaView.as_view(), APIRequestFactory()
    user = User(username="reader", is_active=True)  # never saved: the schema reads nothing from the database
    start, answers = threading.Barrier(THREADS), []

    def ask():
        request = factory.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
        force_authenticate(request, user=user)
        start.wait()
        try:
            response = view(request)
            response.render()
            answers.append((response.status_code, len(response.content) > 10_000))
        except Exception as error:  # a race shows as an exception in one thread: record it, do not lose it
            answers.append((type(error).__name__, False))

    threads = [threading.Thread(target=ask) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [(200, True)] * THREADS
