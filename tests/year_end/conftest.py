"""Year-end tests: the seeded 2026 table with the scenario's reports in, at year end (Beijing time)."""
import pytest
import time_machine

from tests.conftest import YEAR_END, built_once_per_module, import_year_end_reports, person, project


@pytest.fixture(autouse=True)
def year_end():
    with time_machine.travel(YEAR_END, tick=False):
        yield YEAR_END.date()


@pytest.fixture
@built_once_per_module(import_year_end_reports)
def scenario(seeded, finance, built):
    """The seed with the scenario's reports (projects 1, 3 and 7), imported by `finance` as `make run` would."""
    built(import_year_end_reports)
    return seeded


def line(seq: int, order: int):
    return project(seq).indicators.get(order=order)


@pytest.fixture
def reviewer(department):
    """The department's 审核人员: records 偏离度 deductions."""
    from core.roles import REVIEWER

    return person("reviewer", group=REVIEWER, department=department, first_name="审核丙")


@pytest.fixture(scope="module")
def seed_moment():
    """The clock of this folder's tests: a seeded table imported once for a module is dated as theirs are."""
    return YEAR_END
