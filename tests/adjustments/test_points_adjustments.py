"""Adjusting explicit 分值 (DOMAIN §4 weighting `explicit`, §8): a whole project at once, footing to 100.00, pending
until an admin approves it, in force from its effective date.

Project 2 (培训费, 26.33 万元) is given its own 分值 before any report: 培训人数 30, 培训计划按期完成度 20, the
定性 line 10, 培训人员满意度 20, 培训班次 10, with the budget line's 10 making 100.00.
"""
import datetime
from decimal import Decimal

import pytest

from core.errors import ConflictError, DomainError
from indicators.selectors.evaluation import evaluate_project
from indicators.services.results import check_results
from projects.choices import AdjustmentState, ReviewAction
from projects.models import PointsAdjustment, PointsAdjustmentLine, Project
from projects.services.adjustments import approve_adjustment, reject_adjustment, withdraw_adjustment
from projects.services.points_adjustments import points_field, propose_points_adjustment
from projects.services.published import save_indicator
from tests.adjustments.conftest import NEW_POINTS, SEPT_1, YEAR_START_POINTS, points_change
from tests.review.conftest import move

D = Decimal
AUG_31 = datetime.date(2026, 8, 31)


def propose(project, user, points=NEW_POINTS, **overrides) -> PointsAdjustment:
    return propose_points_adjustment(project=project, user=user, **points_change(project, points, **overrides))


def total(project: Project, as_of: datetime.date) -> Decimal:
    return evaluate_project(project=project, as_of=as_of).total


def test_the_year_start_points_score_by_hand(explicit):
    # 30 × 0.5 + 20 + 10 + 20 + 10 × 0.5 + budget 10 = 80.00
    evaluation = evaluate_project(project=explicit, as_of=SEPT_1)
    assert [line.score.points_possible for line in evaluation.indicators] == [D(p) for p in YEAR_START_POINTS]
    assert evaluation.total == D("80.00")


def test_points_that_do_not_foot_are_refused_with_the_total_and_nothing_is_stored(explicit, finance):
    with pytest.raises(DomainError) as caught:
        propose(explicit, finance, ["10", "30", "10", "30", "20"])
    assert str(caught.value) == ("调整后的分值不合计：各指标分值合计 100.00 分，加预算执行 10.00 分为 110.00 分，"
                                 "应为 100.00 分。")
    assert caught.value.errors == {"points": [str(caught.value)]}
    assert not PointsAdjustment.objects.exists() and not PointsAdjustmentLine.objects.exists()


def test_a_proposal_keeps_every_lines_old_and_new_points_and_waits(explicit, finance):
    adjustment = propose(explicit, finance)
    assert adjustment.state == AdjustmentState.PENDING
    assert list(adjustment.lines.order_by("indicator__order").values_list("old_points", "new_points")) == [
        (D(old), D(new)) for old, new in zip(YEAR_START_POINTS, NEW_POINTS, strict=True)]
    assert list(explicit.indicators.order_by("order").values_list("points", flat=True)) == [
        D(p) for p in YEAR_START_POINTS]  # 年初 never overwritten
    assert total(explicit, datetime.date(2026, 12, 31)) == D("80.00")  # pending: not in force


def test_approved_points_score_from_the_effective_date_and_the_stored_results_follow(explicit, finance, admin_user):
    approve_adjustment(adjustment=propose(explicit, finance), user=admin_user)
    # Before 1 September the 年初 分值: 80.00. From it, 10 × 0.5 + 30 + 10 + 30 + 10 × 0.5 + budget 10 = 90.00.
    assert total(explicit, AUG_31) == D("80.00")
    after = evaluate_project(project=explicit, as_of=SEPT_1)
    assert [line.score.points for line in after.indicators] == [D("5.00"), D("30.00"), D("10.00"), D("30.00"),
                                                                D("5.00")]
    assert after.total == D("90.00")
    assert explicit.result.total == D("90.00") and explicit.result.valid_from == SEPT_1
    assert check_results(year=2026) == []


def test_a_rejected_proposal_leaves_the_scores_as_they_were(explicit, finance, admin_user):
    reject_adjustment(adjustment=propose(explicit, finance), user=admin_user, reason="班次未减少")
    assert total(explicit, datetime.date(2026, 12, 31)) == D("80.00")
    assert check_results(year=2026) == []


def test_a_second_proposal_waits_for_the_first(explicit, finance, admin_user):
    first = propose(explicit, finance)
    with pytest.raises(ConflictError) as caught:
        propose(explicit, finance, ["20", "20", "10", "20", "20"])
    # Who proposed the waiting one and when (10:00 Beijing time, the frozen clock).
    assert str(caught.value) == ("该项目分值已有一项待审批的调整（财务甲 于 2026-11-25 10:00 提出）："
                                 "请等待管理员审批后再提出。")
    assert list(PointsAdjustment.objects.values_list("pk", flat=True)) == [first.pk]
    assert PointsAdjustmentLine.objects.count() == 5
    withdraw_adjustment(adjustment=first, user=finance)
    assert propose(explicit, finance, ["20", "20", "10", "20", "20"]).state == AdjustmentState.PENDING


@pytest.mark.parametrize("who", ["outsider", "auditor", "manager"])
def test_only_the_departments_finance_proposes(request, explicit, who):
    with pytest.raises(DomainError, match="只有本部门的财务人员可以提出调整"):
        propose(explicit, request.getfixturevalue(who))
    assert not PointsAdjustment.objects.exists()


