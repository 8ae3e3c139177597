"""Master data changed in the admin keeps its audit trail (django-simple-history), readable by auditors."""
import pytest
from django.test import Client
from django.urls import reverse

from tests.adjustments.test_adjustment_pages import section

AUDIT = "/adjustments/audit/"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def edit_in_admin(admin_user, indicator, **changes):
    """Saves the indicator's admin change form as an admin would, with some fields changed."""
    fields = ["project", "order", "name", "operator", "target_text", "target_value", "unit", "level1", "level2", "basis",
              "weight"]
    data = {name: getattr(indicator, f"{name}_id" if name == "project" else name) for name in fields}
    data = {k: "" if v is None else str(v) for k, v in (data | changes).items()}
    response = client_for(admin_user).post(reverse("admin:projects_indicator_change", args=[indicator.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_auditor_sees_who_changed_which_indicator_field_and_when(trainees, admin_user, auditor):
    edit_in_admin(admin_user, trainees, name="培训人次")

    html = client_for(auditor).get(AUDIT).content.decode()
    first_row = section(html, "audit-table").split("</tr>")[1]
    assert "<span>2026-11-25</span> <span>10:00:00</span>" in first_row
    assert "<td>admin</td><td>修改</td>" in first_row
    assert "绩效指标：2026 年 2. 培训费 / 指标 1「培训人次」" in first_row
    assert "指标名称：培训人数 → 培训人次" in first_row
    assert "年度目标值" not in first_row  # unchanged fields are not listed


def test_imported_master_data_shows_as_created_by_the_import(seeded, auditor):
    html = client_for(auditor).get(AUDIT + "?model=project").content.decode()
    assert html.count("<td>新建</td>") == 15
    assert "（系统导入或命令行）" in html
    assert "项目：2026 年 2. 培训费" in html
    assert "绩效指标：" not in html


@pytest.mark.parametrize(("who", "status"), [("auditor", 200), ("admin_user", 200), ("finance", 403), ("manager", 403)])
def test_audit_trail_is_for_auditors_and_admins(request, seeded, who, status):
    assert client_for(request.getfixturevalue(who)).get(AUDIT).status_code == status


def test_audit_trail_takes_a_constant_number_of_queries(trainees, admin_user, auditor, django_assert_num_queries):
    client = client_for(auditor)
    client.get(AUDIT)

    def count_queries():
        # the user (the session from the cache), groups (role), projects' history, their earlier records, indicators' history,
        # their earlier records, the projects the indicator records belong to
        with django_assert_num_queries(7):
            client.get(AUDIT)

    count_queries()
    for name in ("培训人次", "参训人数", "培训人数"):
        edit_in_admin(admin_user, trainees, name=name)
    count_queries()
