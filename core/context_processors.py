from functools import partial

from core.roles import is_admin, is_finance, is_reviewer, role_label, sees_bureau_view


def waiting_for(user) -> int:
    """What waits for the user (DOMAIN §9): 已送审 projects of their departments that they did not submit, for a
    reviewer; 已退回 projects of their departments, for finance; pending adjustments, for an admin.

    One query whatever the roles (the parts are counted as one UNION ALL), none for a role with nothing to wait for.
    """
    from projects.choices import AdjustmentState, ReviewState
    from projects.models import BudgetAdjustment, IndicatorAdjustment, PointsAdjustment, ProjectReview

    mine = ProjectReview.objects.filter(project__department__memberships__user=user)
    parts = []
    if is_reviewer(user):
        parts.append(mine.filter(state=ReviewState.SUBMITTED).exclude(submitted_by=user).values_list("pk"))
    if is_finance(user):
        parts.append(mine.filter(state=ReviewState.RETURNED).values_list("pk"))
    if is_admin(user):
        parts.append(IndicatorAdjustment.objects.filter(state=AdjustmentState.PENDING).values_list("pk"))
        parts.append(BudgetAdjustment.objects.filter(state=AdjustmentState.PENDING).values_list("pk"))
        parts.append(PointsAdjustment.objects.filter(state=AdjustmentState.PENDING).values_list("pk"))
    if not parts:
        return 0
    parts = [part.order_by() for part in parts]  # a compound query takes no ORDER BY in its parts
    return parts[0].union(*parts[1:], all=True).count() if len(parts) > 1 else parts[0].count()


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav_role": role_label(user), "nav_is_finance": is_finance(user), "nav_is_admin": is_admin(user),
            "nav_bureau": sees_bureau_view(user),
            # A callable: the template counts it only when it renders the navigation (the API never does).
            "nav_waiting": partial(waiting_for, user)}