def test_a_submitted_project_refuses_a_proposal_and_its_approval(explicit, finance, admin_user):
    pending = propose(explicit, finance)
    move(2, ReviewAction.SUBMIT, finance)
    with pytest.raises(ConflictError) as approval:
        approve_adjustment(adjustment=pending, user=admin_user)
    assert str(approval.value) == "该项目 2026 年自评已送审，如需修改请先退回"
    with pytest.raises(ConflictError) as proposal:
        propose(explicit, finance, ["20", "20", "10", "20", "20"])
    assert str(proposal.value) == "该项目 2026 年自评已送审，如需修改请先退回"
    assert PointsAdjustment.objects.get().state == AdjustmentState.PENDING
    assert total(explicit, datetime.date(2026, 12, 31)) == D("80.00")  # the 年初 分值 still score


def test_a_project_scored_by_class_has_no_points_to_adjust(training, finance):
    with pytest.raises(DomainError) as caught:
        propose(training, finance)
    assert str(caught.value) == ("该项目按一级指标分配分值（各指标没有逐项分值），不能调整分值："
                                 "权重请在指标的「提出调整」中调整。")
    assert not PointsAdjustment.objects.exists()


@pytest.mark.parametrize(("points", "on_the_first_line", "message"), [
    (["-10", "50", "10", "30", "10"], True, "「培训人数」的分值应在 0 到 100 之间：-10"),
    (["10.005", "29.995", "10", "30", "10"], True, "「培训人数」的分值最多 2 位小数：10.005"),
    (["十", "30", "10", "30", "10"], True, "「培训人数」的分值不是数字：十"),
    ([None, "30", "10", "30", "10"], True, "请填写「培训人数」的新分值。"),
    (YEAR_START_POINTS, False, "调整后的分值与调整前相同：请修改后再提交。"),
])
def test_bad_points_are_refused_next_to_their_line(explicit, finance, points, on_the_first_line, message):
    with pytest.raises(DomainError) as caught:
        propose(explicit, finance, points)
    # The form shows a line's problem next to that line's input (培训人数, the first), the rest next to the table.
    field = points_field(explicit.indicators.get(order=1).pk) if on_the_first_line else "points"
    assert caught.value.errors == {field: [message]}
    assert not PointsAdjustment.objects.exists() and not PointsAdjustmentLine.objects.exists()


def test_approval_is_refused_when_the_points_it_replaces_changed_since(explicit, finance, admin_user):
    """An October change approved after a September proposal was made: the September one's old 分值 are stale."""
    september = propose(explicit, finance)
    PointsAdjustment.objects.filter(pk=september.pk).update(effective_date=datetime.date(2026, 10, 1))
    september.refresh_from_db()
    earlier = PointsAdjustment.objects.create(
        project=explicit, reason="更早的调整", effective_date=SEPT_1, proposed_by=finance,
        proposed_at=september.proposed_at, state=AdjustmentState.APPROVED, decided_by=admin_user,
        decided_at=september.proposed_at)
    PointsAdjustmentLine.objects.bulk_create([
        PointsAdjustmentLine(adjustment=earlier, indicator=i, old_points=D(o), new_points=D(n))
        for i, o, n in zip(explicit.indicators.order_by("order"), YEAR_START_POINTS,
                           ["20", "20", "10", "20", "20"], strict=True)])
    with pytest.raises(ConflictError, match="现行值已变为 培训人数 20.00"):
        approve_adjustment(adjustment=september, user=admin_user)
    september.refresh_from_db()
    assert (september.state, september.decided_by) == (AdjustmentState.PENDING, None)


def test_editing_points_in_place_once_reported_points_to_the_points_adjustment(explicit):
    line = explicit.indicators.get(order=1)
    line.points = D("25")
    with pytest.raises(DomainError) as caught:
        save_indicator(indicator=line)
    assert str(caught.value) == ("2026 年本部门已有填报记录：分值不能直接修改，请由财务人员在项目页面点「调整分值」，"
                                 "为整个项目提出新分值（合计须为 100.00）、管理员审批。")
    assert list(explicit.indicators.order_by("order").values_list("points", flat=True)) == [
        D(p) for p in YEAR_START_POINTS]
    assert total(explicit, datetime.date(2026, 12, 31)) == D("80.00")


def test_a_pending_points_proposal_holds_up_the_submission(explicit, finance):
    from indicators.selectors.review import project_review

    propose(explicit, finance)
    missing = [item.message for item in project_review(explicit).missing if item.kind == "adjustment"]
    assert missing == ["本项目有 1 项调整尚待管理员审批：审批或撤回后才能送审。"]


def test_the_database_itself_keeps_one_pending_proposal_and_no_negative_points(explicit, finance):
    from django.db import IntegrityError, transaction

    first = propose(explicit, finance)
    with pytest.raises(IntegrityError), transaction.atomic():
        PointsAdjustment.objects.create(project=explicit, reason="绕过服务", effective_date=SEPT_1, proposed_by=finance,
                                        proposed_at=first.proposed_at)
    line = first.lines.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        PointsAdjustmentLine.objects.filter(pk=line.pk).update(new_points=D("-1"))
