"""Only finance of the department uploads its reports; everyone else is refused before anything is read."""
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from indicators.models import ExpenditureReport, IndicatorReport
from indicators.services.reports import record_expenditure, record_indicator_report
from tests.conftest import project
from tests.uploads.conftest import csv_file

pytestmark = pytest.mark.django_db
UPLOAD, CONFIRM, TEMPLATE = "/entry/upload/", "/entry/upload/confirm/", "/entry/upload/template.xlsx?year=2026"


@pytest.mark.parametrize("who", ["manager", "auditor", "admin_user"])
def test_other_roles_are_refused_every_upload_door(client, seeded, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(UPLOAD).status_code == 403
    assert client.post(UPLOAD, {"department": "nbfl", "year": 2026, "file": csv_file("1,2,96,,,2026-11-20,")}
                       ).status_code == 403
    assert client.post(CONFIRM, {"token": "x" * 32}).status_code == 403
    assert client.get(TEMPLATE).status_code == 403
    assert IndicatorReport.objects.count() == 0


def test_anonymous_visitors_are_sent_to_log_in(client, seeded):
    response = client.get(UPLOAD)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_clerk_of_another_department_cannot_upload_for_this_one(client, seeded, outsider):
    client.force_login(outsider)
    response = client.post(UPLOAD, {"department": "nbfl", "year": 2026, "file": csv_file("1,2,96,,,2026-11-20,")})
    assert response.status_code == 400
    assert response.context["form"].errors["department"] == ["只能导入您所在部门的填报：请选择您所在的部门。"]
    assert IndicatorReport.objects.count() == 0


def test_lines_of_another_department_are_refused_in_the_clerks_own(client, seeded, outsider):
    # The other department has no 2026 project 1: the row names no line the clerk may write.
    client.force_login(outsider)
    response = client.post(UPLOAD, {"department": "other", "year": 2026, "file": csv_file("1,2,96,,,2026-11-20,")})
    assert response.status_code == 400
    assert response.context["upload"].preview.refusals == ["第 2 行「项目序号」没有这个项目：1"]
    assert IndicatorReport.objects.count() == 0


def test_the_upload_form_is_on_the_entry_page(client, seeded, finance):
    client.force_login(finance)
    html = client.get("/entry/?year=2026").content.decode()
    assert 'action="/entry/upload/"' in html and 'enctype="multipart/form-data"' in html
    assert 'href="/entry/upload/template.xlsx?year=2026"' in html


def test_the_template_lists_every_line_of_the_department_and_imports_once_filled(client, seeded, finance):
    client.force_login(finance)
    response = client.get(TEMPLATE)
    assert response.status_code == 200
    assert "2026%E5%B9%B4" in response["Content-Disposition"]  # 2026年填报导入模板.xlsx
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(workbook["填报"].iter_rows(values_only=True))
    assert rows[0] == ("项目序号", "指标序号", "项目名称", "指标名称", "运算符", "年度目标值", "单位", "当前值",
                       "实际值", "档次", "得分率", "截至日期", "说明", "更正原因")
    # 15 projects: each its spending line and its indicators (85), in published order.
    assert len(rows) == 1 + 15 + 85
    assert rows[1][:8] == (1, None, "设备购置经费", "累计支出", None, "预算 4.60", "万元", "（无）")
    assert rows[3][:8] == (1, 2, "设备购置经费", "使用人员满意度", "≥", "95", "%", "（无）")
    assert rows[1][11] == "2026-12-02"
    # Filled in for two lines, the rest left blank: those two are previewed, the others named as not imported.
    sheet = workbook["填报"]
    sheet.cell(2, 9, "1.20")
    sheet.cell(4, 9, "96")
    sheet.cell(4, 13, "问卷 50 份")
    filled = io.BytesIO()
    workbook.save(filled)
    upload = client.post(UPLOAD, {"department": "nbfl", "year": 2026,
                                  "file": SimpleUploadedFile("模板.xlsx", filled.getvalue())}).context["upload"]
    assert [(r.line, r.item, r.new, r.note) for r in upload.preview.rows] == [
        (2, "累计支出", "1.20 万元", ""), (4, "指标 2「使用人员满意度」", "96 %", "问卷 50 份")]
    assert len(upload.preview.blank_lines) == 100 - 2 and upload.preview.ignored_columns == []
    assert client.post(CONFIRM, {"token": upload.token}).status_code == 302
    assert ExpenditureReport.objects.get(project=project(1)).amount == Decimal("1.20")


def test_the_template_shows_what_is_already_recorded_as_the_current_value(client, seeded, finance):
    # Once the clerk has entered figures, the template's 当前值 column says what each line holds now.
    purchase = project(1).indicators.get(order=1)
    record_indicator_report(indicator=purchase, user=finance, as_of=datetime.date(2026, 11, 30), value=Decimal(7))
    record_expenditure(project=project(1), user=finance, as_of=datetime.date(2026, 11, 30), amount=Decimal("3.20"))
    client.force_login(finance)
    response = client.get(TEMPLATE)
    assert response.status_code == 200
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content))["填报"].iter_rows(values_only=True))
    assert rows[1][:8] == (1, None, "设备购置经费", "累计支出", None, "预算 4.60", "万元", "3.20 万元")
    assert rows[2][:8] == (1, 1, "设备购置经费", "设备购置数", "≥", "8", "台/件/组", "7 台/件/组")
    assert rows[3][7] == "（无）"
