"""Once the year has a report, a re-imported table's new targets and budgets become approved adjustments (§8)."""
import datetime
from decimal import Decimal

import pytest
from django.core.management.base import CommandError

from indicators.models import IndicatorReport
from projects.importing import ImportRefused, apply_plan, parse_table, plan_import, read_rows
from projects.models import BudgetAdjustment, Department, Indicator, IndicatorAdjustment, Project
from tests.conftest import SEED
from tests.importing.helpers import NAME, TARGET, run_import, snapshot

pytestmark = pytest.mark.django_db


def indicator(seq: int, order: int) -> Indicator:
    return Indicator.objects.get(project__seq=seq, order=order)


@pytest.fixture
def reported(finance):
    run_import(SEED)
    IndicatorReport.objects.create(
        indicator=indicator(1, 1), value=Decimal("3"), as_of=datetime.date(2026, 6, 30), entered_by=finance
    )


@pytest.fixture
def changed(table, write):
    return write(table.set(13, TARGET, "98").set_budget(12, "30.00").text())


def test_changed_targets_and_budgets_without_a_reason_are_refused_with_the_list(reported, changed):
    rows = snapshot()
    with pytest.raises(CommandError) as refused:
        run_import(changed)
    assert str(refused.value).splitlines()[1:] == [
        "  本年度已有填报记录，以下变更须作为调整记录导入：请注明调整原因（--reason），未作任何改动。",
        "  项目 2「培训费」 预算金额：26.33 → 30.00",
        "  项目 2「培训费」 本级支出：26.33 → 30.00",
        "  项目 2 指标 2「培训计划按期完成度」 年度目标值：95 → 98",
    ]
    assert snapshot() == rows
    assert not IndicatorAdjustment.objects.exists() and not BudgetAdjustment.objects.exists()


def test_with_a_reason_they_become_approved_adjustments_and_the_year_start_values_stay(reported, changed, finance):
    out = run_import(changed, reason="年中预算调整", user="finance", effective="2026-07-01")
    assert "其中 2 项作为已批准的调整记录" in out
    target = IndicatorAdjustment.objects.get()
    assert (target.indicator, target.state, target.reason, target.effective_date) == (
        indicator(2, 2), "approved", "年中预算调整", datetime.date(2026, 7, 1)
    )
    assert (target.old_operator, target.old_target_text, target.old_target_value, target.old_unit) == (
        "≥", "95", Decimal("95"), "%"
    )
    assert (target.new_operator, target.new_target_text, target.new_target_value, target.new_unit) == (
        "≥", "98", Decimal("98"), "%"
    )
    assert (target.proposed_by, target.decided_by) == (finance, finance)
    assert target.proposed_at is not None and target.decided_at is not None
    budget = BudgetAdjustment.objects.get()
    assert (budget.project.seq, budget.old_budget, budget.new_budget, budget.new_own_level, budget.new_transfer) == (
        2, Decimal("26.33"), Decimal("30.00"), Decimal("30.00"), Decimal("0.00")
    )
    assert indicator(2, 2).target_text == "95"  # the 年初 target is kept
    assert Project.objects.get(seq=2).budget == Decimal("26.33")


def test_re_importing_the_adjusted_table_adjusts_nothing_twice(reported, changed):
    run_import(changed, reason="年中预算调整", user="finance")
    out = run_import(changed)
    assert "更新 0" in out
    assert IndicatorAdjustment.objects.count() == 1 and BudgetAdjustment.objects.count() == 1


def test_text_changes_are_applied_in_place_without_a_reason(reported, table, write):
    out = run_import(write(table.set(12, NAME, "培训费（更名）").text()))
    assert "更新 1（项目 1 个、指标 0 个）" in out
    assert Project.objects.get(seq=2).name == "培训费（更名）"
    assert not BudgetAdjustment.objects.exists()


def test_a_reason_without_a_user_is_refused(reported, changed):
    with pytest.raises(CommandError) as refused:
        run_import(changed, reason="年中预算调整")
    assert "调整须注明操作人（--user）" in str(refused.value)
    assert not IndicatorAdjustment.objects.exists()


def test_an_unknown_user_or_a_bad_effective_date_is_refused(reported, changed):
    with pytest.raises(CommandError, match="没有用户「nobody」"):
        run_import(changed, reason="调整", user="nobody")
    with pytest.raises(CommandError, match="生效日期应在预算年度 2026 年内"):
        run_import(changed, reason="调整", user="finance", effective="2025-12-31")
    with pytest.raises(CommandError, match="生效日期格式应为 YYYY-MM-DD"):
        run_import(changed, reason="调整", user="finance", effective="7月1日")


def test_the_service_plans_first_and_refuses_to_apply_adjustments_without_a_reason(reported, table):
    rows = read_rows(table.set(13, TARGET, "98").text().encode(), filename="table.txt")
    plan = plan_import(parse_table(rows), department=Department.objects.get(), year=2026)
    assert plan.has_reports
    assert [line.what for line in plan.adjustments] == ["项目 2 指标 2「培训计划按期完成度」"]
    with pytest.raises(ImportRefused) as refused:
        apply_plan(plan)
    assert refused.value.status == 409
    assert refused.value.changes == ["项目 2 指标 2「培训计划按期完成度」 年度目标值：95 → 98"]
    assert not IndicatorAdjustment.objects.exists()
