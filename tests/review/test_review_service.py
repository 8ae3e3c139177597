"""送审 → 审核/退回 → 撤销审核 (DOMAIN §7, §9): who may, what must be complete, and the history each change leaves."""
import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from core.errors import ConflictError, DomainError
from indicators.services import review
from projects.choices import ReviewState
from projects.models import ProjectReview, ReviewEvent
from projects.models_review import ReviewLedgerError
from projects.services.adjustments import propose_budget_adjustment, withdraw_adjustment
from tests.conftest import make_user, project
from tests.review.conftest import complete_project_1


def state(seq: int) -> str:
    found = ProjectReview.objects.filter(project=project(seq)).first()
    return found.state if found else ReviewState.DRAFT


def history(seq: int) -> list[tuple]:
    return [(e.number, e.action, e.from_state, e.to_state, e.by.username, e.reason)
            for e in ReviewEvent.objects.filter(project=project(seq)).order_by("number")]


def test_submitting_an_incomplete_project_lists_every_missing_item_with_its_link(scenario, finance):
    with pytest.raises(review.NotReady) as refused:
        review.submit(project=project(1), user=finance)
    page = f"/self-evaluation/{project(1).pk}/"
    assert [(m.message, m.url) for m in refused.value.missing] == [
        ("预算执行（预算执行率 90%，未达 100%）：请填写偏差原因分析及改进措施。", f"{page}#budget-line-text"),
        ("第 1 项指标「设备购置数」超额较多：请填写偏差原因分析及改进措施。", f"{page}#line-{project(1).indicators.get(order=1).pk}-text"),
        ("第 4 项指标「设备利用率」未达成：请填写偏差原因分析及改进措施。", f"{page}#line-{project(1).indicators.get(order=4).pk}-text"),
        ("请填写项目的实际完成情况。", f"{page}#project-achievement"),
        ("请填写项目的存在问题。", f"{page}#project-problems"),
        ("请填写项目的改进措施。", f"{page}#project-measures"),
    ]
    assert refused.value.errors[""] == ["项目 1「设备购置经费」尚有 6 项未完成，不能送审：请先完成以下各项。"]
    assert state(1) == ReviewState.DRAFT and history(1) == []


def test_a_pending_adjustment_holds_the_submission_until_it_is_decided(scenario, finance):
    complete_project_1(finance)
    pending = propose_budget_adjustment(project=project(1), user=finance, budget=Decimal("5.00"),
                                        own_level=Decimal("5.00"), transfer=Decimal("0.00"), reason="追加",
                                        effective_date=datetime.date(2026, 12, 1))
    with pytest.raises(review.NotReady) as refused:
        review.submit(project=project(1), user=finance)
    assert [m.message for m in refused.value.missing] == ["本项目有 1 项调整尚待管理员审批：审批或撤回后才能送审。"]
    assert refused.value.missing[0].url == f"/adjustments/?year=2026&project={project(1).pk}&state=pending"
    withdraw_adjustment(adjustment=pending, user=finance)
    review.submit(project=project(1), user=finance)
    assert state(1) == ReviewState.SUBMITTED


def test_the_full_round_leaves_its_history(scenario, finance, reviewer, admin_user):
    complete_project_1(finance)
    review.submit(project=project(1), user=finance)
    review.return_for_changes(project=project(1), user=reviewer, reason="利用率说明不充分")
    assert state(1) == ReviewState.RETURNED
    review.submit(project=project(1).pk, user=finance)
    review.approve(project=project(1), user=reviewer)
    review.reopen(project=project(1), user=admin_user, reason="财政局抽查发现支出口径有误")
    assert state(1) == ReviewState.DRAFT
    assert history(1) == [
        (1, "submit", "draft", "submitted", "finance", ""),
        (2, "return", "submitted", "returned", "reviewer", "利用率说明不充分"),
        (3, "submit", "returned", "submitted", "finance", ""),
        (4, "approve", "submitted", "approved", "reviewer", ""),
        (5, "reopen", "approved", "draft", "admin", "财政局抽查发现支出口径有误"),
    ]


