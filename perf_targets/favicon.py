from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static


def favicon(request):
    """Browsers ask /favicon.ico of every address, JSON and files included: point them at the site's icon."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))
