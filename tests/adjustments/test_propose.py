"""Proposing an adjustment: what is stored, and every bad input refused with its field and nothing stored."""
import datetime
from decimal import Decimal

import pytest

from core.errors import ConflictError, DomainError
from projects.choices import AdjustmentState
from projects.models import BudgetAdjustment, IndicatorAdjustment
from projects.services.adjustments import (
    approve_adjustment,
    propose_budget_adjustment,
    propose_indicator_adjustment,
    reject_adjustment,
)
from tests.adjustments.conftest import budget_change, target_change
from tests.conftest import project


def refused(call, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(**kwargs)
    return caught.value


def test_target_proposal_keeps_old_and_new_values_and_waits_for_approval(trainees, finance):
    adjustment = propose_indicator_adjustment(indicator=trainees, user=finance, **target_change())

    assert adjustment.state == AdjustmentState.PENDING
    assert (adjustment.old_operator, adjustment.old_target_text, adjustment.old_target_value, adjustment.old_unit) == (
        "≥", "162", Decimal("162"), "人")
    assert (adjustment.new_operator, adjustment.new_target_text, adjustment.new_target_value, adjustment.new_unit) == (
        "≥", "150", Decimal("150"), "人")
    assert adjustment.proposed_by == finance and adjustment.decided_by is None
    trainees.refresh_from_db()
    assert (trainees.target_text, trainees.target_value) == ("162", Decimal("162"))  # 年初 never overwritten


def test_percent_target_typed_with_its_unit_is_the_number(seeded, finance):
    completion = project(2).indicators.get(name="培训计划按期完成度")  # ≥ 95 %
    adjustment = propose_indicator_adjustment(
        indicator=completion, user=finance, **target_change(target_text="90%", unit="%"))
    assert (adjustment.new_target_text, adjustment.new_target_value) == ("90%", Decimal("90"))


def test_operator_typed_as_ascii_is_stored_as_the_published_sign(trainees, finance):
    adjustment = propose_indicator_adjustment(indicator=trainees, user=finance, **target_change(operator=">="))
    assert adjustment.new_operator == "≥"


def test_qualitative_target_keeps_its_text_and_has_no_number(seeded, finance):
    care = project(3).indicators.get(target_text="持续关心")
    adjustment = propose_indicator_adjustment(
        indicator=care, user=finance, **target_change(operator="", target_text="持续关心关爱", unit=""))
    assert (adjustment.new_operator, adjustment.new_target_text, adjustment.new_target_value) == ("", "持续关心关爱", None)


def test_old_values_are_those_in_force_on_the_effective_date(trainees, finance, admin_user):
    """A later approved adjustment does not become the old value of an earlier-dated one."""
    october = propose_indicator_adjustment(
        indicator=trainees, user=finance, **target_change(target_text="150", effective_date=datetime.date(2026, 10, 1)))
    approve_adjustment(adjustment=october, user=admin_user)

    september = propose_indicator_adjustment(indicator=trainees, user=finance, **target_change(target_text="155"))
    assert september.old_target_value == Decimal("162")

    reject_adjustment(adjustment=september, user=admin_user, reason="与十月起的调整重复")
    late = propose_indicator_adjustment(
        indicator=trainees, user=finance, **target_change(target_text="140", effective_date=datetime.date(2026, 11, 1)))
    assert late.old_target_value == Decimal("150")


def test_budget_proposal_keeps_old_and_new_split(training, finance):
    adjustment = propose_budget_adjustment(project=training, user=finance, **budget_change())
    assert (adjustment.old_budget, adjustment.old_own_level, adjustment.old_transfer) == (
        Decimal("26.33"), Decimal("26.33"), Decimal("0.00"))
    assert (adjustment.new_budget, adjustment.new_own_level, adjustment.new_transfer) == (
        Decimal("24.00"), Decimal("24.00"), Decimal("0.00"))
    training.refresh_from_db()
    assert training.budget == Decimal("26.33")


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"target_text": "约一百五十"}, "target_text", "目标值不是数字：请输入数字：'约一百五十'"),
        ({"target_text": ""}, "target_text", "运算符「≥」须有数值目标值"),
        ({"target_text": "20万人"}, "target_text", "单位应为「人」，请按该单位只填数字：'20万人'"),
        ({"target_text": "1e3"}, "target_text", "不要用科学计数法"),
        ({"operator": "", "target_text": "150"}, "target_text", "定性指标（无运算符）的目标值应为文字描述"),
        ({"operator": "≈"}, "operator", "未知的运算符"),
        ({"weight": Decimal("0")}, "weight", "权重须大于 0"),
        ({"effective_date": datetime.date(2027, 1, 1)}, "effective_date", "生效日期应在预算年度 2026 年内"),
        ({"effective_date": datetime.date(2025, 12, 31)}, "effective_date", "生效日期应在预算年度 2026 年内"),
        ({"effective_date": None}, "effective_date", "请填写生效日期"),
        ({"reason": "  "}, "reason", "请填写调整原因"),
        ({"target_text": "162"}, "target_text", "调整后的值与调整前相同"),
        ({"target_text": "x" * 201}, "target_text", "目标值过长"),
    ],
)
def test_bad_target_proposal_is_refused_next_to_its_field_and_stores_nothing(trainees, finance, change, field, message):
    error = refused(propose_indicator_adjustment, indicator=trainees, user=finance, **target_change(**change))
    assert message in error.errors[field][0]
    assert error.status == 400
    assert not IndicatorAdjustment.objects.exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"own_level": Decimal("20.00")}, "budget", "本级支出 + 转移支付支出须等于预算金额：20.00 + 0.00 = 20.00，预算金额为 24.00"),
        ({"budget": Decimal("-1.00"), "own_level": Decimal("-1.00")}, "budget", "预算金额不能为负数"),
        ({"transfer": Decimal("-2.00"), "own_level": Decimal("26.00")}, "transfer", "转移支付支出不能为负数"),
        ({"budget": None}, "budget", "请填写预算金额"),
        ({"budget": Decimal("24.001")}, "budget", "最多 2 位小数"),
        ({"effective_date": datetime.date(2027, 3, 1)}, "effective_date", "生效日期应在预算年度 2026 年内"),
        ({"reason": ""}, "reason", "请填写调整原因"),
        ({"budget": Decimal("26.33"), "own_level": Decimal("26.33")}, "budget", "调整后的预算与调整前相同"),
    ],
)
def test_bad_budget_proposal_is_refused_next_to_its_field_and_stores_nothing(training, finance, change, field, message):
    error = refused(propose_budget_adjustment, project=training, user=finance, **budget_change(**change))
    assert message in error.errors[field][0]
    assert not BudgetAdjustment.objects.exists()


