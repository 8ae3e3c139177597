"""Uploads through the browser's doors: files kept in a folder of the test's own, the clock on 2 December 2026."""
import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from indicators.models import ExpenditureReport, IndicatorReport

TODAY = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
HEADER = "project_seq,indicator_order,value,tier,tier_percent,as_of,note"


@pytest.fixture(autouse=True)
def staging(settings, tmp_path):
    settings.UPLOAD_STAGING_DIR = tmp_path / "uploads"
    return settings.UPLOAD_STAGING_DIR


@pytest.fixture(autouse=True)
def december():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY.date()


def csv_file(*lines: str, name: str = "reports.csv", header: str = HEADER) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ("\n".join([header, *lines]) + "\n").encode("utf-8"), content_type="text/csv")


def ledger() -> list[tuple]:
    """Every ledger row as a clerk would compare them: line, value, date, note, what it corrects, why, who."""
    reports = [
        (r.indicator.project.seq, r.indicator.order, r.value, r.tier, r.tier_percent, r.as_of, r.note,
         r.corrects_id is not None, r.reason, r.entered_by.username)
        for r in IndicatorReport.objects.select_related("indicator__project", "entered_by").order_by("id")
    ]
    spent = [
        (e.project.seq, None, e.amount, "", None, e.as_of, e.note, e.corrects_id is not None, e.reason,
         e.entered_by.username)
        for e in ExpenditureReport.objects.select_related("project", "entered_by").order_by("id")
    ]
    return sorted(reports, key=str) + sorted(spent, key=str)


def choices(response) -> dict[str, str]:
    """The column each field's select shows on an upload page with a column choice: {"target": "D", ...}."""
    return {field["name"]: field["selected"] for field in response.context["upload"].mapping_fields()}


def problems(response) -> dict[str, list[str]]:
    """The messages next to each select that has one."""
    return {field["name"]: field["problems"] for field in response.context["upload"].mapping_fields()
            if field["problems"]}


def choose_columns(client, url: str, response, **letters):
    """按所选列重新预览 at `url` with the columns as the page shows them, `letters` changed (target="E")."""
    fields = {f"col_{name}": letter for name, letter in (choices(response) | letters).items()}
    return client.post(url, {"token": response.context["upload"].remap_token, **fields})


@pytest.fixture(scope="module")
def seed_moment():
    """The clock of this folder's tests: a seeded table imported once for a module is dated as theirs are."""
    return TODAY
