"""The browsable API (what a person opening /api/… in a browser sees) without DRF's filter form."""
from rest_framework import renderers


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    def get_filter_form(self, data, view, request):
        # The lists filter by their own query parameters (see /api/docs/) and have no queryset to build a filter form
        # from: DRF's attempt made every list a 500 for a browser.
        return None
