"""Targets, budgets and explicit 分值 in force at a date (DOMAIN §8): the latest approved adjustment, else the 年初
value."""
import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, Subquery

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
    )
    return _latest_by_owner(rows, "indicator_id")


def budget_adjustments_in_force(*, project_ids, as_of: datetime.date) -> dict[int, BudgetAdjustment]:
    """One query: the budget adjustment in force per project id."""
    rows = BudgetAdjustment.objects.filter(
        project_id__in=project_ids, state=AdjustmentState.APPROVED, effective_date__lte=as_of
    )
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

def _points_lines_in_force(as_of: datetime.date):
    return PointsAdjustmentLine.objects.filter(
        adjustment__state=AdjustmentState.APPROVED, adjustment__effective_date__lte=as_of
    ).order_by("-adjustment__effective_date", "-adjustment__decided_at", "-adjustment_id")


def points_in_force_annotations(as_of: datetime.date) -> dict[str, Subquery]:
    """Two values for an Indicator queryset, read in its own statement (no query more): `points_adjustment_id`, the
    approved 分值 adjustment in force at `as_of` for the line (None: the 年初 分值), and `points_in_force_new`, the
    分值 it gives. The latest by effective date, then decision, then id, as every other adjustment."""
    line = _points_lines_in_force(as_of).filter(indicator_id=OuterRef("pk"))
    return {
        "points_adjustment_id": Subquery(line.values("adjustment_id")[:1]),
        "points_in_force_new": Subquery(line.values("new_points")[:1]),
    }


def points_in_force(initial: Decimal | None, adjustment_id: int | None, new_points: Decimal | None) -> Decimal | None:
    """A line's 分值 at the date the annotations were read for: the adjustment's, else the 年初 分值."""
    return initial if adjustment_id is None else new_points


def project_points_at(*, project: Project, as_of: datetime.date) -> tuple[list[Indicator], dict[int, Decimal | None],
                                                                           PointsAdjustment | None]:
    """The project's indicators in published order, each one's 分值 in force at `as_of` (by id), and the adjustment
    in force (None: the 年初 分值); two queries."""
    indicators = list(project.indicators.order_by("order").annotate(**points_in_force_annotations(as_of)))
    points = {i.pk: points_in_force(i.points, i.points_adjustment_id, i.points_in_force_new) for i in indicators}
    ids = {i.points_adjustment_id for i in indicators} - {None}
    latest = PointsAdjustment.objects.filter(pk__in=ids).order_by("-effective_date", "-decided_at", "-id").first()
    return indicators, points, latest
