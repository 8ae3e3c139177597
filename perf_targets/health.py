from django.http import HttpResponse


def healthz(request):
    """Trivial view: the load test's yardstick, and a probe for load balancers."""
    return HttpResponse("ok", content_type="text/plain")
