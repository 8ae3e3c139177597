"""Reads of adjustments (DOMAIN §8) for pages and the API: every kind in one list, departments kept apart."""
from dataclasses import dataclass

from django.http import Http404

from core.ids import whole_number
from core.roles import can_see_department, visible_departments
from projects.choices import AdjustmentState
from projects.models import (
    BudgetAdjustment,
    Indicator,
    IndicatorAdjustment,
    PointsAdjustment,
    PointsAdjustmentLine,
    Project,
)
from projects.services.adjustments import describe_budget, describe_points, describe_target, project_of, user_label

INDICATOR = "indicator"
BUDGET = "budget"
POINTS = "points"
KINDS = {INDICATOR: IndicatorAdjustment, BUDGET: BudgetAdjustment, POINTS: PointsAdjustment}
KIND_LABELS = {INDICATOR: "指标目标", BUDGET: "项目预算", POINTS: "项目分值"}
PROJECT_PATH = {INDICATOR: "indicator__project", BUDGET: "project", POINTS: "project"}  # each kind's way to its project


@dataclass(frozen=True)
class AdjustmentRow:
    """One adjustment of either kind, with what a reader needs to judge it."""

    kind: str
    adjustment: IndicatorAdjustment | BudgetAdjustment | PointsAdjustment
    project: Project
    indicator: Indicator | None
    lines: tuple[PointsAdjustmentLine, ...] = ()  # a 分值 adjustment's lines in published order

    @property
    def id(self) -> int:
        return self.adjustment.pk

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.id}"

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def state(self) -> str:
        return self.adjustment.state

    @property
    def state_label(self) -> str:
        return self.adjustment.get_state_display()

    @property
    def pending(self) -> bool:
        return self.adjustment.state == AdjustmentState.PENDING

    @property
    def subject(self) -> str:
        if self.kind == POINTS:
            return f"{self.project.seq}. {self.project.name}：各指标分值"
        if self.indicator is None:
            return f"{self.project.seq}. {self.project.name}：预算"
        return f"{self.project.seq}. {self.project.name}：{self.indicator.name}"

    @property
    def old(self) -> str:
        a = self.adjustment
        if self.kind == POINTS:
            return describe_points((line.indicator.name, line.old_points) for line in self.lines)
        if self.kind == INDICATOR:
            return describe_target(a.old_operator, a.old_target_text, a.old_unit, a.old_weight)
        return describe_budget(a.old_budget, a.old_own_level, a.old_transfer)

    @property
    def new(self) -> str:
        a = self.adjustment
        if self.kind == POINTS:
            return describe_points((line.indicator.name, line.new_points) for line in self.lines)
        if self.kind == INDICATOR:
            return describe_target(a.new_operator, a.new_target_text, a.new_unit, a.new_weight)
        return describe_budget(a.new_budget, a.new_own_level, a.new_transfer)

    @property
    def proposed_by(self) -> str:
        return user_label(self.adjustment.proposed_by)

    @property
    def decided_by(self) -> str:
        return user_label(self.adjustment.decided_by) if self.adjustment.decided_by_id else ""


def _row(adjustment) -> AdjustmentRow:
    if isinstance(adjustment, IndicatorAdjustment):
        return AdjustmentRow(INDICATOR, adjustment, adjustment.indicator.project, adjustment.indicator)
    return AdjustmentRow(BUDGET, adjustment, adjustment.project, None)


def _points_rows(adjustments) -> list[AdjustmentRow]:
    """The 分值 adjustments of a queryset as rows with their lines, in one query: every such adjustment has a line
    per indicator of its project, so reading the lines with their adjustment joined reads them all."""
    lines = PointsAdjustmentLine.objects.filter(adjustment__in=adjustments).select_related(
        "adjustment__project__department", "adjustment__proposed_by", "adjustment__decided_by", "indicator"
    ).order_by("adjustment_id", "indicator__order")
    grouped: dict[int, list[PointsAdjustmentLine]] = {}
    for line in lines:
        grouped.setdefault(line.adjustment_id, []).append(line)
    return [AdjustmentRow(POINTS, rows[0].adjustment, rows[0].adjustment.project, None, tuple(rows))
            for rows in grouped.values()]


def list_adjustments(
    *,
    user,
    state: str | None = None,
    year: int | None = None,
    project_id: int | None = None,
    indicator_id: int | None = None,
    kind: str | None = None,
) -> list[AdjustmentRow]:
    """Adjustments the user may see, pending first, then newest: one query per kind."""
    departments = visible_departments(user)
    if indicator_id:
        kind = INDICATOR
    rows: list[AdjustmentRow] = []
    for shown in [name for name in KINDS if kind in (None, name)]:
        path = PROJECT_PATH[shown]
        adjustments = KINDS[shown].objects.filter(**{f"{path}__department__in": departments})
        if state:
            adjustments = adjustments.filter(state=state)
        if year:
            adjustments = adjustments.filter(**{f"{path}__year": year})
        if project_id:
            adjustments = adjustments.filter(**{f"{path}_id": project_id})
        if indicator_id:
            adjustments = adjustments.filter(indicator_id=indicator_id)
        if shown == POINTS:
            rows += _points_rows(adjustments)
        else:
            rows += [_row(a) for a in adjustments.select_related(f"{path}__department", "proposed_by", "decided_by")]
    rows.sort(key=lambda r: (r.adjustment.proposed_at, r.kind, r.id), reverse=True)
    rows.sort(key=lambda r: not r.pending)  # stable: pending first, each group newest first
    return rows


def get_adjustment_for_user(user, kind: str, pk: int | str):
    """One adjustment by kind and id: 404 when the kind is unknown or its department is not the user's to see."""
    model = KINDS.get(kind)
    if model is None or whole_number(str(pk)) is None:
        raise Http404("没有找到该调整。")
    adjustment = model.objects.select_related(PROJECT_PATH[kind]).filter(pk=pk).first()
    if adjustment is None or not can_see_department(user, project_of(adjustment).department_id):
        raise Http404("没有找到该调整。")
    return adjustment


def adjustment_row(adjustment) -> AdjustmentRow:
    """The row of an adjustment just written, read back as stored (162.0000, not the 162 that was typed)."""
    if isinstance(adjustment, PointsAdjustment):
        return _points_rows(PointsAdjustment.objects.filter(pk=adjustment.pk))[0]
    path = PROJECT_PATH[INDICATOR if isinstance(adjustment, IndicatorAdjustment) else BUDGET]
    stored = type(adjustment).objects.select_related(f"{path}__department", "proposed_by", "decided_by").get(
        pk=adjustment.pk)
    return _row(stored)
