"""The pages of 送审与审核: the board per role, a project's review page, the navigation badge, the locked pages."""
import html
import re

import pytest
from django.test import Client

from core.context_processors import waiting_for
from indicators.services import review
from tests.conftest import project
from tests.review.conftest import complete_project_1


def text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_review_page_lists_what_is_missing_with_links_and_refuses_submit(scenario, finance):
    page = client_for(finance).post(f"/review/{project(1).pk}/", {"action": "submit"})
    assert page.status_code == 400
    shown = text(page)
    assert "项目 1「设备购置经费」尚有 6 项未完成，不能送审" in shown
    assert f'href="/self-evaluation/{project(1).pk}/#project-achievement"' in page.content.decode()


def test_finance_submits_the_reviewer_sees_the_badge_and_returns_with_a_reason(scenario, finance, reviewer):
    complete_project_1(finance)
    response = client_for(finance).post(f"/review/{project(1).pk}/", {"action": "submit"})
    assert response.status_code == 302
    board = client_for(reviewer).get("/review/?year=2026")
    assert 'id="nav-badge"' in board.content.decode() and waiting_for(reviewer) == 1
    assert "等待您审核（1 个）" in text(board)
    refused = client_for(reviewer).post(f"/review/{project(1).pk}/", {"action": "return", "reason": ""})
    assert refused.status_code == 400 and "请填写退回原因。" in text(refused)
    client_for(reviewer).post(f"/review/{project(1).pk}/", {"action": "return", "reason": "补充利用率说明"})
    assert waiting_for(reviewer) == 0 and waiting_for(finance) == 1
    assert "被退回待修改（1 个）" in text(client_for(finance).get("/review/?year=2026"))


def test_the_submitter_sees_no_approve_button(scenario, department, finance):
    from django.contrib.auth.models import Group

    from core.roles import REVIEWER

    finance.groups.add(Group.objects.get(name=REVIEWER))
    complete_project_1(finance)
    review.submit(project=project(1), user=finance)
    page = client_for(finance).get(f"/review/{project(1).pk}/").content.decode()
    assert 'id="own-work"' in page and 'id="approve-review"' not in page
    assert waiting_for(finance) == 0  # nothing waits for the submitter: their own work is not theirs to review
    assert client_for(finance).post(f"/review/{project(1).pk}/", {"action": "approve"}).status_code == 403


def test_an_admin_is_counted_pending_adjustments(scenario, finance, admin_user):
    import datetime
    from decimal import Decimal

    from projects.services.adjustments import propose_budget_adjustment

    assert waiting_for(admin_user) == 0
    propose_budget_adjustment(project=project(2), user=finance, budget=Decimal("5.00"), own_level=Decimal("5.00"),
                              transfer=Decimal("0.00"), reason="追加", effective_date=datetime.date(2026, 12, 1))
    assert waiting_for(admin_user) == 1


def test_the_board_shows_each_state_who_and_when(scenario, finance, reviewer):
    complete_project_1(finance)
    review.submit(project=project(1), user=finance)
    review.approve(project=project(1), user=reviewer)
    page = client_for(finance).get("/review/?year=2026")
    row = re.search(r'<tr data-seq="1" data-state="approved">(.*?)</tr>', page.content.decode(), re.S).group(1)
    assert "已审核" in row and "审核丙 · 2026-12-20 10:00" in row
    assert re.search(r'<tr data-seq="3" data-state="draft">.*?尚缺.*?</tr>|<tr data-seq="3" data-state="draft">', page.content.decode())


def test_the_department_is_submitted_as_a_whole_and_the_page_says_what_is_not(scenario, finance):
    complete_project_1(finance)
    page = client_for(finance).post("/review/submit/", {"year": "2026", "department": "nbfl"}, follow=True)
    shown = text(page)
    assert "已送审 1 个项目：1. 设备购置经费" in shown
    assert "未送审 2. " in shown and shown.count("未送审 ") == 14


@pytest.mark.parametrize("path", ["/entry/{pk}/", "/self-evaluation/{pk}/", "/monitoring/{pk}/?as_of=2026-12-18"])
def test_a_locked_project_shows_its_state_and_no_save_button(scenario, finance, reviewer, path):
    complete_project_1(finance)
    review.submit(project=project(1), user=finance)
    page = client_for(finance).get(path.format(pk=project(1).pk)).content.decode()
    assert "该项目 2026 年自评已送审，如需修改请先退回" in page
    assert 'id="save"' not in page
    open_page = client_for(finance).get(path.format(pk=project(2).pk)).content.decode()
    assert "自评状态" in open_page and 'id="save"' in open_page


def test_the_badge_costs_one_query(scenario, finance, reviewer, django_assert_num_queries):
    from core.roles import role_names

    role_names(reviewer), role_names(finance)  # a page has read them already, for the navigation's role
    with django_assert_num_queries(1):
        waiting_for(reviewer)
    with django_assert_num_queries(1):
        waiting_for(finance)


@pytest.mark.parametrize("submitted", [0, 1])  # with no state row yet, and with one (and its who)
def test_the_board_runs_in_a_fixed_number_of_queries(scenario, finance, reviewer, django_assert_num_queries,
                                                     submitted):
    if submitted:
        complete_project_1(finance)
        review.submit(project=project(1), user=finance)
    client = client_for(reviewer)
    # user (the session from the cache), groups (the role), memberships (who may review or submit what); the self-evaluations' 10 (the evaluation's 8, with the year's rule profile, with the visible departments as
    # a subquery, explanations, texts); the states with who changed them (1); pending adjustments of both kinds
    # (2); the navigation badge (1).
    with django_assert_num_queries(3 + 10 + 1 + 2 + 1):
        assert client.get("/review/?year=2026").status_code == 200
