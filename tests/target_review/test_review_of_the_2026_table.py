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
    # session, user, groups (visible departments), department, department list, projects, indicators, last year
    with django_assert_num_queries(8):
        assert client.get("/targets/2026/review/").status_code == 200


def test_the_projects_page_links_to_the_review(seeded, manager, client):
    client.force_login(manager)
    assert 'href="/targets/2026/review/"' in client.get("/projects/?year=2026").content.decode()


def test_a_post_is_refused(seeded, manager, client):
    client.force_login(manager)
    assert client.post("/targets/2026/review/").status_code == 405
