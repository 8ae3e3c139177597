"""A bad table is refused as a whole: nothing is written, and every problem is named by line, column and cause."""
import pytest
from django.core.management.base import CommandError

from projects.models import Indicator
from tests.conftest import SEED
from tests.importing.helpers import (
    BUDGET,
    IND_NAME,
    NAME,
    OPERATOR,
    OWN,
    SEQ,
    TARGET,
    TRANSFER,
    UNIT,
    counts,
    indicator_row,
    run_import,
    snapshot,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def refused(write):
    """Imports the seed, then the edited table; returns the refusal after checking that nothing changed."""

    def refused(table) -> str:
        run_import(SEED)
        before = counts()
        with pytest.raises(CommandError) as error:
            run_import(write(table.text()))
        assert counts() == before
        message = str(error.value)
        assert message.startswith("导入失败，未写入任何数据：")
        return message

    return refused


def test_a_non_numeric_amount_is_named_with_its_line_and_column(table, refused):
    message = refused(table.set(12, BUDGET, "26.33万"))
    assert message.splitlines()[1:] == ["  第 12 行「预算金额」不是数字：'26.33万'"]


def test_amounts_with_thousands_separators_are_read(table, write):
    run_import(write(table.set(7, BUDGET, "4.60").set(92, OWN, "1,386.3").text()))
    assert counts() == (1, 15, 85)


def test_a_budget_that_is_not_own_level_plus_transfer_is_refused(table, refused):
    message = refused(table.set(7, OWN, "4.00"))
    assert "第 7 行「预算金额」4.60 不等于本级支出 4.00 + 转移支付支出 0.00" in message


def test_a_total_that_does_not_add_up_is_refused(table, refused):
    message = refused(table.set(92, BUDGET, "1,390.00"))
    assert "第 92 行「预算金额」合计 1,390.00 与各项目之和 1,386.30 不符" in message


def test_a_closing_sentence_that_contradicts_the_table_is_refused(table, refused):
    table.lines[93][0] = table.lines[93][0].replace("预算金额1386.3万元", "预算金额1380万元")
    message = refused(table)
    assert "第 94 行：说明中本级部门预算项目预算金额 1380 万元与表中之和 1386.30 不符" in message


def test_a_table_without_closing_sentence_or_total_row_imports(table, write):
    run_import(write(table.delete(94).delete(92).text()))
    assert counts() == (1, 15, 85)


def test_an_indicator_row_before_any_project_is_refused(table, refused):
    message = refused(table.insert(7, indicator_row("多出来的指标", "≥", "1", "个")))
    assert "第 7 行「指标名称」所在的指标行出现在第一个项目之前" in message


def test_a_repeated_seq_is_refused(table, refused):
    message = refused(table.set(12, SEQ, "1"))
    assert "第 12 行「序号」重复：1（第 7 行已有）" in message


def test_a_seq_that_is_not_a_number_is_refused(table, refused):
    message = refused(table.set(12, SEQ, "二"))
    assert "第 12 行「序号」不是正整数：'二'" in message


def test_a_project_without_a_name_is_refused(table, refused):
    assert "第 12 行「项目名称」为空" in refused(table.set(12, NAME, ""))


def test_an_unknown_operator_is_refused(table, refused):
    message = refused(table.set(8, OPERATOR, "≈"))
    assert "第 8 行「运算符」无法识别：'≈'" in message


def test_other_spellings_of_operators_are_stored_canonically(table, write):
    run_import(write(table.set(7, OPERATOR, ">=").set(17, OPERATOR, "<=").set(8, OPERATOR, "＞=").text()))
    assert list(Indicator.objects.filter(order=1, project__seq__in=[1, 3]).values_list("operator", flat=True)) == [
        "≥", "≤"
    ]


def test_a_non_numeric_target_under_an_operator_is_refused(table, refused):
    message = refused(table.set(7, TARGET, "八"))
    assert "第 7 行「年度目标值」不是数字：'八'" in message


def test_an_operator_with_an_empty_target_is_refused(table, refused):
    message = refused(table.set(9, TARGET, ""))
    assert "第 9 行「年度目标值」为空：运算符「≥」须有数值目标" in message


def test_a_target_with_a_unit_other_than_its_own_is_refused(table, refused):
    message = refused(table.set(12, TARGET, "1.62万人"))
    assert "第 12 行「年度目标值」单位应为「人」" in message


def test_an_indicator_without_a_name_is_refused(table, refused):
    assert "第 8 行「指标名称」为空" in refused(table.set(8, IND_NAME, ""))


def test_a_negative_amount_is_refused(table, refused):
    message = refused(table.set(17, OWN, "5.60").set(17, TRANSFER, "-1.00"))
    assert "第 17 行「转移支付支出」不能为负数：'-1.00'" in message


def test_an_amount_with_more_than_two_decimals_is_refused(table, refused):
    assert "第 7 行「预算金额」最多 2 位小数：'4.605'" in refused(table.set(7, BUDGET, "4.605"))


def test_a_project_without_indicators_is_refused(table, refused):
    for column in (IND_NAME, OPERATOR, TARGET, UNIT):
        table.set(87, column, "")
    for line in range(91, 87, -1):
        table.delete(line)
    assert "第 87 行：项目「市妇联新媒体运行经费」没有绩效指标" in refused(table)


def test_missing_columns_are_named(table, refused):
    table.set(5, OWN, "本级").set(6, OPERATOR, "符号")
    message = refused(table)
    assert "第 5 行的表头缺少必需的列：「本级支出」、「运算符」" in message


def test_a_file_without_the_header_row_is_refused(table, refused):
    assert "找不到表头" in refused(table.delete(6).delete(5))


def test_every_problem_is_listed_at_once(table, refused):
    table.set(12, BUDGET, "26.33万").set(8, OPERATOR, "≈").set(9, TARGET, "").set(17, SEQ, "1")
    lines = refused(table).splitlines()[1:]
    assert lines == [
        "  第 8 行「运算符」无法识别：'≈'（应为 ≥、>、≤、<、= 或留空）",
        "  第 9 行「年度目标值」为空：运算符「≥」须有数值目标",
        "  第 12 行「预算金额」不是数字：'26.33万'",
        "  第 17 行「序号」重复：1（第 7 行已有）",
    ]


def test_a_long_list_of_problems_is_cut_at_twenty(table, refused):
    for line in range(7, 92):
        table.set(line, UNIT, "单" * 51)
    lines = refused(table).splitlines()[1:]
    assert len(lines) == 21
    assert lines[-1] == "  ……另有 66 处错误未列出"  # 85 units too long, 1 target (5%) not in its unit


def test_extra_columns_after_the_published_ones_are_ignored(table, write):
    run_import(SEED)
    table.lines[4] += ["一级指标", "二级指标", "实际完成值"]
    table.lines[5] += ["", "", ""]
    for cells in table.lines[6:91]:
        cells += ["产出指标", "数量指标", "12"]
    expected = snapshot(2026)
    run_import(write(table.text()), year=2027)
    assert snapshot(2027) == expected
