"""Targets and budgets in force at a date (DOMAIN §8): the latest approved adjustment, else the 年初 value."""
import datetime
from dataclasses import dataclass
from decimal import Decimal

from projects.choices import AdjustmentState
from projects.models import BudgetAdjustment, Indicator, IndicatorAdjustment, Project


@dataclass(frozen=True)
class TargetInForce:
    operator: str
    target_text: str
    target_value: Decimal | None
    unit: str
    weight: Decimal | None
    adjustment: IndicatorAdjustment | None  # None: the 年初 target


@dataclass(frozen=True)
class BudgetInForce:
    budget: Decimal
    own_level: Decimal
    transfer: Decimal
    adjustment: BudgetAdjustment | None


def _latest_by_owner(rows, owner_attr: str) -> dict[int, object]:
    latest: dict[int, object] = {}
    for row in rows:
        key = getattr(row, owner_attr)
        held = latest.get(key)
        if held is None or (row.effective_date, row.decided_at, row.id) > (
            held.effective_date, held.decided_at, held.id
        ):
            latest[key] = row
    return latest


def indicator_adjustments_in_force(*, indicator_ids, as_of: datetime.date) -> dict[int, IndicatorAdjustment]:
    """One query: the adjustment in force per indicator id (absent when the 年初 target applies)."""
    rows = IndicatorAdjustment.objects.filter(
        indicator_id__in=indicator_ids, state=AdjustmentState.APPROVED, effective_date__lte=as_of
    ).order_by()  # the latest is picked in Python: no sort
    return _latest_by_owner(rows, "indicator_id")


def budget_adjustments_in_force(*, project_ids, as_of: datetime.date) -> dict[int, BudgetAdjustment]:
    """One query: the budget adjustment in force per project id."""
    rows = BudgetAdjustment.objects.filter(
        project_id__in=project_ids, state=AdjustmentState.APPROVED, effective_date__lte=as_of
    ).order_by()
    return _latest_by_owner(rows, "project_id")


def target_in_force(indicator: Indicator, adjustment: IndicatorAdjustment | None) -> TargetInForce:
    if adjustment is None:
        return TargetInForce(
            indicator.operator, indicator.target_text, indicator.target_value, indicator.unit, indicator.weight, None
        )
    return TargetInForce(
        adjustment.new_operator, adjustment.new_target_text, adjustment.new_target_value, adjustment.new_unit,
        adjustment.new_weight, adjustment,
    )


def budget_in_force(project: Project, adjustment: BudgetAdjustment | None) -> BudgetInForce:
    if adjustment is None:
        return BudgetInForce(project.budget, project.own_level, project.transfer, None)
    return BudgetInForce(adjustment.new_budget, adjustment.new_own_level, adjustment.new_transfer, adjustment)


def adjustments_in_force_exist(*, project_ids, indicator_ids, as_of: datetime.date) -> tuple[bool, bool]:
    """Whether any budget, and any target, of these lines has an approved adjustment in force (two queries)."""
    return (
        bool(budget_adjustments_in_force(project_ids=project_ids, as_of=as_of)),
        bool(indicator_adjustments_in_force(indicator_ids=indicator_ids, as_of=as_of)),
    )
