"""The one lock check: a project 已送审 or 已审核 refuses with DOMAIN §9's message; 填报中 and 已退回 do not."""
import pytest

from core.errors import ConflictError
from projects.choices import ReviewAction
from projects.review_lock import ensure_all_unlocked, ensure_unlocked
from projects.services.review_states import lock_state, record_transition
from tests.conftest import project


def _move(seq, action, user, reason=""):
    locked, review = lock_state(project(seq))
    return record_transition(project=locked, review=review, action=action, user=user, reason=reason)


def test_a_project_never_submitted_is_open(seeded):
    ensure_unlocked(project(1))
    ensure_unlocked(project(1).pk)


def test_a_submitted_project_refuses_with_the_year_and_state(seeded, finance):
    _move(1, ReviewAction.SUBMIT, finance)
    with pytest.raises(ConflictError) as refused:
        ensure_unlocked(project(1).pk)
    assert str(refused.value) == "该项目 2026 年自评已送审，如需修改请先退回"
    assert refused.value.status == 409
    ensure_unlocked(project(2))  # the other projects stay open


def test_an_approved_project_refuses_and_a_returned_one_is_open(seeded, finance, reviewer, admin_user):
    _move(1, ReviewAction.SUBMIT, finance)
    _move(1, ReviewAction.RETURN, reviewer, "请补充说明")
    ensure_unlocked(project(1))
    _move(1, ReviewAction.SUBMIT, finance)
    _move(1, ReviewAction.APPROVE, reviewer)
    with pytest.raises(ConflictError, match="^该项目 2026 年自评已审核，如需修改请先退回$"):
        ensure_unlocked(project(1))
    _move(1, ReviewAction.REOPEN, admin_user, "数据有误")
    ensure_unlocked(project(1))


def test_several_projects_name_each_locked_one(seeded, finance):
    _move(3, ReviewAction.SUBMIT, finance)
    with pytest.raises(ConflictError) as refused:
        ensure_all_unlocked([project(1).pk, project(3).pk])
    assert str(refused.value).startswith("项目 3「")
    assert "项目 1「" not in str(refused.value)
