"""Staff correct an indicator's 监控口径 in the admin, with its history; a basis that does not fit is refused."""
import html

import pytest
from django.test import Client
from django.urls import reverse

from projects.models import Indicator
from tests.conftest import project

FIELDS = ["project", "order", "name", "operator", "target_text", "target_value", "unit", "level1", "level2", "basis",
          "weight"]


@pytest.fixture
def admin_client(admin_user) -> Client:
    client = Client()
    client.force_login(admin_user)
    return client


def line(seq: int, order: int) -> Indicator:
    return Indicator.objects.get(project=project(seq), order=order)


def post(client, indicator, **changes):
    data = {name: getattr(indicator, f"{name}_id" if name == "project" else name) for name in FIELDS}
    data = {k: "" if v is None else str(v) for k, v in (data | changes).items()}
    return client.post(reverse("admin:projects_indicator_change", args=[indicator.pk]), data)


def test_the_admin_shows_and_filters_by_the_basis(seeded, admin_client):
    page = admin_client.get(reverse("admin:projects_indicator_changelist") + "?basis=时点").content.decode()
    assert "监控口径" in page
    assert "28 条结果" in page  # the 28 point-in-time lines of the table
    form = admin_client.get(reverse("admin:projects_indicator_change", args=[line(1, 3).pk])).content.decode()
    assert '<option value="时点" selected>时点</option>' in form


def test_a_corrected_basis_is_saved_with_its_history(seeded, admin_user, admin_client, auditor):
    trainees = line(2, 1)
    assert trainees.basis == "累计"
    assert post(admin_client, trainees, basis="时点").status_code == 302
    trainees.refresh_from_db()
    assert trainees.basis == "时点"
    latest = trainees.history.latest()
    assert (latest.history_type, latest.history_user, latest.basis) == ("~", admin_user, "时点")
    client = Client()
    client.force_login(auditor)
    assert "监控口径：累计 → 时点" in client.get("/adjustments/audit/").content.decode()


@pytest.mark.parametrize(
    ("seq", "order", "basis", "message"),
    [
        (2, 3, "累计", "定性指标（无运算符）的监控口径只能是「定性」"),
        (2, 1, "定性", "有运算符的指标按「累计」或「时点」监控，「定性」只用于无运算符的指标"),
        (3, 1, "累计", "反向指标（≤、<）是任一时点都不应超过的上限，监控口径只能是「时点」"),
    ],
)
def test_a_basis_that_does_not_fit_the_operator_is_refused(seeded, admin_client, seq, order, basis, message):
    indicator = line(seq, order)
    before = indicator.basis
    response = post(admin_client, indicator, basis=basis)
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    indicator.refresh_from_db()
    assert indicator.basis == before
