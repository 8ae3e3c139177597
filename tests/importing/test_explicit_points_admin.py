"""Explicit 分值 in the admin: editable before the first report, and only so that the form foots (DOMAIN §4);
read-only once the year has a report (a change then goes through an adjustment)."""
import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from core.roles import FINANCE
from indicators.services.reports import record_indicator_report
from projects.models import Department, Indicator, Project
from tests.conftest import make_user
from tests.hardening.test_reported_year_doors import INDICATOR_FIELDS, project_form
from tests.importing.helpers import run_import
from tests.importing.tolerant_files import sichuan_form, tsv_bytes

pytestmark = pytest.mark.django_db
UNIT = "青神县发展和改革局"


@pytest.fixture
def payroll(tmp_path) -> Project:
    path = tmp_path / "自评表.txt"
    path.write_bytes(tsv_bytes(sichuan_form()))
    run_import(path, department=UNIT)
    return Project.objects.get()


@pytest.fixture
def admin_client(admin_user) -> Client:
    client = Client()
    client.force_login(admin_user)
    return client


def with_points(item: Project, points: list[str]) -> dict:
    rows = [{"id": i.pk, **{name: getattr(i, name) for name in INDICATOR_FIELDS}, "points": p}
            for i, p in zip(item.indicators.all(), points, strict=True)]
    return project_form(item, indicators=rows)


def stored_points() -> list[Decimal]:
    return list(Indicator.objects.order_by("order").values_list("points", flat=True))


def test_points_that_do_not_foot_are_refused_next_to_the_lines(payroll, admin_client):
    change = reverse("admin:projects_project_change", args=[payroll.pk])
    page = admin_client.post(change, with_points(payroll, ["50", "30"])).content.decode()
    assert "分值：各指标分值合计 80.00 分，加预算执行 10.00 分为 90.00 分，应为 100.00 分" in page
    assert stored_points() == [Decimal(60), Decimal(30)]
    assert admin_client.post(change, with_points(payroll, ["50", "40"])).status_code == 302
    assert stored_points() == [Decimal(50), Decimal(40)]


def test_once_reported_the_points_are_read_only(payroll, admin_client):
    clerk = make_user("clerk", group=FINANCE, department=Department.objects.get(name=UNIT))
    record_indicator_report(indicator=payroll.indicators.first(), user=clerk, as_of=datetime.date(2026, 3, 31),
                            value=Decimal(100))
    change = reverse("admin:projects_project_change", args=[payroll.pk])
    assert 'name="indicators-0-points"' not in admin_client.get(change).content.decode()
    admin_client.post(change, with_points(payroll, ["50", "40"]))
    assert stored_points() == [Decimal(60), Decimal(30)]
