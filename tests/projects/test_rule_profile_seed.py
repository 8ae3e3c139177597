"""Profiles seeded once from the deployment's PERF_* settings for each year that already had projects (DOMAIN §10)."""
import importlib
from decimal import Decimal

from django.apps import apps

from projects.models import Project, RuleProfile

seed = importlib.import_module("projects.migrations.0012_seed_rule_profiles").seed
D = Decimal


def make_project(department, year: int) -> None:
    Project.objects.create(department=department, year=year, seq=1, name="项目", budget=D(1), own_level=D(1),
                           transfer=D(0))


def test_each_year_with_projects_gets_the_numbers_it_was_scored_by(department, settings):
    settings.PERF_CLASS_POINTS = {"产出指标": D(40), "效益指标": D(40), "满意度指标": D(10)}
    settings.PERF_GREEN_RATIO = D("0.9")
    settings.PERF_GRADE_BANDS = ((85, "优"), (75, "良"), (60, "中"))
    make_project(department, 2025)
    make_project(department, 2026)
    seed(apps, None)
    assert list(RuleProfile.objects.order_by("year").values_list(
        "year", "budget_points", "output_points", "benefit_points", "satisfaction_points", "green_ratio",
        "yellow_ratio", "excellent_from", "good_from", "fair_from",
    )) == [(year, D(10), D(40), D(40), D(10), D("0.9"), D("0.6"), D(85), D(75), D(60)) for year in (2025, 2026)]
    seed(apps, None)  # a second run adds nothing
    assert RuleProfile.objects.count() == 2
