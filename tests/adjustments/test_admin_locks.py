"""The admin cannot overwrite a 年初 target or budget once the year has a report: that takes an adjustment."""
import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from indicators.services.reports import record_indicator_report
from projects.models import IndicatorAdjustment

INDICATOR_FIELDS = ["project", "order", "name", "operator", "target_text", "target_value", "unit", "level1", "level2", "basis",
                    "weight"]


@pytest.fixture
def admin_client(admin_user) -> Client:
    client = Client()
    client.force_login(admin_user)
    return client


def post_indicator(client, indicator, **changes):
    data = {name: getattr(indicator, f"{name}_id" if name == "project" else name) for name in INDICATOR_FIELDS}
    data = {k: "" if v is None else str(v) for k, v in (data | changes).items()}
    return client.post(reverse("admin:projects_indicator_change", args=[indicator.pk]), data)


def test_before_any_report_the_admin_still_sets_the_year_start_target(trainees, admin_client):
    assert post_indicator(admin_client, trainees, target_text="160", target_value="160").status_code == 302
    trainees.refresh_from_db()
    assert (trainees.target_text, trainees.target_value) == ("160", Decimal("160"))


def test_once_the_year_has_a_report_the_target_is_read_only_in_the_admin(trainees, finance, admin_client):
    record_indicator_report(indicator=trainees, user=finance, as_of=datetime.date(2026, 8, 20), value=Decimal(155))
    page = admin_client.get(reverse("admin:projects_indicator_change", args=[trainees.pk])).content.decode()
    assert "年初目标、预算与分值不能在此直接修改" in page
    assert 'name="target_text"' not in page and 'name="name"' in page

    assert post_indicator(admin_client, trainees, target_text="150", target_value="150", name="培训人次").status_code == 302
    trainees.refresh_from_db()
    assert (trainees.name, trainees.target_text, trainees.target_value) == ("培训人次", "162", Decimal("162"))
    assert not IndicatorAdjustment.objects.exists()


def test_once_the_year_has_a_report_the_budget_is_read_only_in_the_admin(training, trainees, finance, admin_client):
    record_indicator_report(indicator=trainees, user=finance, as_of=datetime.date(2026, 8, 20), value=Decimal(155))
    page = admin_client.get(reverse("admin:projects_project_change", args=[training.pk])).content.decode()
    assert 'name="budget"' not in page and 'name="own_level"' not in page
    assert 'name="indicators-0-target_text"' not in page and 'name="indicators-0-name"' in page
