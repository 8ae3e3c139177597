"""The one write path of 送审 → 审核/退回 → 撤销审核 (DOMAIN §7, §9): who may, what must be complete, one ledger row.

Each call locks the project (the lock every write checks, projects/review_lock.py), re-reads what is missing under
that lock, and appends the state change with projects/services/review_states.py, all in one transaction.
Refusals: PermissionDenied (403) for the wrong person, NotReady (400) with every missing item, ConflictError (409)
for a state that does not allow the change.
"""
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction

from core.errors import DomainError
from core.roles import can_write_reports, is_admin, is_reviewer, member_department_ids
from indicators.selectors.review import MissingItem, ProjectReviewRow, project_review, review_rows
from projects.choices import ReviewAction
from projects.models import Department, Project, ReviewEvent
from projects.services.review_states import lock_state, record_transition

SUBMIT_ONLY = "只有本部门的财务人员可以送审。"
REVIEW_ONLY = "只有本部门的审核人员可以审核或退回。"
OWN_WORK = "送审人不能审核自己送审的自评（DOMAIN：不得自审）：请由本部门的其他审核人员审核。"
REOPEN_ONLY = "只有管理员可以撤销审核。"


class NotReady(DomainError):
    """送审 refused: `missing` lists every item, each with the page where it is done."""

    def __init__(self, project: Project, missing: list[MissingItem]):
        self.missing = missing
        super().__init__({
            "": [f"项目 {project.seq}「{project.name}」尚有 {len(missing)} 项未完成，不能送审：请先完成以下各项。"],
            "missing": [item.message for item in missing],
        })


def may_review(user, department_id: int) -> bool:
    return is_reviewer(user) and department_id in member_department_ids(user)


@transaction.atomic
def submit(*, project: Project | int, user) -> ReviewEvent:
    """送审 by finance of the department; refused while anything is missing (NotReady lists it all)."""
    locked, review = lock_state(project)
    if not can_write_reports(user, locked.department_id):
        raise PermissionDenied(SUBMIT_ONLY)
    row = project_review(locked)  # read under the lock: no write can slip in between
    if row.missing and not row.locked:
        raise NotReady(locked, row.missing)
    return record_transition(project=locked, review=review, action=ReviewAction.SUBMIT, user=user)


@transaction.atomic
def approve(*, project: Project | int, user) -> ReviewEvent:
    """审核通过 by a reviewer of the department who did not submit it: the figures are final."""
    locked, review = lock_state(project)
    if not may_review(user, locked.department_id):
        raise PermissionDenied(REVIEW_ONLY)
    if review is not None and review.submitted_by_id == user.pk:
        raise PermissionDenied(OWN_WORK)
    return record_transition(project=locked, review=review, action=ReviewAction.APPROVE, user=user)


@transaction.atomic
def return_for_changes(*, project: Project | int, user, reason: str) -> ReviewEvent:
    """退回 by a reviewer of the department, with a reason: finance may change the project again."""
    locked, review = lock_state(project)
    if not may_review(user, locked.department_id):
        raise PermissionDenied(REVIEW_ONLY)
    if review is not None and review.submitted_by_id == user.pk:
        raise PermissionDenied(OWN_WORK)
    return record_transition(project=locked, review=review, action=ReviewAction.RETURN, user=user, reason=reason)


@transaction.atomic
def reopen(*, project: Project | int, user, reason: str) -> ReviewEvent:
    """撤销审核 by an admin, with a reason: the project is 填报中 again."""
    locked, review = lock_state(project)
    if not is_admin(user):
        raise PermissionDenied(REOPEN_ONLY)
    return record_transition(project=locked, review=review, action=ReviewAction.REOPEN, user=user, reason=reason)


@dataclass
class DepartmentSubmission:
    submitted: list[Project]
    not_ready: list[ProjectReviewRow]  # 填报中 or 已退回 with something missing: the page says what
    already: list[ProjectReviewRow]  # 已送审 or 已审核: nothing to do


def submit_department(*, department: Department, year: int, user) -> DepartmentSubmission:
    """送审 of every project of the department-year that is ready; the others are listed with what they lack.

    Each project is its own transaction (and is checked again under its lock), so one that someone changes
    meanwhile does not hold the others back.
    """
    if not can_write_reports(user, department.pk):
        raise PermissionDenied(SUBMIT_ONLY)
    rows = review_rows(year=year, departments=Department.objects.filter(pk=department.pk))
    result = DepartmentSubmission([], [], [row for row in rows if row.locked])
    for row in rows:
        if row.locked:
            continue
        if not row.ready:
            result.not_ready.append(row)
            continue
        try:
            submit(project=row.project, user=user)
        except NotReady as refused:
            row.missing = refused.missing
            result.not_ready.append(row)
        else:
            result.submitted.append(row.project)
    return result
