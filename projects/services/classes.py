"""A person confirms the classes an import inferred (DOMAIN §2): the lines' 推断 mark is cleared, with history."""
from django.db import transaction
from simple_history.utils import bulk_update_with_history

from core.errors import DomainError
from core.roles import can_write_reports, is_admin
from projects.models import Indicator, Project

CONFIRM_REASON = "确认导入时推断的指标分类"


def may_confirm_classes(user, project: Project) -> bool:
    """An admin, or the finance staff of the project's department."""
    return is_admin(user) or can_write_reports(user, project.department_id)


@transaction.atomic
def confirm_classes(*, project: Project, user) -> int:
    """Confirms every inferred 一级/二级 of the project as it stands; returns how many lines were confirmed."""
    if not may_confirm_classes(user, project):
        raise DomainError("只有管理员或本部门的财务人员可以确认指标分类。")
    lines = list(Indicator.objects.select_for_update().filter(project=project, classes_inferred=True).order_by("order"))
    for line in lines:
        line.classes_inferred = False
    if lines:
        bulk_update_with_history(lines, Indicator, ["classes_inferred"], default_user=user,
                                 default_change_reason=CONFIRM_REASON)
    return len(lines)
