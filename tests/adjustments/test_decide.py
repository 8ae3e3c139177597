"""Approving and rejecting: only an admin decides, once; the second decision is refused naming the first."""
import datetime
from decimal import Decimal

import pytest

from core.errors import ConflictError, DomainError
from projects.choices import AdjustmentState
from projects.models import IndicatorAdjustment
from projects.services.adjustments import (
    approve_adjustment,
    propose_budget_adjustment,
    propose_indicator_adjustment,
    reject_adjustment,
)
from tests.adjustments.conftest import NOW, budget_change, target_change


@pytest.fixture
def proposal(trainees, finance) -> IndicatorAdjustment:
    return propose_indicator_adjustment(indicator=trainees, user=finance, **target_change())


def test_admin_approves_a_proposal(proposal, admin_user):
    approved = approve_adjustment(adjustment=proposal, user=admin_user)
    proposal.refresh_from_db()
    assert proposal.state == AdjustmentState.APPROVED
    assert proposal.decided_by == admin_user
    assert proposal.decided_at == NOW
    assert approved.pk == proposal.pk


def test_admin_rejects_a_proposal_with_a_reason(proposal, admin_user):
    reject_adjustment(adjustment=proposal, user=admin_user, reason="依据不足，请补充上级文件")
    proposal.refresh_from_db()
    assert (proposal.state, proposal.rejection_reason, proposal.decided_by) == (
        AdjustmentState.REJECTED, "依据不足，请补充上级文件", admin_user)


def test_rejection_without_a_reason_is_refused(proposal, admin_user):
    with pytest.raises(DomainError) as caught:
        reject_adjustment(adjustment=proposal, user=admin_user, reason=" ")
    assert caught.value.errors == {"reason": ["请填写驳回原因。"]}
    proposal.refresh_from_db()
    assert proposal.state == AdjustmentState.PENDING


@pytest.mark.parametrize("who", ["finance", "manager", "auditor"])
def test_only_an_admin_decides(request, proposal, who):
    user = request.getfixturevalue(who)
    with pytest.raises(DomainError, match="只有管理员可以审批调整。"):
        approve_adjustment(adjustment=proposal, user=user)
    with pytest.raises(DomainError, match="只有管理员可以审批调整。"):
        reject_adjustment(adjustment=proposal, user=user, reason="不同意")
    proposal.refresh_from_db()
    assert proposal.state == AdjustmentState.PENDING


def test_second_admin_deciding_a_decided_proposal_is_told_who_decided_and_when(proposal, admin_user, admin2):
    # Both admins loaded the proposal while it was pending; the first one's decision stands.
    seen_by_second = IndicatorAdjustment.objects.get(pk=proposal.pk)
    approve_adjustment(adjustment=proposal, user=admin_user)
    with pytest.raises(ConflictError) as caught:
        reject_adjustment(adjustment=seen_by_second, user=admin2, reason="不同意")
    assert str(caught.value) == "该调整已由 admin 于 2026-11-25 10:00 批准，您的操作未生效。"
    assert caught.value.status == 409
    proposal.refresh_from_db()
    assert (proposal.state, proposal.decided_by, proposal.rejection_reason) == (
        AdjustmentState.APPROVED, admin_user, "")


def test_approving_a_rejected_proposal_is_refused(proposal, admin_user, admin2):
    reject_adjustment(adjustment=proposal, user=admin2, reason="依据不足")
    with pytest.raises(ConflictError, match="该调整已由 管理员乙 于 2026-11-25 10:00 驳回，您的操作未生效。"):
        approve_adjustment(adjustment=proposal, user=admin_user)


def test_approval_is_refused_when_the_values_it_replaces_changed_since(proposal, trainees, admin_user):
    """An import (or another approved adjustment) changed the target in force on the effective date meanwhile."""
    IndicatorAdjustment.objects.create(
        indicator=trainees, reason="导入调整", effective_date=datetime.date(2026, 8, 1), state=AdjustmentState.APPROVED,
        proposed_by=admin_user, proposed_at=NOW, decided_by=admin_user, decided_at=NOW,
        old_operator="≥", old_target_text="162", old_target_value=Decimal(162), old_unit="人",
        new_operator="≥", new_target_text="158", new_target_value=Decimal(158), new_unit="人",
    )
    with pytest.raises(ConflictError, match="生效日 2026-09-01 的现行值已变为 ≥ 158 人"):
        approve_adjustment(adjustment=proposal, user=admin_user)
    proposal.refresh_from_db()
    assert proposal.state == AdjustmentState.PENDING


def test_budget_proposal_is_approved_the_same_way(training, finance, admin_user):
    proposal = propose_budget_adjustment(project=training, user=finance, **budget_change())
    approve_adjustment(adjustment=proposal, user=admin_user)
    proposal.refresh_from_db()
    assert proposal.state == AdjustmentState.APPROVED
