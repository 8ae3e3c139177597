"""A 自评表 with 实际完成值 and 得分 loads last year's results: reports as of 31 December through the report service,
and each printed 得分 that is not ours is listed (never imported as a score)."""
import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from core.roles import FINANCE
from indicators.models import IndicatorReport
from projects.models import Department
from tests.conftest import make_user
from tests.importing.helpers import run_import
from tests.importing.tolerant_files import tsv_bytes

D = Decimal
UNIT = "大英县司法局"
HEADER = ["绩效指标(90分)", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分"]


def self_evaluation(actuals=("13", "90", "完成"), scores=("30", "30", "30")) -> list[list]:
    return [
        ["部门预算项目支出绩效自评表(2025年度)"],
        ["项目名称", "51092324T000010263357-2025年全县安可替代补助资金项目"],
        ["年度资金总额", "3.36"],
        HEADER,
        ["", "产出指标", "数量指标", "购置安可电脑台数", "≥", "13", "台", actuals[0], "30", scores[0]],
        ["", "", "质量指标", "验收合格率", "=", "100", "%", actuals[1], "30", scores[1]],
        ["", "效益指标", "社会效益指标", "办公保障能力", "", "有效提升", "", actuals[2], "30", scores[2]],
        ["合计", "100"],
    ]


@pytest.fixture
def clerk(db):
    def make():
        return make_user("clerk", group=FINANCE, department=Department.objects.get(name=UNIT))
    return make


def load(tmp_path, rows, *, dry_run=False, column=(), stderr=None):
    path = tmp_path / "自评表.txt"
    path.write_bytes(tsv_bytes(rows))
    out = io.StringIO()
    call_command("import_results", str(path), department=UNIT, year=2025, user="clerk", dry_run=dry_run,
                 column=list(column), stdout=out, stderr=stderr or io.StringIO())
    return out.getvalue()


def imported(tmp_path, rows):
    path = tmp_path / "目标.txt"
    path.write_bytes(tsv_bytes(rows))
    run_import(path, department=UNIT, year=2025)


def reports():
    return [(r.indicator.name, r.as_of, r.value, r.tier, r.note)
            for r in IndicatorReport.objects.select_related("indicator").order_by("indicator__order")]


def test_actuals_become_reports_of_31_december_and_score_differences_are_listed(tmp_path, clerk):
    rows = self_evaluation()
    imported(tmp_path, rows)
    clerk()
    printed = load(tmp_path, rows)
    end = datetime.date(2025, 12, 31)
    assert reports() == [
        ("购置安可电脑台数", end, D(13), "", "导入自评表：自评表.txt"),
        ("验收合格率", end, D(90), "", "导入自评表：自评表.txt"),
        ("办公保障能力", end, None, "achieved", "导入自评表：自评表.txt"),
    ]
    # 验收合格率 = 100 % at 90 %: ours is 30 × 0.9 = 27.00, the table printed 30.
    assert "第 6 行「得分」：项目「2025年全县安可替代补助资金项目」指标「验收合格率」表中得分 30，本系统 27.00" in printed
    assert "购置安可电脑台数」表中得分" not in printed
    assert printed.endswith("导入实际完成值 3 条（截至 2025-12-31），未变 0 条；表中得分与本系统计分不同 1 处。\n")
    again = load(tmp_path, rows)
    assert "导入实际完成值 0 条（截至 2025-12-31），未变 3 条" in again
    assert len(reports()) == 3


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_the_command_counts_the_actuals_it_records_on_stderr(tmp_path, clerk):
    imported(tmp_path, self_evaluation())
    clerk()
    err = io.StringIO()  # a log: a counter line at the start and at the end
    printed = load(tmp_path, self_evaluation(), stderr=err)
    assert err.getvalue().splitlines() == ["导入实际完成值：0 / 3（0%）", "导入实际完成值：3 / 3（100%）"]
    assert "导入实际完成值 3 条" in printed
    # On a terminal the line is rewritten, and ended before the refusal is printed.
    err = Terminal()
    with pytest.raises(CommandError, match="第 6 行「实际完成值」：2025-12-31 已有填报 90"):
        load(tmp_path, self_evaluation(actuals=("13", "95", "完成")), stderr=err)
    assert err.getvalue().startswith("\r导入实际完成值：0 / 3（0%）") and err.getvalue().count("\n") == 1
    assert err.getvalue().endswith("\n")


def test_dry_run_lists_differences_and_writes_nothing(tmp_path, clerk):
    rows = self_evaluation()
    imported(tmp_path, rows)
    clerk()
    printed = load(tmp_path, rows, dry_run=True)
    assert printed.startswith("  第 6 行「得分」") and "【试运行，未写入数据库】" in printed
    assert IndicatorReport.objects.count() == 0


@pytest.mark.parametrize("actuals, message", [
    (("13", "九十", "完成"), "第 6 行「实际完成值」请输入数字：'九十'"),
    (("13", "90", "还行"), "第 7 行「实际完成值」「还行」不是完成档次：定性指标填 达成、部分达成 或 未达成"),
    (("13", "120", "完成"), "第 6 行「实际完成值」：比率不能超过 100%"),
])
def test_a_bad_actual_is_refused_by_place_and_nothing_is_written(tmp_path, clerk, actuals, message):
    imported(tmp_path, self_evaluation())
    clerk()
    with pytest.raises(CommandError) as refused:
        load(tmp_path, self_evaluation(actuals=actuals))
    assert message in str(refused.value)
    assert IndicatorReport.objects.count() == 0


def test_a_table_whose_targets_were_not_imported_is_refused(tmp_path, db):
    Department.objects.create(name=UNIT, code="dy")
    make_user("clerk", group=FINANCE, department=Department.objects.get(name=UNIT))
    with pytest.raises(CommandError, match="项目「2025年全县安可替代补助资金项目」不在 大英县司法局 2025 年的目标中"):
        load(tmp_path, self_evaluation())


def test_an_unknown_actual_header_is_refused_until_its_column_is_given(tmp_path, clerk):
    # 本年完成情况 (column H) is no header the import knows: without a column it would record nothing.
    rows = self_evaluation()
    rows[3] = [*HEADER[:7], "本年完成情况", *HEADER[8:]]
    imported(tmp_path, self_evaluation())
    clerk()
    with pytest.raises(CommandError) as refused:
        load(tmp_path, rows)
    assert "第 4 行的表头中没有「实际完成值」列（可识别的表头：实际完成值、完成值、全年实际值）" in str(refused.value)
    with pytest.raises(CommandError) as twice:  # F is the target's (指标值): one column cannot be both
        load(tmp_path, rows, column=["完成值=F"])
    assert "「实际完成值」与「年度目标值」都对应 F 列：每列只能对应一个字段" in str(twice.value)
    with pytest.raises(CommandError, match="「实际完成值」选的 Z 列超出了表格：表中只有 A–J 列"):
        load(tmp_path, rows, column=["完成值=Z"])
    assert IndicatorReport.objects.count() == 0
    load(tmp_path, rows, column=["完成值=H"])
    end = datetime.date(2025, 12, 31)
    assert reports() == [
        ("购置安可电脑台数", end, D(13), "", "导入自评表：自评表.txt"),
        ("验收合格率", end, D(90), "", "导入自评表：自评表.txt"),
        ("办公保障能力", end, None, "achieved", "导入自评表：自评表.txt"),
    ]
