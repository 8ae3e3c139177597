"""/entry/results/: a clerk uploads last year's 自评表, sees the actuals it records as of 31 December and the printed
得分 that differ from ours, confirms; the same service as `manage.py import_results` writes them."""
import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.roles import FINANCE, MANAGER
from indicators.models import IndicatorReport
from projects.choices import ReviewAction
from projects.models import Department, Project
from projects.services.review_states import lock_state, record_transition
from tests.conftest import make_user
from tests.importing.test_results_import import UNIT, imported, reports, self_evaluation
from tests.importing.tolerant_files import tsv_bytes

D = Decimal
UPLOAD, CONFIRM = "/entry/results/", "/entry/results/confirm/"
END = datetime.date(2025, 12, 31)
PROJECT = "2025年全县安可替代补助资金项目"
# The user (the session comes from the cache: cached_db), the user's groups (role), the clerk's departments for the
# form, the navigation badge.
PAGE_QUERIES = 4


@pytest.fixture
def unit(db, tmp_path):
    imported(tmp_path, self_evaluation())  # the targets of the same table, as import_targets reads it
    return Department.objects.get(name=UNIT)


@pytest.fixture
def clerk(unit):
    return make_user("clerk", group=FINANCE, department=unit)


def sheet(rows, name="自评表.txt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, tsv_bytes(rows), content_type="text/plain")


def preview(client, unit, rows):
    return client.post(UPLOAD, {"department": unit.code, "year": 2025, "file": sheet(rows)})


def test_a_clerk_previews_the_actuals_and_the_differing_score_then_confirms(client, unit, clerk):
    client.force_login(clerk)
    response = preview(client, unit, self_evaluation())
    assert response.status_code == 200
    html = response.content.decode()
    lines = [(line.where, line.project, line.indicator, line.value) for line in response.context["upload"].result.lines]
    assert lines == [
        ("第 5 行「实际完成值」", PROJECT, "购置安可电脑台数", "13 台"),
        ("第 6 行「实际完成值」", PROJECT, "验收合格率", "90 %"),
        ("第 7 行「实际完成值」", PROJECT, "办公保障能力", "达成"),
    ]
    assert "预览（尚未写入）：大英县司法局 2025 年自评表：导入实际完成值 3 条" in html
    assert "确认后将记录以下 3 条实际完成值，截至 2025-12-31" in html
    # 验收合格率 = 100 % at 90 %: ours is 30 × 0.9 = 27.00, the table printed 30 (listed, not imported).
    assert f"第 6 行「得分」：项目「{PROJECT}」指标「验收合格率」表中得分 30，本系统 27.00" in html
    assert "购置安可电脑台数」表中得分" not in html
    assert IndicatorReport.objects.count() == 0  # the preview writes nothing

    confirmed = client.post(CONFIRM, {"token": response.context["upload"].token}, follow=True)
    assert confirmed.redirect_chain == [("/entry/?year=2025", 302)]
    assert "已导入「自评表.txt」：大英县司法局 2025 年自评表：导入实际完成值 3 条（截至 2025-12-31），未变 0 条；" \
           "表中得分与本系统计分不同 1 处。" in confirmed.content.decode()
    assert reports() == [
        ("购置安可电脑台数", END, D(13), "", "导入自评表：自评表.txt"),
        ("验收合格率", END, D(90), "", "导入自评表：自评表.txt"),
        ("办公保障能力", END, None, "achieved", "导入自评表：自评表.txt"),
    ]
    assert {r.entered_by.username for r in IndicatorReport.objects.select_related("entered_by")} == {"clerk"}


def test_a_second_upload_of_the_same_file_records_nothing_new(client, unit, clerk):
    client.force_login(clerk)
    first = preview(client, unit, self_evaluation())
    assert client.post(CONFIRM, {"token": first.context["upload"].token}).status_code == 302
    recorded = reports()
    again = preview(client, unit, self_evaluation())
    assert again.status_code == 200
    html = again.content.decode()
    assert "导入实际完成值 0 条（截至 2025-12-31），未变 3 条" in html and "预览（尚未写入）" not in html
    assert "没有新的内容需要导入" in html and 'id="confirm-import"' not in html
    assert reports() == recorded and IndicatorReport.objects.count() == 3


def test_the_token_is_used_once(client, unit, clerk):
    client.force_login(clerk)
    token = preview(client, unit, self_evaluation()).context["upload"].token
    assert client.post(CONFIRM, {"token": token}).status_code == 302
    second = client.post(CONFIRM, {"token": token}, follow=True)
    assert "上传的文件已过期或不存在" in second.content.decode()
    assert IndicatorReport.objects.count() == 3


def test_a_malformed_file_is_refused_by_place_and_nothing_is_stored(client, unit, clerk):
    client.force_login(clerk)
    response = preview(client, unit, self_evaluation(actuals=("13", "九十", "还行")))
    assert response.status_code == 400
    assert response.context["upload"].refusals == [
        "第 6 行「实际完成值」请输入数字：'九十'（定量指标 = 100% 须填完成数值）",
        "第 7 行「实际完成值」「还行」不是完成档次：定性指标填 达成、部分达成 或 未达成",
    ]
    html = response.content.decode()
    assert "未写入任何记录" in html and 'id="confirm-import"' not in html
    assert IndicatorReport.objects.count() == 0


def test_a_submitted_project_refuses_at_confirmation_and_nothing_is_stored(client, unit, clerk):
    client.force_login(clerk)
    token = preview(client, unit, self_evaluation()).context["upload"].token
    locked, review = lock_state(Project.objects.get(name=PROJECT))
    record_transition(project=locked, review=review, action=ReviewAction.SUBMIT, user=clerk)
    response = client.post(CONFIRM, {"token": token})
    assert response.status_code == 409
    refusals = [f"第 {row} 行「实际完成值」：该项目 2025 年自评已送审，如需修改请先退回" for row in (5, 6, 7)]
    assert response.context["upload"].refusals == refusals
    html = response.content.decode()
    assert all(f"<li>{refusal}</li>" in html for refusal in refusals)
    assert "未写入任何记录" in html and 'id="confirm-import"' not in html
    assert IndicatorReport.objects.count() == 0


@pytest.mark.parametrize("who", ["manager", "admin"])
def test_an_outsider_gets_the_chinese_403_and_another_departments_clerk_cannot_choose_it(client, unit, who):
    # As on the reports upload: only finance of the department writes its reports (the service refuses others too).
    client.force_login(make_user(who, group=MANAGER if who == "manager" else None, department=unit,
                                 is_staff=who == "admin", is_superuser=who == "admin"))
    assert client.get(UPLOAD).status_code == 403
    refused = preview(client, unit, self_evaluation())
    html = refused.content.decode()
    assert refused.status_code == 403 and "批量导入仅限本部门的财务人员" in html and 'lang="zh-Hans"' in html
    confirm = client.post(CONFIRM, {"token": "x" * 32})
    assert confirm.status_code == 403 and "批量导入仅限本部门的财务人员" in confirm.content.decode()
    other = Department.objects.create(name="其他局", code="qt")
    client.force_login(make_user("stranger", group=FINANCE, department=other))
    response = preview(client, unit, self_evaluation())
    assert response.status_code == 400
    assert response.context["form"].errors["department"] == ["只能导入您所在部门的自评表：请选择您所在的部门。"]
    assert IndicatorReport.objects.count() == 0


def test_the_page_is_linked_from_the_reports_upload_and_runs_in_a_fixed_number_of_queries(
        client, unit, clerk, django_assert_num_queries):
    client.force_login(clerk)
    assert 'href="/entry/results/?year=2025"' in client.get("/entry/upload/?year=2026").content.decode()
    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(UPLOAD)
    html = response.content.decode()
    assert response.status_code == 200 and "导入自评表（上年完成值）" in html
    assert 'name="year" value="2025"' in html  # last year by default (the clock is on 2 December 2026)
