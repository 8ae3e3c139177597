"""评分规则 (DOMAIN §10): a year's rule profile explained, read-only, for every logged-in role."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from indicators.presenters.rules_page import rules_sections
from indicators.selectors.rule_settings import rule_settings
from projects.selectors import resolve_year
from projects.services.rule_profiles import freeze_refusal


@login_required
@require_safe
def rules_index(request):
    return redirect("rules:page", resolve_year(request.GET.get("year")))


@login_required
@require_safe
def rules_page(request, year: int):
    settings = rule_settings(year)
    context = {
        "year": year,
        "own_profile": settings.year == year,  # False: the year has no profile of its own, the built-in one applies
        "frozen": freeze_refusal(year),
        "sections": rules_sections(settings),
    }
    return render(request, "indicators/rules.html", context)
