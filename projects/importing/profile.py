"""What the import needs of the year's rule profile (DOMAIN §10): its framework and the budget line's points.

One small function, so the import does not depend on where profiles are kept: until a year has a profile of its
own, the deployment's settings (or DOMAIN's defaults) are read.
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
    """The profile of `year` as far as an import is concerned."""
    return ImportProfile(FRAMEWORK_10, Decimal(str(getattr(settings, "PERF_BUDGET_POINTS", 10))))
