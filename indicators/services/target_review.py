"""Keeping a target-quality warning on purpose (issue #22): finance of the department writes why, once per finding;
a later reason replaces the earlier one (both stay in the ledger). Keyed by the table's numbers, so a reason written
on a draft still holds once the draft is published."""
from django.db import transaction

from core.errors import DomainError
from indicators.models import TargetFindingAcceptance
from indicators.rules.target_quality import Severity
from indicators.selectors.target_review import review_targets
from indicators.services.common import check_writer
from projects.models import Department

REASON_LIMIT = 500


def accept_finding(*, department: Department, year: int, project_seq: int, indicator_order: int | None, rule: str,
                   user, reason: str) -> TargetFindingAcceptance:
    """Records why a warning stays; refuses errors (they must be fixed), findings that no longer exist, no reason."""
    check_writer(user, department.pk)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("请写明保留该提示的理由。", field="reason")
    if len(reason) > REASON_LIMIT:
        raise DomainError(f"理由最多 {REASON_LIMIT} 字，现有 {len(reason)} 字：请精简后再保存。", field="reason")
    with transaction.atomic():
        Department.objects.select_for_update().get(pk=department.pk)
        item = review_targets(department=department, year=year).item(
            project_seq=project_seq, indicator_order=indicator_order, rule=rule)
        if item is None:
            raise DomainError("该提示已不存在（目标可能已修改）：请刷新页面。")
        if item.finding.severity is not Severity.WARNING:
            raise DomainError("「错误」须改正，不能说明理由后保留。")
        return TargetFindingAcceptance.objects.create(
            department=department, year=year, project_seq=project_seq, indicator_order=indicator_order, rule=rule,
            reason=reason, entered_by=user)
