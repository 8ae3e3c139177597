"""The 2026 table reviewed (issue #22): the page, the command and last year's actuals as 历史标准."""
import datetime
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from indicators.services.reports import record_indicator_report
from projects.models import Indicator
from tests.conftest import DEPARTMENT_NAME, SEED


def findings_json() -> list[dict]:
    out = StringIO()
    call_command("review_targets", department=DEPARTMENT_NAME, year=2026, format="json", stdout=out)
    return json.loads(out.getvalue())


def test_the_command_finds_each_weakness_the_issue_names(seeded):
    findings = findings_json()
    by_place = {(f["project_seq"], f["indicator_order"], f["rule"]) for f in findings}
    assert (1, 3, "unobservable_in_year") in by_place  # 设备使用年限 ≥ 6 年
    assert (3, 1, "cap_as_reverse") in by_place  # 符合补贴标准的对象人数 ≤ 5 人
    assert (5, 7, "unit_repeated") in by_place  # 教师流失率 ≤ 5% %
    vague = {f["project_seq"] for f in findings if f["rule"] == "vague_qualitative"}
    assert vague == {2, 3, 4, 6, 8, 9, 10, 11, 12, 13, 14, 15}  # "进一步提升" / "持续关心": 12 of 15 projects
    assert set(findings[0]) == {"project_seq", "indicator_order", "rule", "severity", "message", "suggestion"}
    assert [f["severity"] for f in findings].count("error") == 1


def test_the_table_output_counts_errors_and_warnings(seeded):
    out = StringIO()
    call_command("review_targets", department=DEPARTMENT_NAME, year=2026, stdout=out)
    assert out.getvalue().splitlines()[-1] == "宁波市妇女联合会 2026 年：15 个项目，错误 1 条，提示 17 条。"


def test_last_years_actuals_are_the_historical_standard(seeded, finance):
    call_command("import_targets", str(SEED), department=DEPARTMENT_NAME, year=2025, verbosity=0)
    satisfaction = Indicator.objects.get(project__year=2025, project__seq=1, name="使用人员满意度")
    utilisation = Indicator.objects.get(project__year=2025, project__seq=1, name="设备利用率")
    record_indicator_report(indicator=satisfaction, user=finance, as_of=datetime.date(2025, 12, 31), value=Decimal(99))
    record_indicator_report(indicator=utilisation, user=finance, as_of=datetime.date(2025, 12, 31), value=Decimal(70))
    project_one = [f for f in findings_json() if f["project_seq"] == 1]
    assert [(f["indicator_order"], f["rule"]) for f in project_one] == [
        (2, "below_last_actual"), (3, "unobservable_in_year"), (4, "far_above_last_actual")]
    assert project_one[0]["message"] == "「使用人员满意度」目标 95% 低于上年实际 99%（历史标准）。"


@pytest.mark.parametrize("who", ["finance", "manager", "auditor"])
def test_the_page_shows_every_finding_to_those_who_see_the_department(seeded, who, request, client):
    client.force_login(request.getfixturevalue(who))
    response = client.get("/targets/2026/review/?department=nbfl")
    assert response.status_code == 200
    page = response.content.decode()
    assert "错误 1 条" in page and "提示 17 条" in page
    assert "「设备使用年限 ≥ 6 年」要到 6 年后才能验证" in page
    assert page.count('data-rule="vague_qualitative"') == 12
    assert "没有 2025 年的目标表，未与历史标准对照" in page


def test_another_departments_clerk_cannot_read_the_review(seeded, outsider, client):
    client.force_login(outsider)
    assert client.get("/targets/2026/review/?department=nbfl").status_code == 404


def test_the_page_reads_the_table_in_a_fixed_number_of_queries(seeded, manager, client, django_assert_num_queries):
    client.force_login(manager)
    # session, user, groups, department, department list, projects, indicators, last year's table, kept warnings
    with django_assert_num_queries(9):
        assert client.get("/targets/2026/review/").status_code == 200


def test_the_projects_page_links_to_the_review(seeded, manager, client):
    client.force_login(manager)
    assert 'href="/targets/2026/review/"' in client.get("/projects/?year=2026").content.decode()


def test_a_post_is_refused(seeded, manager, client):
    client.force_login(manager)
    assert client.post("/targets/2026/review/").status_code == 405


def accept(client, seq, order, rule, reason):
    return client.post("/targets/2026/review/accept/", {"department": "nbfl", "project_seq": seq,
                                                         "indicator_order": order or "", "rule": rule,
                                                         "reason": reason}, follow=True)


def test_finance_keeps_a_warning_with_a_reason_and_the_page_shows_it(seeded, finance, manager, client):
    client.force_login(finance)
    page = accept(client, 1, 3, "unobservable_in_year", "按资产管理办法须写明使用年限").content.decode()
    assert "已保存保留理由。" in page
    assert "已保留 1 条" in page
    client.force_login(manager)
    page = client.get("/targets/2026/review/").content.decode()
    assert "按资产管理办法须写明使用年限" in page and "已保留 1 条" in page
    assert 'class="accept-finding"' not in page  # a manager reads, only finance keeps


def test_a_reason_is_required_and_an_error_cannot_be_kept(seeded, finance, client):
    from indicators.models import TargetFindingAcceptance
    client.force_login(finance)
    assert "未保存：请写明保留该提示的理由。" in accept(client, 1, 3, "unobservable_in_year", "  ").content.decode()
    page = accept(client, 5, 7, "unit_repeated", "习惯写法").content.decode()
    assert "未保存：「错误」须改正，不能说明理由后保留。" in page
    page = accept(client, 2, 1, "unit_repeated", "无此提示").content.decode()
    assert "该提示已不存在" in page
    assert TargetFindingAcceptance.objects.count() == 0


def test_only_finance_of_the_department_keeps_a_warning(seeded, manager, outsider, client):
    client.force_login(manager)
    assert accept(client, 1, 3, "unobservable_in_year", "理由").status_code == 403
    client.force_login(outsider)
    assert accept(client, 1, 3, "unobservable_in_year", "理由").status_code == 404


def test_the_api_lists_the_findings_with_the_reasons_kept(seeded, finance, client):
    client.force_login(finance)
    accept(client, 3, 1, "cap_as_reverse", "名额由全国妇联下达")
    body = client.get("/api/targets/review/?year=2026&department=nbfl").json()
    assert (body["errors"], body["warnings"], body["accepted"], body["last_year_compared"]) == (1, 17, 1, False)
    cap = next(f for f in body["findings"] if f["rule"] == "cap_as_reverse")
    assert cap == {"project_seq": 3, "indicator_order": 1, "rule": "cap_as_reverse", "rule_label": "上限写成了反向指标",
                   "severity": "warning", "message": cap["message"], "suggestion": cap["suggestion"],
                   "accepted_reason": "名额由全国妇联下达"}
    assert client.get("/api/targets/review/?year=1999").status_code == 400
    assert client.get("/api/targets/review/?department=nosuch").status_code == 400
