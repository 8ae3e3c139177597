"""A project submitted (送审) between the preview and 确认导入: the confirmation answers 409 with the lock's words and
writes nothing, on the reports upload and on the published-table upload as on the 自评表 upload."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from indicators.models import ExpenditureReport, IndicatorReport
from projects.choices import ReviewAction
from projects.services.review_states import lock_state, record_transition
from tests.conftest import DEPARTMENT_NAME, project
from tests.importing.helpers import NAME, Table
from tests.uploads.conftest import csv_file

pytestmark = pytest.mark.django_db
SUBMITTED = "该项目 2026 年自评已送审，如需修改请先退回"


def submit(seq: int, user) -> None:
    locked, review = lock_state(project(seq))
    record_transition(project=locked, review=review, action=ReviewAction.SUBMIT, user=user)


def test_the_reports_upload_refuses_at_confirmation_and_writes_nothing(client, seeded, finance):
    client.force_login(finance)
    previewed = client.post("/entry/upload/", {"department": "nbfl", "year": 2026,
                                               "file": csv_file("1,2,96,,,2026-11-20,", "2,1,3,,,2026-11-20,")})
    assert previewed.status_code == 200
    submit(1, finance)
    response = client.post("/entry/upload/confirm/", {"token": previewed.context["upload"].token, "year": 2026})
    assert response.status_code == 409
    upload = response.context["upload"]
    assert upload.changed and not upload.confirmable
    assert upload.preview.refusals == [f"第 2 行「实际值」{SUBMITTED}"]  # project 2's line is open, but not written
    html = response.content.decode()
    assert "未写入任何记录" in html and SUBMITTED in html and 'id="confirm-import"' not in html
    assert IndicatorReport.objects.count() == 0 and ExpenditureReport.objects.count() == 0


def test_the_table_upload_refuses_at_confirmation_and_changes_nothing(client, seeded, admin_user, finance):
    client.force_login(admin_user)
    table = Table()
    first = next(n for n, cells in enumerate(table.lines, 1) if cells[0] == "1")
    file = SimpleUploadedFile("table.txt", table.set(first, NAME, "设备购置经费（调整）").text().encode())
    previewed = client.post("/projects/upload/", {"department": DEPARTMENT_NAME, "year": 2026, "file": file})
    assert previewed.status_code == 200
    submit(1, finance)
    response = client.post("/projects/upload/confirm/", {"token": previewed.context["upload"].token})
    assert response.status_code == 409
    upload = response.context["upload"]
    assert upload.changed and not upload.applied and not upload.confirmable
    assert upload.refusals == [f"项目 1「设备购置经费」：{SUBMITTED}"]
    html = response.content.decode()
    assert "未作任何改动" in html and SUBMITTED in html and 'id="confirm-import"' not in html
    assert project(1).name == "设备购置经费"
