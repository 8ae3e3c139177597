"""Who sees which department's dashboard, and which date it shows."""
import re

import pytest

from core.roles import MANAGER
from projects.models import Department
from tests.conftest import make_user


def test_anonymous_visitors_are_sent_to_the_login_page(client, seeded):
    for url in ["/", "/dashboard/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_both_addresses_show_the_same_dashboard(client, manager, seeded, today):
    client.force_login(manager)
    home, other = (client.get(url).content.decode() for url in ["/", "/dashboard/"])
    assert "宁波市妇女联合会 2026 年预算绩效总览" in home
    csrf = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert csrf.sub("", home) == csrf.sub("", other)


def test_a_manager_sees_their_department_without_a_department_select(client, manager, seeded, other_department, today):
    client.force_login(manager)
    page = client.get("/").content.decode()
    assert 'id="fig-budget">1,386.30<' in page
    assert '<select name="department">' not in page


def test_a_manager_cannot_open_another_departments_dashboard(client, manager, seeded, other_department, today):
    client.force_login(manager)
    assert client.get("/?department=other").status_code == 404


def test_a_clerk_of_another_department_sees_only_their_own(client, outsider, seeded, today):
    client.force_login(outsider)
    page = client.get("/").content.decode()
    assert "宁波市其他局 2026 年预算绩效总览" in page
    assert "设备购置经费" not in page
    assert "2026 年没有项目" in page
    assert client.get("/?department=nbfl").status_code == 404


@pytest.mark.parametrize("who", ["auditor", "admin_user"])
def test_auditors_and_admins_switch_department_with_a_select(client, seeded, other_department, today, who, request):
    client.force_login(request.getfixturevalue(who))
    page = client.get("/").content.decode()
    assert '<option value="nbfl" selected>宁波市妇女联合会</option>' in page  # the first by code
    assert '<option value="other">宁波市其他局</option>' in page
    other = client.get("/?department=other").content.decode()
    assert "宁波市其他局 2026 年预算绩效总览" in other and 'id="fig-budget">0.00<' in other


def test_a_user_without_a_department_is_told_so(client, db):
    client.force_login(make_user("loner", group=MANAGER))
    page = client.get("/").content.decode()
    assert "您还没有可查看的部门" in page


def test_the_default_date_is_today_in_beijing_within_the_year(client, manager, seeded, today):
    client.force_login(manager)
    assert 'value="2026-11-25"' in client.get("/").content.decode()
    assert "截至 <strong>2025年12月31日</strong>" in client.get("/?year=2025").content.decode()


def test_an_unreadable_date_is_shown_back_with_a_message_and_the_default_is_used(client, manager, seeded, today):
    client.force_login(manager)
    page = client.get("/?as_of=2026-13-01").content.decode()
    assert "截至日期「2026-13-01」无法识别" in page
    assert 'value="2026-13-01" class="invalid"' in page
    assert "截至 <strong>2026年11月25日</strong>" in page


def test_a_date_outside_the_budget_year_is_refused_with_a_message(client, manager, seeded, today):
    client.force_login(manager)
    page = client.get("/?as_of=2025-12-31").content.decode()
    assert "截至日期「2025-12-31」不在预算年度 2026 年内" in page
    assert "截至 <strong>2026年11月25日</strong>" in page


def test_output_is_escaped(client, manager, seeded, today):
    Department.objects.filter(code="nbfl").update(name="<script>alert(1)</script>")
    client.force_login(manager)
    page = client.get("/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
