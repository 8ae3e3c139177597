"""Stored results (issue #21): after every kind of write the project's stored row is what a fresh evaluation gives,
written inside the writing transaction (the tests' transaction never commits, so no after-commit hook could do it)."""
import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from core.errors import ConflictError

from indicators.models import ProjectResult
from indicators.selectors.evaluation import evaluate_project
from indicators.services.entry import IndicatorEntry, save_project_entries
from indicators.services.monitoring import record_monitoring_note
from indicators.services.reports import record_expenditure, record_indicator_report
from indicators.services.results import check_results
from indicators.services.year_end import record_deduction
from projects.services.adjustments import approve_adjustment, propose_budget_adjustment
from projects.services.published import save_indicator
from tests.conftest import project
from tests.year_end.conftest import line

DEC_20 = datetime.date(2026, 12, 20)


def stored(seq: int) -> ProjectResult:
    return ProjectResult.objects.get(project=project(seq))


def assert_in_step() -> None:
    """Every project's stored row equals the evaluation rebuilt from the ledger now (0 differences)."""
    assert check_results(year=2026) == []


def test_the_published_tables_import_stores_every_projects_result(seeded):
    assert ProjectResult.objects.filter(project__year=2026).count() == 15
    assert stored(1).total == Decimal("0.00") and stored(1).no_data == 5 and stored(1).valid_from is None
    assert_in_step()


def test_the_reports_import_stores_the_scored_projects(scenario):
    # Project 1 as of the year end (tests/year_end): 9 + 16.67 + 10 + 30 + 15.79 + 16.67 = 98.12.
    assert (stored(1).total, stored(1).grade, stored(1).spent) == (Decimal("98.12"), "优", Decimal("4.14"))
    assert_in_step()


def test_a_report_and_its_correction_are_stored(scenario, finance):
    indicator = line(2, 1)
    first = record_indicator_report(indicator=indicator, user=finance, as_of=DEC_20, value=Decimal("1"))
    assert stored(2).met + stored(2).not_met == 1 and stored(2).valid_from == DEC_20
    assert_in_step()
    record_indicator_report(indicator=indicator, user=finance, as_of=DEC_20, value=Decimal("100000"),
                            corrects=first, reason="多录了零")
    assert stored(2).total == evaluate_project(project=project(2), as_of=DEC_20).total
    assert_in_step()


def test_an_expenditure_is_stored(scenario, finance):
    record_expenditure(project=project(2), user=finance, as_of=DEC_20, amount=Decimal("10.00"))
    assert stored(2).spent == Decimal("10.00")
    assert_in_step()


def test_the_entry_pages_save_is_stored(scenario, finance):
    entries = [IndicatorEntry(indicator=line(4, 1), value=Decimal("3"))]
    save_project_entries(project=project(4), user=finance, as_of=DEC_20, entries=entries)
    assert stored(4).valid_from == DEC_20
    assert_in_step()


def test_a_monitoring_note_with_a_reason_is_stored(scenario, finance):
    assert stored(2).budget_reason is False
    record_monitoring_note(project=project(2), indicator=None, user=finance, as_of=DEC_20, forecast=None,
                           reasons=("funding",))
    assert stored(2).budget_reason is True
    assert_in_step()


def test_an_approved_budget_adjustment_is_stored(scenario, finance, admin_user):
    proposal = propose_budget_adjustment(project=project(1), user=finance, budget=Decimal("20.00"),
                                         own_level=Decimal("20.00"), transfer=Decimal("0.00"),
                                         reason="年中预算调减", effective_date=datetime.date(2026, 9, 1))
    assert stored(1).budget != Decimal("20.00")  # proposed is not in force
    approve_adjustment(adjustment=proposal, user=admin_user)
    assert stored(1).budget == Decimal("20.00")
    assert_in_step()


def test_a_deduction_is_stored(scenario, admin_user):
    record_deduction(indicator=line(1, 1), user=admin_user, points=Decimal("5.00"), reason="年初目标偏低")
    assert stored(1).total == Decimal("93.12")
    assert_in_step()


def test_an_admin_edit_of_a_target_before_any_report_is_stored(seeded):
    indicator = line(2, 1)
    row = ProjectResult.objects.get(project=indicator.project)
    # 培训人数, 完成度 and 培训班次 are 累计: their progress is kept (0, nothing reported), their level is the date's;
    # the 定性 line and 满意度 (时点) have no data: counted at level none.
    assert [(Decimal(progress), reason) for progress, reason in row.cumulative] == [(0, False)] * 3
    assert (row.fixed_green, row.fixed_yellow, row.fixed_red, row.fixed_none, row.fixed_needs) == (0, 0, 0, 2, 0)
    indicator.target_value, indicator.target_text = Decimal("1"), "1"
    save_indicator(indicator=indicator)
    assert_in_step()


def test_a_write_refused_by_the_lock_leaves_the_stored_row_as_it_was(scenario, finance):
    from tests.bureau.helpers import submit

    before = stored(1).computed_at
    submit(project(1), finance)
    with pytest.raises(ConflictError):
        record_expenditure(project=project(1), user=finance, as_of=DEC_20, amount=Decimal("1.00"))
    assert stored(1).computed_at == before
    assert_in_step()


def test_check_results_finds_a_tampered_row_and_fix_repairs_it(scenario):
    ProjectResult.objects.filter(project=project(1)).update(total=Decimal("12.34"), met=0)
    out = StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("check_results", year=2026, stdout=out)
    assert "1 个项目共 2 处差异" in str(failed.value)
    assert "「total」：存储 Decimal('12.34')，重算 Decimal('98.12')" in out.getvalue()
    with pytest.raises(CommandError):  # it found them, then repaired them
        call_command("check_results", year=2026, fix=True, stdout=StringIO())
    call_command("check_results", year=2026, stdout=out)  # repaired: no error
    assert "0 处差异" in out.getvalue()
    assert stored(1).total == Decimal("98.12")


def test_check_results_names_a_missing_row(scenario):
    ProjectResult.objects.filter(project=project(3)).delete()
    differences = check_results(year=2026)
    assert [(d.project_id, d.field) for d in differences] == [(project(3).pk, "（整行）")]
