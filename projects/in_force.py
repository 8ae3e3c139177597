"""Targets, budgets and explicit 分值 in force at a date (DOMAIN §8): the latest approved adjustment, else the 年初
value."""
import datetime
from dataclasses import dataclass
from decimal import Decimal

from projects.choices import AdjustmentState
from projects.models import (
    BudgetAdjustment,
    Indicator,
    IndicatorAdjustment,
    PointsAdjustment,
    PointsAdjustmentLine,
    Project,
)


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


# --- Explicit 分值 (DOMAIN §4): adjusted a whole project at a time, in force line by line ---------------------------

# What the evaluation reads of each line's 分值 adjustments, joined to its indicators in the same statement (a
# correlated subquery per line cost the one-department indicator query several times its time on PostgreSQL).
POINTS_LINES = "points_adjustment_lines"
POINTS_JOINED_VALUES = tuple(f"{POINTS_LINES}__{name}" for name in (
    "adjustment_id", "new_points", "adjustment__state", "adjustment__effective_date", "adjustment__decided_at"))


@dataclass(frozen=True)
class PointsLineInForce:
    adjustment_id: int
    new_points: Decimal
    state: str
    effective_date: datetime.date
    decided_at: datetime.datetime | None


def joined_points_line(values: tuple) -> PointsLineInForce | None:
    """A line's 分值 adjustment as joined (POINTS_JOINED_VALUES), None where the line has none."""
    return None if values[0] is None else PointsLineInForce(*values)


def points_line_in_force(lines, as_of: datetime.date) -> PointsLineInForce | None:
    """Of one indicator's 分值 adjustment lines, the one in force at `as_of`: approved, effective on or before it,
    the latest by effective date, then decision, then id, as every other adjustment."""
    in_force = [line for line in lines if line.state == AdjustmentState.APPROVED and line.effective_date <= as_of]
    return max(in_force, key=lambda line: (line.effective_date, line.decided_at, line.adjustment_id), default=None)


def project_points_at(*, project: Project, as_of: datetime.date) -> tuple[list[Indicator], dict[int, Decimal | None],
                                                                           PointsAdjustment | None]:
    """The project's indicators in published order, each one's 分值 in force at `as_of` (by id), and the adjustment
    in force (None: the 年初 分值); two queries."""
    indicators = list(project.indicators.order_by("order"))
    lines = PointsAdjustmentLine.objects.filter(
        indicator__project=project, adjustment__state=AdjustmentState.APPROVED, adjustment__effective_date__lte=as_of
    ).select_related("adjustment")
    latest = _latest_by_owner([line.adjustment for line in lines], "project_id") if lines else {}
    adjustment = latest.get(project.pk)
    new = {line.indicator_id: line.new_points for line in lines if adjustment and line.adjustment_id == adjustment.pk}
    points = {i.pk: new.get(i.pk, i.points) for i in indicators}
    return indicators, points, adjustment
