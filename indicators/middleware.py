"""Each request reads a year's rule profile once, however many selectors, presenters and forms ask for it."""
from indicators.selectors.rule_settings import read_once


class RuleProfilesPerRequest:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with read_once():
            return self.get_response(request)
