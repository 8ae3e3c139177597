"""Importing again: the same table changes nothing; a changed table is applied in place, never losing records."""
import datetime
from decimal import Decimal

import pytest
from django.core.management.base import CommandError

from indicators.models import ExpenditureReport, IndicatorReport
from projects.models import Indicator, Project
from tests.conftest import SEED
from tests.importing.helpers import (
    IND_NAME,
    NAME,
    OPERATOR,
    TARGET,
    UNIT,
    counts,
    indicator_row,
    run_import,
    snapshot,
)

pytestmark = pytest.mark.django_db


def ids() -> list[int]:
    return list(Project.objects.values_list("id", flat=True)) + list(Indicator.objects.values_list("id", flat=True))


def indicator(seq: int, order: int) -> Indicator:
    return Indicator.objects.get(project__seq=seq, order=order)


def test_importing_the_same_table_again_changes_nothing():
    run_import(SEED)
    before, rows = ids(), snapshot()
    out = run_import(SEED)
    assert out.strip() == "宁波市妇女联合会 2026 年：新建项目 0 个、指标 0 个；更新 0；未变 100（项目 15 个、指标 85 个）。"
    assert (ids(), snapshot(), counts()) == (before, rows, (1, 15, 85))


def test_an_unchanged_re_import_reads_in_a_fixed_number_of_queries(department, django_assert_max_num_queries):
    run_import(SEED)
    # the year's framework (its rule profile), department, projects, indicators, any indicator report, any
    # expenditure; 4 savepoint statements; the review lock of the touched projects; the keys' check (projects and
    # their lines, nothing to give).
    with django_assert_max_num_queries(14):
        run_import(SEED)


def test_a_changed_table_updates_projects_and_indicators_in_place(table, write):
    run_import(SEED)
    before = ids()
    table.set_budget(12, "30.00").set(12, NAME, "培训费（调整）").set(13, TARGET, "98")
    out = run_import(write(table.text()))
    assert out.strip() == (
        "宁波市妇女联合会 2026 年：新建项目 0 个、指标 0 个；更新 2（项目 1 个、指标 1 个）；未变 98（项目 14 个、指标 84 个）。"
    )
    assert ids() == before
    project = Project.objects.get(seq=2)
    assert (project.name, project.budget, project.own_level) == ("培训费（调整）", Decimal("30.00"), Decimal("30.00"))
    changed = indicator(2, 2)
    assert (changed.target_text, changed.target_value) == ("98", Decimal("98"))
    assert changed.history.first().history_change_reason == "导入项目绩效目标汇总表"


def test_new_projects_and_indicators_are_created(table, write):
    run_import(SEED)
    table.insert(92, indicator_row("新增指标", "≥", "3", "次"))
    table.insert(93, ["16", "新项目", "概况", "0.00", "0.00", "0.00", "目标", "新项目指标", "=", "1", "个", ""])
    table.retotal()  # the closing sentence now counts 16 projects
    out = run_import(write(table.text()))
    assert "新建项目 1 个、指标 2 个" in out
    added = indicator(15, 6)
    assert (added.name, added.operator, added.level2) == ("新增指标", "≥", "数量指标")
    assert Project.objects.get(seq=16).indicators.get().name == "新项目指标"


def test_an_indicator_without_reports_that_left_the_table_is_deleted(table, write):
    run_import(SEED)
    kept = [table.cell(line, IND_NAME) for line in range(12, 16)]
    out = run_import(write(table.delete(16).text()))  # 项目 2's last indicator, 培训班次
    assert "删除指标 1 个（已不在表中）" in out
    assert list(Project.objects.get(seq=2).indicators.values_list("name", flat=True)) == kept


def test_removing_an_indicator_that_has_a_report_is_refused(table, write, finance):
    run_import(SEED)
    reported = indicator(2, 5)
    IndicatorReport.objects.create(
        indicator=reported, value=Decimal("1"), as_of=datetime.date(2026, 6, 30), entered_by=finance
    )
    before, rows = ids(), snapshot()
    with pytest.raises(CommandError) as refused:
        run_import(write(table.delete(16).text()))
    assert "项目 2 指标 5「培训班次」已有填报记录，不能删除：请在表中保留该指标" in str(refused.value)
    assert (ids(), snapshot()) == (before, rows)


def test_a_project_that_left_the_table_is_deleted_unless_something_was_recorded(table, write, finance):
    run_import(SEED)
    for line in range(91, 86, -1):
        table.delete(line)  # 项目 15 and its five indicators
    table.retotal()
    ExpenditureReport.objects.create(
        project=Project.objects.get(seq=15), amount=Decimal("1"), as_of=datetime.date(2026, 6, 30), entered_by=finance
    )
    with pytest.raises(CommandError) as refused:
        run_import(write(table.text()), reason="撤销项目", user="finance")
    assert "项目 15「市妇联新媒体运行经费」已有支出填报，不能删除" in str(refused.value)
    assert counts() == (1, 15, 85)


def test_a_project_without_records_that_left_the_table_is_deleted_with_its_indicators(table, write):
    run_import(SEED)
    for line in range(91, 86, -1):
        table.delete(line)
    table.retotal()
    out = run_import(write(table.text()))
    assert "删除项目 1 个（已不在表中）" in out
    assert counts() == (1, 14, 80)


def test_hand_corrected_classes_and_weights_survive_a_re_import():
    run_import(SEED)
    Indicator.objects.filter(pk=indicator(1, 1).pk).update(level1="产出指标", level2="质量指标", weight=Decimal("2"))
    out = run_import(SEED)
    assert "更新 0" in out
    kept = indicator(1, 1)
    assert (kept.level2, kept.weight) == ("质量指标", Decimal("2"))


def test_classes_are_inferred_again_when_the_published_columns_change(table, write):
    run_import(SEED)
    Indicator.objects.filter(pk=indicator(1, 1).pk).update(level1="产出指标", level2="质量指标", weight=Decimal("2"))
    run_import(write(table.set(7, IND_NAME, "设备购置按时完成率").set(7, UNIT, "%").set(7, TARGET, "100").text()))
    changed = indicator(1, 1)
    assert (changed.name, changed.level1, changed.level2, changed.weight) == (
        "设备购置按时完成率", "产出指标", "时效指标", Decimal("2")
    )


def test_an_operator_removed_makes_the_indicator_qualitative(table, write):
    run_import(SEED)
    run_import(write(table.set(7, OPERATOR, "").set(7, TARGET, "基本完成").set(7, UNIT, "").text()))
    changed = indicator(1, 1)
    assert (changed.operator, changed.target_text, changed.target_value, changed.level2) == (
        "", "基本完成", None, "社会效益指标"
    )


def test_a_dry_run_of_a_changed_table_lists_the_changes_and_writes_nothing(table, write):
    run_import(SEED)
    rows = snapshot()
    out = run_import(write(table.set(13, TARGET, "98").delete(16).text()), dry_run=True, verbosity=2)
    assert "项目 2 指标 2「培训计划按期完成度」 年度目标值：95 → 98" in out
    assert "删除 项目 2 指标 5「培训班次」" in out
    assert out.splitlines()[-1].startswith("【试运行，未写入数据库】")
    assert snapshot() == rows
