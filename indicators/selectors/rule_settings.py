"""A budget year's rule profile (projects.RuleProfile, DOMAIN §10) as the rules layer's plain RuleSettings.

One query per year read; inside a request (indicators.middleware.RuleProfilesPerRequest) each year is read once,
however many selectors, presenters and forms ask. A year without a profile row is scored by the built-in profile
(rules.DEFAULT_SETTINGS). Nothing here reads settings.PERF_*: those seeded the rows once (projects migration 0012).
"""
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from functools import lru_cache

from indicators import rules
from projects.models import RuleProfile
from projects.models_profile import GRADES

_DEFAULT = rules.DEFAULT_SETTINGS
_read: ContextVar[dict[int, rules.RuleSettings] | None] = ContextVar("rule_profiles_read", default=None)
_FIELDS = tuple(f.attname for f in RuleProfile._meta.concrete_fields if f.attname not in ("id",))


@contextmanager
def read_once() -> Iterator[None]:
    """Within the block, each year's profile is read from the database once (a request's pages and forms); inside
    an outer block, the outer block's reads are kept."""
    if _read.get() is not None:
        yield
        return
    token = _read.set({})
    try:
        yield
    finally:
        _read.reset(token)


def forget(year: int) -> None:
    """Drops what this block has read of a year (after the year's profile was saved)."""
    read = _read.get()
    if read is not None:
        read.pop(year, None)


def _plain(value):
    """A stored 0.8000 or 50.00 as 0.8 or 50: the same numbers as the built-in profile's, shown alike."""
    if not isinstance(value, Decimal):
        return value
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


@lru_cache(maxsize=64)
def _settings(values: tuple) -> rules.RuleSettings:
    row = {name: _plain(value) for name, value in zip(_FIELDS, values, strict=True)}
    return rules.RuleSettings(
        year=row["year"],
        framework=row["framework"],
        weighting=row["weighting"],
        class_points={
            rules.Level1.OUTPUT: row["output_points"],
            rules.Level1.COST: row["cost_points"],
            rules.Level1.BENEFIT: row["benefit_points"],
            rules.Level1.SATISFACTION: row["satisfaction_points"],
        },
        budget_points=row["budget_points"],
        over_achievement_factor=row["over_achievement_factor"],
        tier_bands={
            rules.Tier.ACHIEVED: rules.TierBand(row["achieved_from"], Decimal(100), True, row["achieved_default"]),
            rules.Tier.PARTIAL: rules.TierBand(row["partial_from"], row["achieved_from"], False,
                                               row["partial_default"]),
            rules.Tier.FAILED: rules.TierBand(Decimal(0), row["partial_from"], False, row["failed_default"]),
        },
        grade_bands=tuple(zip((row["excellent_from"], row["good_from"], row["fair_from"]), GRADES, strict=False)),
        lowest_grade=GRADES[-1],
        green_ratio=row["green_ratio"],
        yellow_ratio=row["yellow_ratio"],
        bounded_rate_words=RuleProfile(bounded_rate_words=row["bounded_rate_words"]).bounded_words,
        reverse_formula=row["reverse_formula"],
    )


def profile_settings(profile: RuleProfile | None) -> rules.RuleSettings:
    """A stored profile as plain numbers; None gives the built-in profile."""
    if profile is None:
        return _DEFAULT
    return _settings(tuple(getattr(profile, name) for name in _FIELDS))


def rule_settings(year: int) -> rules.RuleSettings:
    """The profile `year` is scored by (one query, or none when this request has read it already)."""
    read = _read.get()
    if read is not None and year in read:
        return read[year]
    values = RuleProfile.objects.filter(year=year).values_list(*_FIELDS).first()
    found = _DEFAULT if values is None else _settings(tuple(values))
    if read is not None:
        read[year] = found
    return found


def grade_labels(profile: rules.RuleSettings | None = None) -> list[str]:
    """The grades (those of `profile`, else the built-in ones), best first: 优, 良, 中, 差."""
    profile = profile or _DEFAULT
    return [label for _, label in profile.grade_bands] + [profile.lowest_grade]
