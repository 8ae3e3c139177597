"""What the import needs of the year's rule profile (DOMAIN §10): its framework and the budget line's points.

One small function, so the import does not depend on where profiles are kept: a year without a profile of its own
reads the deployment's settings (or DOMAIN's defaults), as scoring does.
"""
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

FRAMEWORK_10 = "10号"


@dataclass(frozen=True)
class ImportProfile:
    framework: str  # 10号: 101号's cost classes are read as 产出/成本指标 (noted in the preview)
    budget_points: Decimal  # the budget line's 分值, which explicit 分值 must complete to 100.00


def import_profile(year: int) -> ImportProfile:
    """The profile of `year` as far as an import is concerned (one query)."""
    from projects.models import RuleProfile  # the app registry is ready only once an import runs

    found = RuleProfile.objects.filter(year=year).values_list("framework", "budget_points").first()
    if found:
        return ImportProfile(str(found[0]), found[1])
    return ImportProfile(FRAMEWORK_10, Decimal(str(getattr(settings, "PERF_BUDGET_POINTS", 10))))
