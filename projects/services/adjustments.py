"""The write path of adjustments (DOMAIN §8): propose, approve, reject; validate, lock, check, write, atomically.

An adjustment records the values it replaces: those in force on its effective date when it is proposed (the latest
approved adjustment effective on or before that date, else the 年初 value). Not "in force today": a proposal made in
November that takes effect from 1 September replaces what applied on 1 September, and its old → new must say so.
Approval checks that those values are still the ones in force there (an import may have adjusted the line since);
if not, the proposal is stale and must be rejected and proposed again.
"""
import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.limits import TEXT_LIMITS
from core.errors import ConflictError, DomainError
from core.parsing import ParseError, parse_decimal
from core.roles import can_write_reports, is_admin
from projects.choices import AdjustmentState
from projects.in_force import (
    budget_adjustments_in_force,
    budget_in_force,
    indicator_adjustments_in_force,
    project_points_at,
    target_in_force,
)
from projects.models import Adjustment, BudgetAdjustment, Indicator, IndicatorAdjustment, PointsAdjustment, Project
from projects.review_lock import ensure_unlocked
from projects.vocabulary import normalize_operator
from projects.written import writes_projects

MAX_AMOUNT = Decimal("1e12")  # DecimalField(14, 2)
MAX_WEIGHT = Decimal("1e5")  # DecimalField(9, 4)
STATE_VERBS = {AdjustmentState.APPROVED: "批准", AdjustmentState.REJECTED: "驳回", AdjustmentState.WITHDRAWN: "撤回"}


# --- Descriptions shared by messages, pages and the API --------------------------------------------------------

def describe_target(operator: str, target_text: str, unit: str, weight: Decimal | None = None) -> str:
    shown = " ".join(part for part in (operator or "（定性）", target_text, unit) if part)
    return shown + (f"，权重 {weight.normalize():f}" if weight is not None else "")


def describe_budget(budget: Decimal, own_level: Decimal, transfer: Decimal) -> str:
    return f"{budget:,.2f} 万元（本级 {own_level:,.2f}，转移支付 {transfer:,.2f}）"


def describe_points(pairs) -> str:
    """`name 分值` of each line of a 分值 adjustment, in published order: what a reader compares between old and new."""
    return "；".join(f"{name} {points:.2f}" for name, points in pairs)


def user_label(user) -> str:
    return (user.get_full_name() or user.username) if user is not None else "（系统）"


def _when(moment: datetime.datetime) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


# --- Checks -------------------------------------------------------------------------------------------------------

def _check_proposer(user, department_id: int) -> None:
    if not can_write_reports(user, department_id):
        raise DomainError("只有本部门的财务人员可以提出调整。")


def _check_reason(reason: str, *, field: str = "reason", what: str = "调整原因") -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(f"请填写{what}。", field=field)
    return reason


def _check_effective_date(effective_date: datetime.date | None, year: int) -> None:
    if effective_date is None:
        raise DomainError("请填写生效日期。", field="effective_date")
    if effective_date.year != year:
        raise DomainError(
            f"生效日期应在预算年度 {year} 年内（{year}-01-01 至 {year}-12-31）：{effective_date:%Y-%m-%d}",
            field="effective_date",
        )


def _check_text(name: str, value: str, label: str) -> str:
    value = (value or "").strip()
    if len(value) > TEXT_LIMITS[name]:
        raise DomainError(f"{label}过长：最多 {TEXT_LIMITS[name]} 个字符。", field=name)
    return value


def _parse_target(operator: str, target_text: str, unit: str) -> Decimal | None:
    """The target number (`5%` under unit % is 5); none for 定性, required under an operator."""
    number, problem = None, ""
    if target_text:
        try:
            number = parse_decimal(target_text, unit=unit, max_digits=20, decimal_places=4)
        except ParseError as exc:
            problem = str(exc)
    if not operator:
        if not target_text:
            # A 定性 line is judged against its text; without one there is nothing to judge (DOMAIN §3).
            raise DomainError("定性指标（无运算符）须有文字目标，如「进一步提升」。", field="target_text")
        if number is not None:
            raise DomainError(
                "定性指标（无运算符）的目标值应为文字描述，如「进一步提升」；数值目标请选择运算符。", field="target_text"
            )
        return None
    if not target_text:
        raise DomainError(f"运算符「{operator}」须有数值目标值。", field="target_text")
    if number is None:
        raise DomainError(f"目标值不是数字：{problem}（有运算符时须为数值，如 150 或 95%）", field="target_text")
    return number


def _check_weight(weight: Decimal | None) -> Decimal | None:
    if weight is None:
        return None
    if not weight.is_finite() or weight <= 0:
        raise DomainError("权重须大于 0（留空为同类指标平均分配）。", field="weight")
    if weight >= MAX_WEIGHT or weight != weight.quantize(Decimal("0.0001")):
        raise DomainError("权重超出范围（最多 5 位整数、4 位小数）。", field="weight")
    return weight


