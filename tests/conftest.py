"""Named people of the tests: a finance clerk, a manager, an auditor, a clerk of another department, an admin."""
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import caches
from django.core.management import call_command

from core.roles import AUDITOR, FINANCE, MANAGER
from projects.models import Department, Membership, Project

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "targets_2026_nbfl.txt"
DEPARTMENT_NAME = "宁波市妇女联合会"


@pytest.fixture(autouse=True)
def _empty_cache():
    # Sessions keep a copy in the cache (cached_db): one test's session must not outlive its rolled-back row.
    caches["default"].clear()


@pytest.fixture(autouse=True)
def _no_login_lockouts(settings):
    # Tests log in many times; the lock-out itself is tested with AXES_ENABLED turned back on.
    settings.AXES_ENABLED = False


def make_user(username: str, *, group: str | None = None, department: Department | None = None, **extra) -> User:
    user = User.objects.create_user(username=username, password="pw-for-tests-2026", **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    if department:
        Membership.objects.create(user=user, department=department)
    return user


@pytest.fixture
def department(db) -> Department:
    return Department.objects.create(name=DEPARTMENT_NAME, code="nbfl")


@pytest.fixture
def other_department(db) -> Department:
    return Department.objects.create(name="宁波市其他局", code="other")


@pytest.fixture
def seeded(department) -> Department:
    """The published 2026 table, imported the way `make run` imports it."""
    call_command("import_targets", str(SEED), department=DEPARTMENT_NAME, year=2026, verbosity=0)
    return department


@pytest.fixture
def finance(department) -> User:
    return make_user("finance", group=FINANCE, department=department, first_name="财务甲")


@pytest.fixture
def finance2(department) -> User:
    return make_user("finance2", group=FINANCE, department=department, first_name="财务乙")


@pytest.fixture
def manager(department) -> User:
    return make_user("manager", group=MANAGER, department=department)


@pytest.fixture
def auditor(db) -> User:
    return make_user("auditor", group=AUDITOR)


@pytest.fixture
def outsider(other_department) -> User:
    """A finance clerk of another department."""
    return make_user("outsider", group=FINANCE, department=other_department)


@pytest.fixture
def admin_user(db) -> User:
    return User.objects.create_superuser("admin", password="pw-for-tests-2026")


def project(seq: int, year: int = 2026) -> Project:
    return Project.objects.get(year=year, seq=seq, department__name=DEPARTMENT_NAME)
