"""The published table in the browser: /projects/ and /projects/<id>/ for people of the department."""
import re

import pytest

from tests.conftest import project


def test_anonymous_visitors_are_sent_to_the_login_page(client, seeded):
    response = client.get("/projects/?year=2026")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_list_shows_the_15_projects_and_the_total_of_1386_30(client, seeded, manager):
    client.force_login(manager)
    page = client.get("/projects/?year=2026").content.decode()
    assert len(re.findall(r'href="/projects/\d+/"', page)) == 15
    assert "设备购置经费" in page and "市妇联新媒体运行经费" in page
    assert "合计（15 个项目）" in page
    assert "1,386.30" in page
    assert ">606.46<" in page  # 幼儿园办学经费, the largest budget
    assert ">85<" in page  # indicators in all


def test_the_list_is_fetched_in_a_fixed_number_of_queries(client, seeded, manager, django_assert_num_queries):
    client.force_login(manager)
    # the user (the session from the cache), the user's groups (role), the projects with their indicator counts
    with django_assert_num_queries(3):
        client.get("/projects/?year=2026")


@pytest.mark.parametrize("who, offered", [("manager", False), ("finance", True), ("reviewer", True), ("auditor", True)])
def test_the_draft_of_next_year_is_offered_to_the_roles_that_may_open_it(client, seeded, who, offered, request):
    # A manager sees a table only once it is published: a link to the draft would end on 404.
    client.force_login(request.getfixturevalue(who))
    page = client.get("/projects/?year=2026").content.decode()
    assert ('id="draft-link" href="/targets/2027/draft/"' in page) is offered
    assert client.get("/targets/2027/draft/").status_code == (200 if offered else 404)


def test_another_departments_clerk_sees_none_of_these_projects(client, seeded, outsider):
    client.force_login(outsider)
    page = client.get("/projects/?year=2026").content.decode()
    assert "设备购置经费" not in page
    assert client.get(f"/projects/{project(1).pk}/").status_code == 404


def test_an_auditor_sees_every_department(client, seeded, auditor):
    client.force_login(auditor)
    assert "1,386.30" in client.get("/projects/?year=2026").content.decode()


def test_the_project_page_shows_overview_goal_and_indicators_as_published(client, seeded, manager):
    client.force_login(manager)
    page = client.get(f"/projects/{project(8).pk}/").content.decode()
    assert "双学双比专项经费" in page
    assert "优化建设中帼共富工坊个数" in page  # the published typo is kept
    assert "推动实施乡村振兴巾帼行动" in page
    page5 = client.get(f"/projects/{project(5).pk}/").content.decode()
    assert "教师流失率" in page5 and "5%" in page5


@pytest.mark.parametrize("seq", [1, 5])
def test_the_project_page_costs_the_same_queries_whatever_its_size(client, seeded, manager, seq,
                                                                   django_assert_max_num_queries):
    client.force_login(manager)
    with django_assert_max_num_queries(15):  # with the year's rule profile
        assert client.get(f"/projects/{project(seq).pk}/").status_code == 200