def _check_amount(amount: Decimal | None, field: str, label: str) -> Decimal:
    if amount is None:
        raise DomainError(f"请填写{label}。", field=field)
    if not amount.is_finite() or abs(amount) >= MAX_AMOUNT or amount != amount.quantize(Decimal("0.01")):
        raise DomainError(f"{label}超出范围（万元，最多 2 位小数）：{amount}", field=field)
    if amount < 0:
        raise DomainError(f"{label}不能为负数。", field=field)
    return amount


def _refuse_second_pending(pending, what: str) -> None:
    if pending is not None:
        raise ConflictError(
            f"该{what}已有一项待审批的调整（{user_label(pending.proposed_by)} 于 {_when(pending.proposed_at)} 提出）："
            "请等待管理员审批后再提出。",
            other=pending,
        )


# --- Propose ------------------------------------------------------------------------------------------------------

@writes_projects
def propose_indicator_adjustment(
    *,
    indicator: Indicator,
    user,
    operator: str,
    target_text: str,
    unit: str,
    weight: Decimal | None,
    reason: str,
    effective_date: datetime.date | None,
) -> IndicatorAdjustment:
    """A pending change of an indicator's 运算符, 目标值, 单位 or 权重; refuses bad input and a second proposal."""
    indicator = Indicator.objects.select_for_update().select_related("project").get(pk=indicator.pk)
    _check_proposer(user, indicator.project.department_id)
    ensure_unlocked(indicator.project_id)
    try:
        operator = str(normalize_operator(operator))
    except ValueError as exc:
        raise DomainError(str(exc), field="operator") from None
    target_text = _check_text("target_text", target_text, "目标值")
    unit = _check_text("unit", unit, "单位")
    target_value = _parse_target(operator, target_text, unit)
    weight = _check_weight(weight)
    _check_effective_date(effective_date, indicator.project.year)
    reason = _check_reason(reason)
    _refuse_second_pending(
        IndicatorAdjustment.objects.filter(indicator=indicator, state=AdjustmentState.PENDING)
        .select_related("proposed_by").first(),
        "指标",
    )
    old = _target_at(indicator, effective_date)
    new = (operator, target_text, target_value, unit, weight)
    if new == (old.operator, old.target_text, old.target_value, old.unit, old.weight):
        raise DomainError("调整后的值与调整前相同：请修改目标值、运算符、单位或权重后再提交。", field="target_text")
    try:
        with transaction.atomic():
            return IndicatorAdjustment.objects.create(
                indicator=indicator, reason=reason, effective_date=effective_date, proposed_by=user,
                proposed_at=timezone.now(), old_operator=old.operator, old_target_text=old.target_text,
                old_target_value=old.target_value, old_unit=old.unit, old_weight=old.weight, new_operator=operator,
                new_target_text=target_text, new_target_value=target_value, new_unit=unit, new_weight=weight,
            )
    except IntegrityError:
        raise ConflictError("该指标刚刚有人提出了调整：请刷新页面查看。") from None