def test_second_pending_target_proposal_is_refused_naming_the_first(trainees, finance, finance2):
    propose_indicator_adjustment(indicator=trainees, user=finance, **target_change())
    with pytest.raises(ConflictError) as caught:
        propose_indicator_adjustment(indicator=trainees, user=finance2, **target_change(target_text="140"))
    assert str(caught.value) == (
        "该指标已有一项待审批的调整（财务甲 于 2026-11-25 10:00 提出）：请等待管理员审批后再提出。")
    assert caught.value.status == 409
    assert IndicatorAdjustment.objects.count() == 1


def test_second_pending_budget_proposal_is_refused(training, finance):
    propose_budget_adjustment(project=training, user=finance, **budget_change())
    with pytest.raises(ConflictError, match="该项目预算已有一项待审批的调整"):
        propose_budget_adjustment(project=training, user=finance, **budget_change(budget=Decimal("25.00"),
                                                                                  own_level=Decimal("25.00")))
    assert BudgetAdjustment.objects.count() == 1


def test_a_new_proposal_is_allowed_once_the_first_is_decided(trainees, finance, admin_user):
    first = propose_indicator_adjustment(indicator=trainees, user=finance, **target_change())
    approve_adjustment(adjustment=first, user=admin_user)
    second = propose_indicator_adjustment(
        indicator=trainees, user=finance, **target_change(target_text="140", effective_date=datetime.date(2026, 11, 1)))
    assert second.state == AdjustmentState.PENDING


@pytest.mark.parametrize("who", ["manager", "auditor", "outsider", "admin_user"])
def test_only_finance_of_the_department_may_propose(request, trainees, who):
    user = request.getfixturevalue(who)
    error = refused(propose_indicator_adjustment, indicator=trainees, user=user, **target_change())
    assert str(error) == "只有本部门的财务人员可以提出调整。"
    assert not IndicatorAdjustment.objects.exists()


def test_effective_date_on_the_first_day_of_the_year_is_inside_it(trainees, finance):
    adjustment = propose_indicator_adjustment(
        indicator=trainees, user=finance, **target_change(effective_date=datetime.date(2026, 1, 1)))
    assert adjustment.effective_date == datetime.date(2026, 1, 1)
