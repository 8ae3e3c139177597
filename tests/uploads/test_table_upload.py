"""The admin uploads the published table on /projects/: a preview of what it creates and changes, then 确认导入."""
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from indicators.services.reports import record_indicator_report
from projects.models import Indicator, IndicatorAdjustment, Project
from tests.conftest import DEPARTMENT_NAME, SEED, project
from tests.importing.helpers import BUDGET, TARGET, Table, run_import, snapshot

pytestmark = pytest.mark.django_db
UPLOAD, CONFIRM, TEMPLATE = "/projects/upload/", "/projects/upload/confirm/", "/projects/upload/template.xlsx"
TRAINING_COUNT = 12  # the seed's line of 项目 2 指标 1「培训人数」 ≥ 162 人


@pytest.fixture
def admin(client, admin_user):
    client.force_login(admin_user)
    return client


def post(client, content: bytes | str, *, name: str = "table.txt", year: int = 2026, **fields):
    data = content.encode() if isinstance(content, str) else content
    return client.post(UPLOAD, {"department": DEPARTMENT_NAME, "year": year,
                                "file": SimpleUploadedFile(name, data), **fields})


def test_a_new_year_is_previewed_as_15_projects_and_85_indicators_and_confirmed_as_the_command_imports(admin, seeded):
    response = post(admin, SEED.read_bytes(), year=2027)
    assert response.status_code == 200
    upload = response.context["upload"]
    assert upload.summary == "【试运行，未写入数据库】宁波市妇女联合会 2027 年：新建项目 15 个、指标 85 个；更新 0；未变 0。"
    assert len(upload.lines()) == 100 and upload.lines()[0]["what"] == "项目 1「设备购置经费」"
    assert Project.objects.filter(year=2027).count() == 0  # nothing written yet
    confirmed = admin.post(CONFIRM, {"token": upload.token})
    assert confirmed.status_code == 302 and confirmed["Location"] == "/projects/?year=2027"
    assert snapshot(2027) == snapshot(2026)  # as `import_targets` wrote 2026 from the same file
    page = admin.get(confirmed["Location"]).content.decode()
    assert "已导入「table.txt」：宁波市妇女联合会 2027 年：新建项目 15 个、指标 85 个；更新 0；未变 0。" in page
    assert "1,386.30" in page


def test_a_changed_target_is_shown_old_to_new_and_written_only_on_confirmation(admin, seeded):
    table = Table().set(TRAINING_COUNT, TARGET, "170")
    upload = post(admin, table.text()).context["upload"]
    assert [(line["what"], line["status"], line["changes"]) for line in upload.lines()] == [
        ("项目 2 指标 1「培训人数」", "修改", ["年度目标值：162 → 170", "目标数值：162 → 170"])]
    assert "未变 99" in upload.summary
    training = project(2).indicators.get(order=1)
    assert training.target_text == "162"
    assert admin.post(CONFIRM, {"token": upload.token}).status_code == 302
    training.refresh_from_db()
    assert (training.target_text, training.target_value) == ("170", Decimal("170"))


def test_a_bad_cell_is_refused_with_its_line_and_column_and_nothing_is_written(admin, seeded):
    response = post(admin, Table().set(TRAINING_COUNT, BUDGET, "二十六").text(), year=2027)
    assert response.status_code == 400
    refusals = response.context["upload"].refusals
    assert refusals[0] == "第 12 行「预算金额」不是数字：'二十六'"
    html = response.content.decode()
    assert "未写入任何数据" in html and 'id="confirm-import"' not in html
    assert Project.objects.filter(year=2027).count() == 0


def test_once_the_year_has_reports_a_change_needs_a_reason_and_becomes_an_adjustment(admin, seeded, finance):
    training = project(2).indicators.get(order=1)
    record_indicator_report(indicator=training, user=finance, as_of=datetime.date(2026, 6, 30), value=Decimal(60))
    table = Table().set(TRAINING_COUNT, TARGET, "170").text()
    refused = post(admin, table)
    assert refused.status_code == 400
    assert refused.context["upload"].refusals == [
        "本年度已有填报记录，以下变更须作为调整记录导入：请注明调整原因（--reason），未作任何改动。",
        "项目 2 指标 1「培训人数」 年度目标值：162 → 170",
    ]
    upload = post(admin, table, reason="市妇联 9 月调增培训计划", effective="2026-09-01").context["upload"]
    assert upload.lines()[0]["adjusted"] == ["年度目标值：162 → 170", "目标数值：162 → 170"]
    assert admin.post(CONFIRM, {"token": upload.token}).status_code == 302
    training.refresh_from_db()
    assert training.target_text == "162"  # the 年初 value stays; the change is an approved adjustment
    adjustment = IndicatorAdjustment.objects.get(indicator=training)
    assert (adjustment.new_target_text, adjustment.reason, adjustment.effective_date, adjustment.state) == (
        "170", "市妇联 9 月调增培训计划", datetime.date(2026, 9, 1), "approved")


