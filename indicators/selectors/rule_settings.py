"""The deployment's rule settings (settings.PERF_*) as the rules layer's plain RuleSettings."""
from decimal import Decimal
from functools import lru_cache

from django.conf import settings

from indicators import rules

_DEFAULT = rules.DEFAULT_SETTINGS
# Each number of the profile and the setting that gives it; a setting left out of settings.py keeps DOMAIN's.
_SETTING_OF = {
    "budget_points": "PERF_BUDGET_POINTS",
    "over_achievement_factor": "PERF_OVER_ACHIEVEMENT_FACTOR",
    "green_ratio": "PERF_GREEN_RATIO",
    "yellow_ratio": "PERF_YELLOW_RATIO",
    "lowest_grade": "PERF_LOWEST_GRADE",  # below the last grade line: 差
}


@lru_cache(maxsize=1)
def _cached(class_points: tuple, grade_bands: tuple, numbers: tuple) -> rules.RuleSettings:
    return rules.RuleSettings(class_points=dict(class_points), grade_bands=grade_bands, **dict(numbers))


def rule_settings() -> rules.RuleSettings:
    numbers = tuple((name, getattr(settings, setting, getattr(_DEFAULT, name))) for name, setting in _SETTING_OF.items())
    # PERF_GRADE_BANDS: ((90, "优"), (80, "良"), (60, "中")), each grade from its line up.
    bands = tuple((Decimal(str(low)), label) for low, label in getattr(settings, "PERF_GRADE_BANDS", _DEFAULT.grade_bands))
    return _cached(tuple(settings.PERF_CLASS_POINTS.items()), bands, numbers)


def grade_labels(profile: rules.RuleSettings | None = None) -> list[str]:
    """The deployment's grades (or those of `profile`), best first: 优, 良, 中, 差 by default."""
    profile = profile or rule_settings()
    return [label for _, label in profile.grade_bands] + [profile.lowest_grade]
