"""Re-importing the 2026 table after a report neither deletes nor adds projects or indicators in place (DOMAIN §8).

A project that left the table is closed by an approved adjustment of its budget to 0, with the import's reason;
its row and history stay.
"""
import datetime
from decimal import Decimal

import pytest
from django.core.management.base import CommandError

from indicators.models import ProjectResult
from indicators.selectors.evaluation import evaluate
from indicators.services.reports import record_indicator_report
from indicators.services.results import check_results
from projects.choices import ReviewAction
from projects.importing.service import LOCKED_REFUSAL
from projects.models import BudgetAdjustment, Project
from projects.services.review_states import lock_state, record_transition
from tests.conftest import SEED, project
from tests.importing.helpers import Table, counts, indicator_row, run_import, snapshot

pytestmark = pytest.mark.django_db
YEAR_END = datetime.date(2026, 12, 31)


def total(as_of: datetime.date = YEAR_END) -> Decimal:
    return evaluate(year=2026, as_of=as_of).totals.budget


@pytest.fixture
def reported(finance):
    run_import(SEED)
    trainees = project(2).indicators.get(name="培训人数")
    record_indicator_report(indicator=trainees, user=finance, as_of=datetime.date(2026, 8, 20), value=Decimal(155))


@pytest.fixture
def without_project_15(tmp_path):
    table = Table()
    for line in range(91, 86, -1):
        table.delete(line)  # 项目 15, 市妇联新媒体运行经费 (19.00 万元), and its five indicators
    path = tmp_path / "table.txt"
    path.write_text(table.retotal().text(), encoding="utf-8")
    return path


def test_a_project_missing_after_reports_is_refused_without_a_reason(reported, without_project_15):
    rows = snapshot()
    with pytest.raises(CommandError) as refused:
        run_import(without_project_15)
    assert str(refused.value).splitlines()[1:] == [
        "  本年度已有填报记录，以下变更须作为调整记录导入：请注明调整原因（--reason），未作任何改动。",
        "  项目 15「市妇联新媒体运行经费」 预算金额：19.00 → 0.00",
        "  项目 15「市妇联新媒体运行经费」 本级支出：19.00 → 0.00",
    ]
    assert (snapshot(), counts(), total()) == (rows, (1, 15, 85), Decimal("1386.30"))


def test_with_a_reason_it_is_closed_by_an_adjustment_never_deleted(reported, without_project_15, finance):
    out = run_import(without_project_15, reason="项目取消", user="finance", effective="2026-09-01")
    assert "撤销项目 1 个（已不在表中：预算调整为 0，记录保留）" in out
    assert counts() == (1, 15, 85)
    closing = BudgetAdjustment.objects.get()
    assert (closing.project, closing.old_budget, closing.new_budget, closing.state, closing.reason) == (
        project(15), Decimal("19.00"), Decimal("0.00"), "approved", "项目撤销（已不在汇总表中）：项目取消"
    )
    assert (total(datetime.date(2026, 8, 31)), total()) == (Decimal("1386.30"), Decimal("1367.30"))
    assert project(15).budget == Decimal("19.00")  # the 年初 value stays


def test_importing_the_same_table_again_closes_nothing_twice(reported, without_project_15):
    run_import(without_project_15, reason="项目取消", user="finance")
    out = run_import(without_project_15)
    assert "撤销项目" not in out
    assert BudgetAdjustment.objects.count() == 1


def test_an_indicator_missing_after_reports_is_refused_even_with_a_reason(reported, tmp_path):
    path = tmp_path / "table.txt"
    path.write_text(Table().delete(16).text(), encoding="utf-8")  # 项目 2's 培训班次
    with pytest.raises(CommandError) as refused:
        run_import(path, reason="删除指标", user="finance")
    assert "项目 2 指标 5「培训班次」：2026 年本部门已有填报记录，指标不能删除" in str(refused.value)
    assert counts() == (1, 15, 85)


def test_an_indicator_or_project_added_after_reports_is_refused(reported, tmp_path):
    table = Table().insert(92, indicator_row("新增指标", "≥", "3", "次"))
    table.insert(93, ["16", "新项目", "概况", "0.00", "0.00", "0.00", "目标", "新项目指标", "=", "1", "个", ""])
    path = tmp_path / "table.txt"
    path.write_text(table.retotal().text(), encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        run_import(path, reason="新增", user="finance")
    assert "项目 15 指标 6「新增指标」：2026 年本部门已有填报记录，不能再新增指标" in str(refused.value)
    assert "项目 16「新项目」：2026 年本部门已有填报记录，不能再新增项目" in str(refused.value)
    assert counts() == (1, 15, 85)
    assert not Project.objects.filter(seq=16).exists()


def test_closing_keeps_the_projects_stored_result_in_step(reported, without_project_15):
    run_import(without_project_15, reason="项目取消", user="finance", effective="2026-09-01")
    assert ProjectResult.objects.get(project=project(15)).budget == Decimal("0.00")
    assert check_results(year=2026) == []


def test_a_submitted_project_is_not_closed_and_the_dry_run_says_so_first(reported, without_project_15, finance):
    locked, review = lock_state(project(15))
    record_transition(project=locked, review=review, action=ReviewAction.SUBMIT, user=finance)
    submitted = "项目 15「市妇联新媒体运行经费」：该项目 2026 年自评已送审，如需修改请先退回"
    with pytest.raises(CommandError) as dry_run:
        run_import(without_project_15, reason="项目取消", user="finance", dry_run=True)
    assert str(dry_run.value).splitlines()[1:] == [f"  {LOCKED_REFUSAL}", f"  {submitted}"]
    with pytest.raises(CommandError) as refused:
        run_import(without_project_15, reason="项目取消", user="finance")
    assert str(refused.value).splitlines()[1:] == [f"  {submitted}"]
    assert BudgetAdjustment.objects.count() == 0 and total() == Decimal("1386.30")