def test_a_reported_indicator_left_out_of_the_table_is_refused(admin, seeded, finance):
    classes = project(2).indicators.get(order=5)  # 培训班次, the seed's line 16
    record_indicator_report(indicator=classes, user=finance, as_of=datetime.date(2026, 6, 30), value=Decimal(2))
    response = post(admin, Table().delete(16).text())
    assert response.status_code == 400
    # The importer's own words (projects/importing), shown as they are: the line is named and kept.
    refusals = response.context["upload"].refusals
    assert refusals[0].startswith("导入被拒绝") and refusals[0].endswith("未作任何改动。")
    assert [m for m in refusals[1:] if m.startswith("项目 2 指标 5「培训班次」") and "不能删除" in m]
    assert 'id="confirm-import"' not in response.content.decode()
    assert Indicator.objects.filter(pk=classes.pk).exists()


def test_a_change_made_meanwhile_stops_the_confirmation_and_a_new_preview_is_offered(admin, seeded, tmp_path):
    upload = post(admin, Table().set(TRAINING_COUNT, TARGET, "170").text()).context["upload"]
    meanwhile = tmp_path / "meanwhile.txt"
    meanwhile.write_text(Table().set(TRAINING_COUNT, TARGET, "180").text(), encoding="utf-8")
    run_import(meanwhile)
    response = admin.post(CONFIRM, {"token": upload.token})
    assert response.status_code == 409
    again = response.context["upload"]
    assert again.changed and again.lines()[0]["changes"][0] == "年度目标值：180 → 170"
    assert "自预览以来数据已有变化" in response.content.decode()
    assert project(2).indicators.get(order=1).target_text == "180"
    assert admin.post(CONFIRM, {"token": again.token}).status_code == 302
    assert project(2).indicators.get(order=1).target_text == "170"


def test_the_template_holds_the_years_projects_and_uploads_back_unchanged(admin, seeded):
    response = admin.get(TEMPLATE, {"year": 2026, "department": DEPARTMENT_NAME})
    assert response.status_code == 200
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[2][:8] == ("序号", "项目名称", "项目概况", "预算金额(万元)", "本级支出(万元)", "转移支付支出(万元)",
                           "年度绩效目标", "核心绩效指标")
    assert rows[3][7:11] == ("指标名称", "运算符", "年度目标值", "单位")
    assert rows[4][:2] == ("1", "设备购置经费") and rows[4][3] == "4.60" and rows[4][7:11] == ("设备购置数", "≥", "8", "台/件/组")
    assert len(rows) == 4 + 85
    upload = post(admin, response.content, name="模板.xlsx").context["upload"]
    assert upload.refusals == [] and upload.lines() == []
    assert upload.summary.endswith("新建项目 0 个、指标 0 个；更新 0；未变 100（项目 15 个、指标 85 个）。")


def test_the_bare_template_of_a_year_without_projects_has_the_layout_only(admin, db):
    rows = list(openpyxl.load_workbook(io.BytesIO(admin.get(TEMPLATE, {"year": 2030}).content)).active.iter_rows(
        values_only=True))
    assert len(rows) == 4 and rows[2][0] == "序号"


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"name": "table.pdf"}, "file", "不支持的文件类型「.pdf」：请上传 .csv、.tsv、.txt、.xls、.xlsm、.xlsx 文件。"),
    ({"effective": "2025-12-31"}, "effective", "生效日期应在预算年度 2026 年内。"),
    ({"year": "1999"}, "year", "年度应在 2000–2100 之间。"),
])
def test_form_mistakes_are_shown_next_to_their_field(admin, seeded, fields, field, message):
    name = fields.pop("name", "table.txt")
    response = post(admin, SEED.read_bytes(), name=name, **fields)
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]


@pytest.mark.parametrize("who", ["finance", "manager", "auditor"])
def test_only_an_admin_may_upload_the_table(client, seeded, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(UPLOAD).status_code == 403
    assert client.post(UPLOAD, {"department": DEPARTMENT_NAME, "year": 2027,
                                "file": SimpleUploadedFile("t.txt", SEED.read_bytes())}).status_code == 403
    assert client.post(CONFIRM, {"token": "x" * 32}).status_code == 403
    assert client.get(TEMPLATE).status_code == 403
    assert "table-upload" not in client.get("/projects/").content.decode()
    assert Project.objects.filter(year=2027).count() == 0


def test_the_project_list_offers_the_upload_to_the_admin(admin, seeded):
    assert 'href="/projects/upload/?year=2026"' in admin.get("/projects/?year=2026").content.decode()
