"""Re-importing the published table (DOMAIN §8): in place while the year has no report, adjustments once it has."""
import datetime
from decimal import Decimal

import pytest
from django.core.management.base import CommandError

from core.errors import ConflictError
from indicators.selectors.evaluation import evaluate
from indicators.services.reports import record_indicator_report
from projects.choices import AdjustmentState
from projects.models import BudgetAdjustment, Indicator, IndicatorAdjustment, Project
from projects.services.adjustments import approve_adjustment, propose_indicator_adjustment
from tests.adjustments.conftest import target_change
from tests.conftest import SEED
from tests.importing.helpers import TARGET, Table, run_import, snapshot

TRAINEES_LINE = 12  # 项目 2 培训人数 ≥ 162 人


def history_counts() -> tuple[int, int]:
    return Project.history.count(), Indicator.history.count()


@pytest.fixture
def changed_table(tmp_path):
    """The seed with 培训人数 162 → 150."""
    path = tmp_path / "table.txt"
    path.write_text(Table().set(TRAINEES_LINE, TARGET, "150").text(), encoding="utf-8")
    return path


@pytest.fixture
def reported(trainees, finance):
    record_indicator_report(indicator=trainees, user=finance, as_of=datetime.date(2026, 8, 20), value=Decimal(155))
    return trainees


def trainees_status(as_of: datetime.date) -> tuple[Decimal, str]:
    line = next(line for p in evaluate(year=2026, as_of=as_of).projects for line in p.indicators
                if line.indicator.name == "培训人数")
    return line.target.target_value, line.status


def test_unchanged_table_writes_nothing(reported):
    before = (snapshot(), history_counts())
    assert "更新 0" in run_import(SEED)
    assert (snapshot(), history_counts()) == before
    assert not IndicatorAdjustment.objects.exists() and not BudgetAdjustment.objects.exists()


def test_changed_table_without_reports_sets_the_year_start_target_in_place(trainees, changed_table):
    run_import(changed_table)
    trainees.refresh_from_db()
    assert (trainees.target_text, trainees.target_value) == ("150", Decimal("150"))
    assert not IndicatorAdjustment.objects.exists()


def test_changed_table_after_a_report_is_refused_with_the_change_and_nothing_is_written(reported, changed_table):
    before = (snapshot(), history_counts())
    with pytest.raises(CommandError) as refused:
        run_import(changed_table)
    message = str(refused.value)
    assert "请注明调整原因（--reason），未作任何改动" in message
    assert "项目 2 指标 1「培训人数」 年度目标值：162 → 150" in message
    assert (snapshot(), history_counts()) == before
    assert not IndicatorAdjustment.objects.exists()


def test_with_a_reason_the_change_is_an_approved_adjustment_in_force_from_its_date(
    reported, changed_table, admin_user
):
    run_import(changed_table, reason="年中调整培训计划", user="admin", effective="2026-09-01")
    adjustment = IndicatorAdjustment.objects.get()
    assert (adjustment.indicator, adjustment.state, adjustment.reason, adjustment.effective_date) == (
        reported, AdjustmentState.APPROVED, "年中调整培训计划", datetime.date(2026, 9, 1))
    assert (adjustment.proposed_by, adjustment.decided_by) == (admin_user, admin_user)
    assert (adjustment.old_target_value, adjustment.new_target_value) == (Decimal("162"), Decimal("150"))
    reported.refresh_from_db()
    assert reported.target_value == Decimal("162")  # the 年初 target stays
    assert trainees_status(datetime.date(2026, 8, 31)) == (Decimal("162"), "not_met")
    assert trainees_status(datetime.date(2026, 9, 30)) == (Decimal("150"), "met")


def test_without_an_effective_date_the_adjustment_takes_effect_today(reported, changed_table, admin_user):
    run_import(changed_table, reason="年中调整培训计划", user="admin")
    assert IndicatorAdjustment.objects.get().effective_date == datetime.date(2026, 11, 25)


def test_an_import_makes_a_pending_proposal_on_the_same_line_stale(reported, changed_table, finance, admin_user):
    pending = propose_indicator_adjustment(indicator=reported, user=finance, **target_change(target_text="140"))
    run_import(changed_table, reason="年中调整培训计划", user="admin", effective="2026-08-01")
    with pytest.raises(ConflictError, match="生效日 2026-09-01 的现行值已变为 ≥ 150 人"):
        approve_adjustment(adjustment=pending, user=admin_user)
    pending.refresh_from_db()
    assert pending.state == AdjustmentState.PENDING


def test_removing_a_reported_indicator_stays_refused_even_with_a_reason(training, finance, tmp_path, admin_user):
    classes = training.indicators.get(name="培训班次")  # 项目 2's last indicator, line 16
    record_indicator_report(indicator=classes, user=finance, as_of=datetime.date(2026, 8, 20), value=Decimal(3))
    path = tmp_path / "table.txt"
    path.write_text(Table().delete(16).set(TRAINEES_LINE, TARGET, "150").text(), encoding="utf-8")
    before = (snapshot(), history_counts())
    with pytest.raises(CommandError) as refused:
        run_import(path, reason="删除指标并调整目标", user="admin")
    assert "项目 2 指标 5「培训班次」已有填报记录，不能删除" in str(refused.value)
    assert (snapshot(), history_counts()) == before
    assert not IndicatorAdjustment.objects.exists()
