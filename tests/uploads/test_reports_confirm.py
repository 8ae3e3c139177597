"""确认导入 writes what the preview showed, exactly as `import_reports` would, or nothing when the ledger moved on."""
import datetime
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction

from indicators.models import ExpenditureReport, IndicatorReport
from indicators.services.reports import record_indicator_report
from tests.conftest import project
from tests.uploads.conftest import TODAY, csv_file, ledger

pytestmark = pytest.mark.django_db
SCENARIO = Path(__file__).resolve().parent.parent / "scenarios" / "reports_2026.csv"
UPLOAD, CONFIRM = "/entry/upload/", "/entry/upload/confirm/"


@pytest.fixture
def clerk(client, seeded, finance):
    client.force_login(finance)
    return client


@pytest.fixture(scope="module")
def seed_moment():
    """The folder's day: the one test that moves the clock does so after the table is in."""
    return TODAY


def previewed(client, file) -> str:
    response = client.post(UPLOAD, {"department": "nbfl", "year": 2026, "file": file})
    assert response.status_code == 200, response.context["upload"].preview.refusals
    return response.context["upload"].token


def test_confirming_writes_the_same_rows_as_the_command_on_the_same_file(clerk, finance):
    with transaction.atomic():
        call_command("import_reports", str(SCENARIO), department="nbfl", year=2026, user="finance", stdout=StringIO())
        by_command = ledger()
        transaction.set_rollback(True)
    assert len(by_command) == 19 and ledger() == []
    token = previewed(clerk, SimpleUploadedFile("reports_2026.csv", SCENARIO.read_bytes()))
    assert ledger() == []  # the preview wrote nothing
    response = clerk.post(CONFIRM, {"token": token, "year": 2026})
    assert response.status_code == 302 and response["Location"] == "/entry/?year=2026"
    assert ledger() == by_command
    page = clerk.get(response["Location"]).content.decode()
    assert "已导入「reports_2026.csv」：指标完成值 15 条、支出 4 条。" in page
    # The entry page shows the imported values: project 7 spent 30.00 of its budget by 20 November.
    assert "30.00" in clerk.get(f"/entry/{project(7).pk}/").content.decode()


def test_a_second_confirmation_of_the_same_preview_imports_nothing_twice(clerk):
    token = previewed(clerk, csv_file("1,2,96,,,2026-11-20,"))
    assert clerk.post(CONFIRM, {"token": token, "year": 2026}).status_code == 302
    again = clerk.post(CONFIRM, {"token": token, "year": 2026}, follow=True)
    assert "上传的文件已过期或不存在" in again.content.decode()
    assert IndicatorReport.objects.count() == 1


def test_a_value_saved_by_someone_else_after_the_preview_stops_the_import_and_is_named(clerk, finance2):
    token = previewed(clerk, csv_file("1,,4.14,,,2026-11-20,", "1,2,96,,,2026-11-20,"))
    satisfaction = project(1).indicators.get(order=2)
    record_indicator_report(indicator=satisfaction, user=finance2, as_of=datetime.date(2026, 10, 31),
                            value=Decimal("93"))
    response = clerk.post(CONFIRM, {"token": token, "year": 2026})
    assert response.status_code == 409
    upload = response.context["upload"]
    assert upload.changed and [(r.line, r.old) for r in upload.moved_on] == [(3, "93 %")]
    html = response.content.decode()
    assert "自预览以来数据已有变化" in html and "未写入任何记录" in html
    assert "第 3 行 项目 1「设备购置经费」指标 2「使用人员满意度」：现值已变为 93 %" in html
    # Nothing of the file was written: only finance2's report is there.
    assert IndicatorReport.objects.count() == 1 and ExpenditureReport.objects.count() == 0
    # The new preview may be confirmed as it now stands.
    assert clerk.post(CONFIRM, {"token": upload.token, "year": 2026}).status_code == 302
    assert IndicatorReport.objects.count() == 2 and ExpenditureReport.objects.count() == 1


def test_a_save_after_the_preview_that_makes_a_row_a_correction_is_refused_at_confirmation(clerk, finance2):
    token = previewed(clerk, csv_file("1,2,96,,,2026-11-20,"))
    satisfaction = project(1).indicators.get(order=2)
    record_indicator_report(indicator=satisfaction, user=finance2, as_of=datetime.date(2026, 11, 20),
                            value=Decimal("93"))
    response = clerk.post(CONFIRM, {"token": token, "year": 2026})
    assert response.status_code == 409
    upload = response.context["upload"]
    assert upload.preview.refusals[0].startswith("第 2 行「更正原因」截至 2026-11-20 已填报 93")
    assert not upload.confirmable and 'id="confirm-import"' not in response.content.decode()
    assert IndicatorReport.objects.count() == 1


def test_someone_elses_token_finds_nothing(clerk, client, finance2):
    token = previewed(clerk, csv_file("1,2,96,,,2026-11-20,"))
    client.force_login(finance2)
    response = client.post(CONFIRM, {"token": token, "year": 2026}, follow=True)
    assert "上传的文件已过期或不存在" in response.content.decode()
    assert IndicatorReport.objects.count() == 0


def test_a_file_altered_while_it_waits_is_not_imported(clerk, staging):
    token = previewed(clerk, csv_file("1,2,96,,,2026-11-20,"))
    (staging / f"{token}.bin").write_bytes(csv_file("1,2,9,,,2026-11-20,").read())
    response = clerk.post(CONFIRM, {"token": token, "year": 2026}, follow=True)
    assert "上传的文件已过期或不存在" in response.content.decode()
    assert IndicatorReport.objects.count() == 0 and not (staging / f"{token}.bin").exists()


def test_a_preview_older_than_the_waiting_time_has_expired(clerk, settings):
    settings.UPLOAD_STAGING_SECONDS = 600
    token = previewed(clerk, csv_file("1,2,96,,,2026-11-20,"))
    with time_machine.travel(TODAY + datetime.timedelta(minutes=11), tick=False):
        response = clerk.post(CONFIRM, {"token": token, "year": 2026}, follow=True)
    assert "上传的文件已过期或不存在（预览后超过 10 分钟，或已导入）：请重新上传。" in response.content.decode()
    assert IndicatorReport.objects.count() == 0


@pytest.mark.parametrize("token", ["", "../../secret_key", "x" * 32])
def test_a_made_up_token_finds_nothing(clerk, token):
    response = clerk.post(CONFIRM, {"token": token, "year": 2026}, follow=True)
    assert "上传的文件已过期或不存在" in response.content.decode()


def test_the_command_dry_run_prints_the_preview_and_writes_nothing(seeded, finance, tmp_path):
    path = tmp_path / "reports.csv"
    path.write_bytes(csv_file("1,,4.14,,,2026-11-20,设备采购已付款", "1,2,96,,,2026-11-20,").read())
    out = StringIO()
    call_command("import_reports", str(path), department="nbfl", year=2026, user="finance", dry_run=True, stdout=out)
    assert out.getvalue().splitlines() == [
        "第 2 行 项目 1「设备购置经费」累计支出：（无） → 4.14 万元（截至 2026-11-20）设备采购已付款",
        "第 3 行 项目 1「设备购置经费」指标 2「使用人员满意度」：（无） → 96 %（截至 2026-11-20）",
        "【试运行，未写入】将导入指标完成值 1 条、支出 1 条。",
    ]
    assert ledger() == []
