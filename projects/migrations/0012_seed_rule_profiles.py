"""Each year that already has projects gets a rule profile of the numbers it was scored by until now: the
deployment's settings.PERF_* where set, else DOMAIN's defaults (the model's). Later years start from the built-in
profile until an admin adds theirs."""
from decimal import Decimal

from django.conf import settings
from django.db import migrations

_POINTS = {"产出指标": "output_points", "效益指标": "benefit_points", "满意度指标": "satisfaction_points"}
_NUMBERS = {"budget_points": "PERF_BUDGET_POINTS", "over_achievement_factor": "PERF_OVER_ACHIEVEMENT_FACTOR",
            "green_ratio": "PERF_GREEN_RATIO", "yellow_ratio": "PERF_YELLOW_RATIO"}


def _from_settings() -> dict:
    values = {field: Decimal(str(getattr(settings, name))) for field, name in _NUMBERS.items() if hasattr(settings, name)}
    for level1, points in getattr(settings, "PERF_CLASS_POINTS", {}).items():
        if level1 in _POINTS:
            values[_POINTS[level1]] = Decimal(str(points))
    bands = getattr(settings, "PERF_GRADE_BANDS", None)
    if bands:
        for field, (low, _label) in zip(("excellent_from", "good_from", "fair_from"), bands, strict=False):
            values[field] = Decimal(str(low))
    return values


def seed(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    RuleProfile = apps.get_model("projects", "RuleProfile")
    values = _from_settings()
    for year in Project.objects.values_list("year", flat=True).distinct().order_by("year"):
        RuleProfile.objects.get_or_create(year=year, defaults=values)


class Migration(migrations.Migration):
    dependencies = [("projects", "0011_rule_profiles")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
