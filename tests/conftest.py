"""Named people of the tests: a finance clerk, a manager, an auditor, a clerk of another department, an admin."""
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from openpyxl.worksheet.merge import MergedCellRange
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction

from core.roles import AUDITOR, BUREAU, FINANCE, MANAGER, REVIEWER
from projects.models import Department, Membership, Project
from projects.written import project_writes

# Reading a workbook back, openpyxl copies the borders of each merged range onto every cell it covers: two thirds of
# a load of our 21-sheet workbook (535 ranges), which the suite reads back dozens of times. No test reads those
# borders (the merges themselves, the values and the top-left cells' styles are read as before).
MergedCellRange.format = lambda self: None

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "targets_2026_nbfl.txt"
DEPARTMENT_NAME = "宁波市妇女联合会"
# The year-end scenario: its reports (projects 1, 3 and 7) imported by `finance` on 20 December 2026, Beijing time.
YEAR_END_REPORTS = Path(__file__).resolve().parent / "scenarios" / "reports_2026.csv"
YEAR_END = datetime(2026, 12, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


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


def person(username: str, *, group: str | None = None, department: Department | None = None, **extra) -> User:
    """The user of that name where the module's data already has one (built once for the module, see
    `built_once_per_module`), else a new one made by `make_user`."""
    found = User.objects.filter(username=username).first()
    return found or make_user(username, group=group, department=department, **extra)


def _seed() -> Department:
    department = Department.objects.create(name=DEPARTMENT_NAME, code="nbfl")
    call_command("import_targets", str(SEED), department=DEPARTMENT_NAME, year=2026, verbosity=0)
    return department


# The 2026 table once per test module instead of once per test (issue #18: the import was a quarter of the suite's
# time), where that changes nothing a test can see: in a module whose every test uses `seeded` and runs in a
# transaction, the table is imported in a transaction around the module, every test runs in a savepoint inside it
# (rolled back after the test, as before) and the module's transaction is rolled back after its last test. The
# import runs at the moment the module's tests are frozen at (`seed_moment`), so its history rows are dated as they
# were; a module that moves the clock itself, or under a conftest that does without saying when, keeps the import
# per test. Django's own TestCase.setUpTestData works the same way.
#
# The data fixtures built on the table (the folders' `scenario`s) go the same way: one marked with
# `built_once_per_module(build)` is built by `build()` once, right after the import, where every test of such a
# module uses it; elsewhere its fixture calls `build()` for each test, as before. `build` takes no fixture: it finds
# its people with `person` and freezes the clock the fixture's tests are frozen at.
SEED_ONCE_MODULES = pytest.StashKey[set]()
MODULE_BUILDS = pytest.StashKey[dict]()


def _build(build: Callable[[], object]) -> None:
    # A scenario's writes as one write: each project's stored result is refreshed once, at the end, instead of after
    # each of its rows (a third of building a scenario); what is stored in the end is the same.
    with project_writes():
        build()


def built_once_per_module(build: Callable[[], object]):
    """Marks a fixture whose data `build()` writes: see `built`."""
    def mark(fixture_function):
        fixture_function.module_build = build
        return fixture_function
    return mark


@dataclass(frozen=True)
class ModuleData:
    """What was built once for a module, before its first test: the seeded department and the builds that ran."""
    department_pk: int
    builds: tuple[Callable[[], object], ...]


def _moves_the_clock_unsaid(module: Path) -> bool:
    text = module.read_text(encoding="utf-8")
    if "time_machine" in text:
        # A module that moves the clock in its tests, after the table is in, says so with a seed_moment of its own.
        return "def seed_moment" not in text
    for folder in module.parents:
        conftest = folder / "conftest.py"
        if folder == Path(__file__).parent:
            break
        if conftest.exists():
            text = conftest.read_text(encoding="utf-8")
            if "time_machine" in text and "def seed_moment" not in text:
                return True
    return False


def _builds_every_test_uses(tests) -> tuple[Callable[[], object], ...]:
    """The marked fixtures every test of the module uses, in the order the first test sets them up (dependencies
    first), each the same fixture for every test."""
    builds = []
    for name in tests[0].fixturenames:
        funcs = {t._fixtureinfo.name2fixturedefs[name][-1].func if name in t._fixtureinfo.name2fixturedefs else None
                 for t in tests}
        if len(funcs) == 1 and (build := getattr(funcs.pop(), "module_build", None)) is not None:
            builds.append(build)
    return tuple(builds)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    by_module: dict[Path, list] = {}
    for item in items:
        by_module.setdefault(Path(str(item.fspath)), []).append(item)
    config.stash[SEED_ONCE_MODULES] = {
        module for module, tests in by_module.items()
        if all("seeded" in t.fixturenames and "transactional_db" not in t.fixturenames
               and "live_server" not in t.fixturenames
               and not (t.get_closest_marker("django_db") and t.get_closest_marker("django_db").kwargs.get("transaction"))
               for t in tests)
        and not _moves_the_clock_unsaid(module)
    }
    config.stash[MODULE_BUILDS] = {
        module: _builds_every_test_uses(by_module[module]) for module in config.stash[SEED_ONCE_MODULES]
    }


@pytest.fixture(scope="module")
def seed_moment():
    """When the seeded table is imported for a whole module: now, unless the folder's conftest freezes the clock."""
    return None


@pytest.fixture(scope="module", autouse=True)
def _seeded_once(request, seed_moment):
    module = Path(str(request.node.fspath))
    if module not in request.config.stash.get(SEED_ONCE_MODULES, set()):
        yield None
        return
    request.getfixturevalue("django_db_setup")
    blocker = request.getfixturevalue("django_db_blocker")
    builds = request.config.stash[MODULE_BUILDS][module]
    around = transaction.atomic()
    with blocker.unblock():
        around.__enter__()
    try:
        with blocker.unblock(), time_machine.travel(seed_moment, tick=False) if seed_moment else nullcontext():
            pk = _seed().pk
            for build in builds:
                _build(build)
        yield ModuleData(department_pk=pk, builds=builds)
    finally:
        with blocker.unblock():
            transaction.set_rollback(True)
            around.__exit__(None, None, None)


@pytest.fixture
def built(_seeded_once) -> Callable[[Callable[[], object]], None]:
    """`built(build)` in a fixture marked `built_once_per_module(build)`: builds its data for this test, unless the
    module built it once before its first test."""
    def build_unless_built(build: Callable[[], object]) -> None:
        if _seeded_once is None or build not in _seeded_once.builds:
            _build(build)
    return build_unless_built


@pytest.fixture
def department(db, _seeded_once) -> Department:
    if _seeded_once is not None:
        return Department.objects.get(pk=_seeded_once.department_pk)
    return Department.objects.create(name=DEPARTMENT_NAME, code="nbfl")


@pytest.fixture
def other_department(db) -> Department:
    return Department.objects.create(name="宁波市其他局", code="other")


@pytest.fixture
def seeded(department, _seeded_once) -> Department:
    """The published 2026 table, imported the way `make run` imports it."""
    if _seeded_once is None:
        call_command("import_targets", str(SEED), department=DEPARTMENT_NAME, year=2026, verbosity=0)
    return department


# The named people, each made once: a module's data built once may have made them already (`person`).
def the_finance(department: Department) -> User:
    return person("finance", group=FINANCE, department=department, first_name="财务甲")


def the_finance2(department: Department) -> User:
    return person("finance2", group=FINANCE, department=department, first_name="财务乙")


def the_admin() -> User:
    return User.objects.filter(username="admin").first() or User.objects.create_superuser(
        "admin", password="pw-for-tests-2026")


def the_department() -> Department:
    """The seeded department, for a build that takes no fixture."""
    return Department.objects.get(name=DEPARTMENT_NAME)


def import_year_end_reports() -> None:
    """The year-end scenario's reports (projects 1, 3 and 7), imported by `finance` as `make run` would: the build
    of the review and year-end folders' `scenario` (see `built_once_per_module`)."""
    the_finance(the_department())
    with time_machine.travel(YEAR_END, tick=False):
        call_command("import_reports", str(YEAR_END_REPORTS), department=DEPARTMENT_NAME, year=2026, user="finance",
                     stdout=StringIO())


@pytest.fixture
def finance(department) -> User:
    return the_finance(department)


@pytest.fixture
def finance2(department) -> User:
    return the_finance2(department)


@pytest.fixture
def manager(department) -> User:
    return person("manager", group=MANAGER, department=department)


@pytest.fixture
def auditor(db) -> User:
    return person("auditor", group=AUDITOR)


@pytest.fixture
def outsider(other_department) -> User:
    """A finance clerk of another department."""
    return person("outsider", group=FINANCE, department=other_department)


@pytest.fixture
def reviewer(department) -> User:
    return person("reviewer", group=REVIEWER, department=department)


@pytest.fixture
def czj(db) -> User:
    """The city's finance bureau (财政人员)."""
    return person("czj", group=BUREAU)


@pytest.fixture
def admin_user(db) -> User:
    return the_admin()


def project(seq: int, year: int = 2026) -> Project:
    return Project.objects.get(year=year, seq=seq, department__name=DEPARTMENT_NAME)
