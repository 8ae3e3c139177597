"""Adjusting explicit 分值 (DOMAIN §4 weighting `explicit`, §8): a whole project at a time.

A project scored by its lines' own 分值 must foot: the lines and the budget line sum to 100.00 (projects.points).
So a change of 分值 is proposed for every line of the project at once, checked to foot, and approved, rejected or
withdrawn like any other adjustment (projects.services.adjustments: same rights, one pending proposal per project,
the review lock, old values those in force on the effective date, checked again on approval).
"""
import datetime
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.errors import ConflictError, DomainError
from projects.choices import AdjustmentState
from projects.importing.profile import import_profile
from projects.in_force import project_points_at
from projects.models import PointsAdjustment, PointsAdjustmentLine, Project
from projects.points import FULL_MARKS, points_problem
from projects.review_lock import ensure_unlocked
from projects.services.adjustments import (
    _check_effective_date,
    _check_proposer,
    _check_reason,
    _refuse_second_pending,
)
from projects.written import writes_projects

CENT = Decimal("0.01")
NOT_EXPLICIT = "该项目按一级指标分配分值（各指标没有逐项分值），不能调整分值：权重请在指标的「提出调整」中调整。"


def points_field(indicator_id: int) -> str:
    """The form's (and the error's) field of one line's new 分值."""
    return f"points_{indicator_id}"


def _check_points(value, name: str, field: str) -> Decimal:
    try:
        points = None if value is None or value == "" else Decimal(str(value))
    except InvalidOperation:
        points = Decimal("NaN")
    if points is None:
        raise DomainError(f"请填写「{name}」的新分值。", field=field)
    if not points.is_finite():
        raise DomainError(f"「{name}」的分值不是数字：{value}", field=field)
    if points < 0 or points > FULL_MARKS:
        raise DomainError(f"「{name}」的分值应在 0 到 100 之间：{points}", field=field)
    if points != points.quantize(CENT):
        raise DomainError(f"「{name}」的分值最多 2 位小数：{points}", field=field)
    return points.quantize(CENT)


def explicit_points_at(*, project: Project, as_of: datetime.date):
    """The project's lines and their 分值 in force at `as_of`; refused when the project is not scored by them."""
    indicators, points, adjustment = project_points_at(project=project, as_of=as_of)
    if not indicators or any(points[i.pk] is None for i in indicators):
        raise DomainError(NOT_EXPLICIT)
    return indicators, points, adjustment


@writes_projects
def propose_points_adjustment(
    *,
    project: Project,
    user,
    points: dict[int, Decimal | str | None],
    reason: str,
    effective_date: datetime.date | None,
) -> PointsAdjustment:
    """A pending change of every line's 分值 of a project (`points`: indicator id → new 分值), refused unless
    the new 分值 foot to 100.00 with the budget line's."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    _check_proposer(user, project.department_id)
    ensure_unlocked(project)
    _check_effective_date(effective_date, project.year)
    indicators, old, _ = explicit_points_at(project=project, as_of=effective_date)
    unknown = set(points) - set(old)
    if unknown:
        raise DomainError("所填分值中有不属于本项目的指标：请刷新页面后重新填写。")
    new = {i.pk: _check_points(points.get(i.pk), i.name, points_field(i.pk)) for i in indicators}
    problem = points_problem(list(new.values()), budget_points=import_profile(project.year).budget_points)
    if problem:
        raise DomainError(f"调整后的分值不合计：{problem}。", field="points")
    if new == {i.pk: old[i.pk] for i in indicators}:
        raise DomainError("调整后的分值与调整前相同：请修改后再提交。", field="points")
    reason = _check_reason(reason)
    _refuse_second_pending(
        PointsAdjustment.objects.filter(project=project, state=AdjustmentState.PENDING)
        .select_related("proposed_by").first(),
        "项目分值",
    )
    try:
        with transaction.atomic():
            adjustment = PointsAdjustment.objects.create(
                project=project, reason=reason, effective_date=effective_date, proposed_by=user,
                proposed_at=timezone.now(),
            )
            PointsAdjustmentLine.objects.bulk_create([
                PointsAdjustmentLine(adjustment=adjustment, indicator=i, old_points=old[i.pk], new_points=new[i.pk])
                for i in indicators
            ])
    except IntegrityError:
        raise ConflictError("该项目刚刚有人提出了分值调整：请刷新页面查看。") from None
    return adjustment