def test_the_submitter_cannot_approve_or_return_their_own_work(scenario, department, finance):
    from core.roles import FINANCE, REVIEWER

    both = make_user("both", group=FINANCE, department=department)
    both.groups.add(*__import__("django.contrib.auth.models", fromlist=["Group"]).Group.objects.filter(name=REVIEWER))
    complete_project_1(finance)
    review.submit(project=project(1), user=both)
    with pytest.raises(PermissionDenied, match="送审人不能审核自己送审的自评"):
        review.approve(project=project(1), user=both)
    with pytest.raises(PermissionDenied, match="送审人不能审核自己送审的自评"):
        review.return_for_changes(project=project(1), user=both, reason="x")
    assert state(1) == ReviewState.SUBMITTED


def test_only_the_right_people_may_act(scenario, finance, reviewer, outside_reviewer, auditor, manager, admin_user):
    complete_project_1(finance)
    for someone in (reviewer, auditor, manager, admin_user):
        with pytest.raises(PermissionDenied, match="只有本部门的财务人员可以送审"):
            review.submit(project=project(1), user=someone)
    review.submit(project=project(1), user=finance)
    for someone in (outside_reviewer, finance, auditor, admin_user):
        with pytest.raises(PermissionDenied, match="只有本部门的审核人员可以审核或退回"):
            review.approve(project=project(1), user=someone)
    review.approve(project=project(1), user=reviewer)
    with pytest.raises(PermissionDenied, match="只有管理员可以撤销审核"):
        review.reopen(project=project(1), user=reviewer, reason="x")


def test_returning_and_reopening_need_a_reason(scenario, finance, reviewer, admin_user):
    complete_project_1(finance)
    review.submit(project=project(1), user=finance)
    with pytest.raises(DomainError) as refused:
        review.return_for_changes(project=project(1), user=reviewer, reason="  ")
    assert refused.value.errors == {"reason": ["请填写退回原因。"]}
    review.approve(project=project(1), user=reviewer)
    with pytest.raises(DomainError) as refused:
        review.reopen(project=project(1), user=admin_user, reason="")
    assert refused.value.errors == {"reason": ["请填写撤销审核原因。"]}
    assert state(1) == ReviewState.APPROVED and len(history(1)) == 2


def test_a_change_the_state_does_not_allow_is_a_conflict(scenario, finance, reviewer, admin_user):
    with pytest.raises(ConflictError, match="当前为「填报中」，不能审核通过"):
        review.approve(project=project(1), user=reviewer)
    complete_project_1(finance)
    review.submit(project=project(1), user=finance)
    with pytest.raises(ConflictError, match="当前为「已送审」，不能送审"):
        review.submit(project=project(1), user=finance)
    with pytest.raises(ConflictError, match="当前为「已送审」，不能撤销审核"):
        review.reopen(project=project(1), user=admin_user, reason="x")


def test_the_history_is_append_only(scenario, finance):
    complete_project_1(finance)
    event = review.submit(project=project(1), user=finance)
    with pytest.raises(ReviewLedgerError):
        event.save()
    with pytest.raises(ReviewLedgerError):
        ReviewEvent.objects.all().delete()
    with pytest.raises(ReviewLedgerError):
        ReviewEvent.objects.update(reason="x")


def test_the_database_refuses_a_transition_the_rules_do_not_allow(scenario, finance):
    from django.db import IntegrityError, transaction
    from django.utils import timezone

    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewEvent.objects.create(project=project(1), number=1, action="approve", from_state="draft",
                                   to_state="approved", by=finance, at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewEvent.objects.create(project=project(1), number=1, action="return", from_state="submitted",
                                   to_state="returned", reason="", by=finance, at=timezone.now())


def test_a_department_submits_every_ready_project_and_hears_why_the_others_are_not(scenario, finance):
    complete_project_1(finance)
    result = review.submit_department(department=project(1).department, year=2026, user=finance)
    assert [p.seq for p in result.submitted] == [1]
    assert len(result.not_ready) == 14 and all(row.missing for row in result.not_ready)
    assert state(1) == ReviewState.SUBMITTED and state(2) == ReviewState.DRAFT
    again = review.submit_department(department=project(1).department, year=2026, user=finance)
    assert again.submitted == [] and [row.project.seq for row in again.already] == [1]
