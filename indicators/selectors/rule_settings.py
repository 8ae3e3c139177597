"""The deployment's rule settings (settings.PERF_*) as the rules layer's plain RuleSettings."""
from functools import lru_cache

from django.conf import settings

from indicators import rules


@lru_cache(maxsize=1)
def _cached(class_points: tuple, budget_points, factor, green, yellow) -> rules.RuleSettings:
    return rules.RuleSettings(
        class_points={rules.Level1(k): v for k, v in class_points},
        budget_points=budget_points,
        over_achievement_factor=factor,
        green_ratio=green,
        yellow_ratio=yellow,
    )


def rule_settings() -> rules.RuleSettings:
    return _cached(
        tuple(settings.PERF_CLASS_POINTS.items()),
        settings.PERF_BUDGET_POINTS,
        settings.PERF_OVER_ACHIEVEMENT_FACTOR,
        settings.PERF_GREEN_RATIO,
        settings.PERF_YELLOW_RATIO,
    )


def grade_labels(profile: rules.RuleSettings | None = None) -> list[str]:
    """The deployment's grades (or those of `profile`), best first: 优, 良, 中, 差 by default."""
    profile = profile or rule_settings()
    return [label for _, label in profile.grade_bands] + [profile.lowest_grade]