@writes_projects
def propose_budget_adjustment(
    *,
    project: Project,
    user,
    budget: Decimal | None,
    own_level: Decimal | None,
    transfer: Decimal | None,
    reason: str,
    effective_date: datetime.date | None,
) -> BudgetAdjustment:
    """A pending change of a project's 预算金额 and its 本级/转移支付 split."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    _check_proposer(user, project.department_id)
    ensure_unlocked(project)
    budget = _check_amount(budget, "budget", "预算金额")
    own_level = _check_amount(own_level, "own_level", "本级支出")
    transfer = _check_amount(transfer, "transfer", "转移支付支出")
    if own_level + transfer != budget:
        raise DomainError(
            f"本级支出 + 转移支付支出须等于预算金额：{own_level:,.2f} + {transfer:,.2f} = "
            f"{own_level + transfer:,.2f}，预算金额为 {budget:,.2f}。",
            field="budget",
        )
    _check_effective_date(effective_date, project.year)
    reason = _check_reason(reason)
    _refuse_second_pending(
        BudgetAdjustment.objects.filter(project=project, state=AdjustmentState.PENDING)
        .select_related("proposed_by").first(),
        "项目预算",
    )
    old = _budget_at(project, effective_date)
    if (budget, own_level, transfer) == (old.budget, old.own_level, old.transfer):
        raise DomainError("调整后的预算与调整前相同：请修改后再提交。", field="budget")
    try:
        with transaction.atomic():
            return BudgetAdjustment.objects.create(
                project=project, reason=reason, effective_date=effective_date, proposed_by=user,
                proposed_at=timezone.now(), old_budget=old.budget, old_own_level=old.own_level,
                old_transfer=old.transfer, new_budget=budget, new_own_level=own_level, new_transfer=transfer,
            )
    except IntegrityError:
        raise ConflictError("该项目刚刚有人提出了预算调整：请刷新页面查看。") from None


def _target_at(indicator: Indicator, date: datetime.date):
    adjustments = indicator_adjustments_in_force(indicator_ids=[indicator.pk], as_of=date)
    return target_in_force(indicator, adjustments.get(indicator.pk))


def _budget_at(project: Project, date: datetime.date):
    adjustments = budget_adjustments_in_force(project_ids=[project.pk], as_of=date)
    return budget_in_force(project, adjustments.get(project.pk))


# --- Decide -------------------------------------------------------------------------------------------------------

def _lock_pending(adjustment: Adjustment, user, *, withdrawing: bool = False):
    """The adjustment re-read under lock; refused unless an admin decides it (or its proposer's department withdraws
    it) and nobody has yet."""
    if withdrawing:
        if not can_write_reports(user, project_of(adjustment).department_id):
            raise DomainError("只有本部门的财务人员可以撤回调整申请。")
    elif not is_admin(user):
        raise DomainError("只有管理员可以审批调整。")
    model = type(adjustment)
    locked = model.objects.select_for_update().get(pk=adjustment.pk)
    if locked.state != AdjustmentState.PENDING:
        decided_by = get_user_model().objects.filter(pk=locked.decided_by_id).first()
        raise ConflictError(
            f"该调整已由 {user_label(decided_by)} 于 {_when(locked.decided_at)} "
            f"{STATE_VERBS[AdjustmentState(locked.state)]}，您的操作未生效。",
            other=locked,
        )
    ensure_unlocked(locked.indicator.project_id if isinstance(locked, IndicatorAdjustment) else locked.project_id)
    return locked


def project_of(adjustment) -> Project:
    """The project an adjustment of any kind belongs to."""
    return adjustment.indicator.project if isinstance(adjustment, IndicatorAdjustment) else adjustment.project


def _check_still_in_force(adjustment: Adjustment) -> None:
    if isinstance(adjustment, PointsAdjustment):
        indicators, now, _ = project_points_at(project=adjustment.project, as_of=adjustment.effective_date)
        old = dict(adjustment.lines.values_list("indicator_id", "old_points"))
        changed = old != {i.pk: now[i.pk] for i in indicators}
        shown = describe_points((i.name, now[i.pk] or 0) for i in indicators)
    elif isinstance(adjustment, IndicatorAdjustment):
        now = _target_at(adjustment.indicator, adjustment.effective_date)
        old = (adjustment.old_operator, adjustment.old_target_text, adjustment.old_target_value,
               adjustment.old_unit, adjustment.old_weight)
        changed = old != (now.operator, now.target_text, now.target_value, now.unit, now.weight)
        shown = describe_target(now.operator, now.target_text, now.unit, now.weight)
    else:
        now = _budget_at(adjustment.project, adjustment.effective_date)
        changed = (adjustment.old_budget, adjustment.old_own_level, adjustment.old_transfer) != (
            now.budget, now.own_level, now.transfer)
        shown = describe_budget(now.budget, now.own_level, now.transfer)
    if changed:
        raise ConflictError(
            f"提出后，生效日 {adjustment.effective_date:%Y-%m-%d} 的现行值已变为 {shown}，与该调整的原值不符："
            "请驳回后由财务人员重新提出。"
        )


@writes_projects
def approve_adjustment(*, adjustment: Adjustment, user):
    """Approves a pending adjustment: it is in force from its effective date."""
    locked = _lock_pending(adjustment, user)
    _check_still_in_force(locked)
    locked.state = AdjustmentState.APPROVED
    locked.decided_by = user
    locked.decided_at = timezone.now()
    locked.save(update_fields=["state", "decided_by", "decided_at"])
    return locked


@writes_projects
def reject_adjustment(*, adjustment: Adjustment, user, reason: str):
    """Rejects a pending adjustment with a reason; it never takes effect."""
    locked = _lock_pending(adjustment, user)
    locked.rejection_reason = _check_reason(reason, what="驳回原因")
    locked.state = AdjustmentState.REJECTED
    locked.decided_by = user
    locked.decided_at = timezone.now()
    locked.save(update_fields=["state", "decided_by", "decided_at", "rejection_reason"])
    return locked


@writes_projects
def withdraw_adjustment(*, adjustment: Adjustment, user):
    """Withdraws a pending proposal (finance of its department): it never takes effect, and another may be made."""
    locked = _lock_pending(adjustment, user, withdrawing=True)
    locked.state = AdjustmentState.WITHDRAWN
    locked.decided_by = user
    locked.decided_at = timezone.now()
    locked.save(update_fields=["state", "decided_by", "decided_at"])
    return locked
