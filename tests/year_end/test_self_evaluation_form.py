"""The 自评表 carries the year-end texts (DOMAIN §4, §9): 实施单位, each line's 偏差原因分析及改进措施 from the
year-end ledger (never the monitoring note), the 评价依据 of a 定性 line, the deduction and its reason, the project's
texts, how 分值 were allocated when a class is missing, and the reserved 审核 row."""
import datetime
from decimal import Decimal

import openpyxl
import pytest

from indicators.exports.workbook import write_evaluation_workbook
from indicators.services.monitoring import record_monitoring_note
from indicators.services.reports import record_expenditure
from indicators.services.year_end import (
    record_budget_explanation,
    record_deduction,
    record_line_explanation,
    record_project_texts,
)
from projects.models import Indicator, Project
from tests.conftest import project
from tests.year_end.conftest import line

YEAR_END = datetime.date(2026, 12, 20)


def form(department, tmp_path, title: str):
    path = tmp_path / "自评.xlsx"
    write_evaluation_workbook(department=department, year=2026, as_of=YEAR_END, output=path)
    return openpyxl.load_workbook(path)[title], openpyxl.load_workbook(path, data_only=True)[title]


def row_labelled(sheet, label: str) -> int:
    return next(row for row in range(1, sheet.max_row + 1) if sheet[f"A{row}"].value == label)


@pytest.fixture
def written(scenario, finance, admin_user):
    """Project 1 (设备购置经费) with its year-end texts, a deduction and a monitoring note that must not show."""
    Project.objects.filter(pk=project(1).pk).update(implementing_unit="宁波市妇女儿童活动中心")
    record_budget_explanation(project=project(1), user=finance, text="设备尾款 0.46 万元按合同次年支付。")
    record_line_explanation(indicator=line(1, 1), user=finance, text="两批采购合并执行，多购 2 台。")
    record_deduction(indicator=line(1, 1), user=admin_user, points=Decimal("5.00"), reason="年初目标按 8 台测算偏低。")
    record_monitoring_note(project=project(1), indicator=line(1, 1), user=finance, as_of=datetime.date(2026, 7, 31),
                           forecast=Decimal(10), reasons=["funding"], likelihood="certain", measures="七月监控说明")
    record_project_texts(project=project(1), user=finance, achievement="购置设备 10 台，均已投入使用。",
                         problems="采购计划与预算编制衔接不足。", measures="下年度按实际需求编制采购预算。")
    return scenario


def test_the_form_prints_the_year_end_texts_beside_their_lines(written, tmp_path):
    sheet, cached = form(written, tmp_path, "1.设备购置经费")
    assert (sheet["F4"].value, sheet["G4"].value) == ("实施单位", "宁波市妇女儿童活动中心")
    # 4.14 of 4.60 = 90 %: the budget line needs its explanation, printed beside its 得分.
    assert (sheet["I5"].value, sheet["I6"].value) == ("偏差原因分析及改进措施", "设备尾款 0.46 万元按合同次年支付。")
    assert sheet["F8"].value.startswith("购置设备 10 台，均已投入使用。\n截至 2026-12-20，绩效指标 5 项")
    # 设备购置数 10 ≥ 8 (125 %): 16.67 less the 5.00 deducted = 11.67, the deduction and its reason in the column.
    assert sheet["D10"].value == "设备购置数"
    assert sheet["I10"].value == "两批采购合并执行，多购 2 台。\n偏离度扣分 5.00 分：年初目标按 8 台测算偏低。"
    assert cached["H10"].value == 11.67
    assert "七月监控说明" not in "".join(str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value)
    assert sheet[f"B{row_labelled(sheet, '存在问题')}"].value == "采购计划与预算编制衔接不足。"
    assert sheet[f"B{row_labelled(sheet, '改进措施')}"].value == "下年度按实际需求编制采购预算。"
    assert sheet[f"B{row_labelled(sheet, '审核')}"].value is None  # reserved for the reviewer's stamp
    assert not any(sheet[f"A{row}"].value == "说明" for row in range(1, sheet.max_row + 1))  # every class present


def test_a_qualitative_line_prints_its_basis_and_a_missing_text_says_so(scenario, finance, tmp_path):
    # Project 3's 定性 line is 部分达成 (70 %): not met, so it needs its text as well as its 评价依据.
    record_line_explanation(indicator=line(3, 3), user=finance, basis="走访慰问 5 人，其中 3 人已脱困。")
    sheet, _ = form(scenario, tmp_path, "3.三八红旗手困难补助")
    row = next(r for r in range(10, 15) if sheet[f"E{r}"].value == "（定性） 持续关心")
    assert sheet[f"I{row}"].value == "未填写（必填）\n评价依据：走访慰问 5 人，其中 3 人已脱困。"
    assert sheet["G4"].value == "宁波市妇女联合会"  # no 实施单位 of its own: the department
    assert sheet["F8"].value.startswith("未填写（必填）\n")
    assert sheet[f"B{row_labelled(sheet, '存在问题')}"].value == "未填写（必填）"


def test_a_project_without_a_class_says_how_its_points_were_allocated(scenario, tmp_path):
    sheet, _ = form(scenario, tmp_path, "7.宁波市家庭教育指导师培训")
    assert sheet[f"B{row_labelled(sheet, '说明')}"].value == (
        "本项目无效益指标，其分值按比例并入产出、满意度指标（产出指标 75.00 分、满意度指标 15.00 分）。"
    )
    assert row_labelled(sheet, "说明") < row_labelled(sheet, "审核")


def test_an_overspent_budget_line_says_so_with_its_reason(scenario, finance, tmp_path):
    record_expenditure(project=project(6), user=finance, as_of=datetime.date(2026, 12, 1), amount=Decimal("7.00"),
                       over_budget_reason="追加普法市集场地费")
    sheet, cached = form(scenario, tmp_path, "6.妇女儿童维权经费")
    assert sheet["I6"].value == "超支（超支说明：追加普法市集场地费）\n未填写（必填）"
    assert cached["H6"].value == 10  # the budget points stay capped at 10


def test_a_project_scored_by_its_own_points_prints_them_and_no_allocation_note(scenario, tmp_path):
    lines = list(project(7).indicators.order_by("order"))
    points = [Decimal(10)] * (len(lines) - 1) + [Decimal(90 - 10 * (len(lines) - 1))]
    for indicator, given in zip(lines, points, strict=True):
        Indicator.objects.filter(pk=indicator.pk).update(points=given)
    sheet, cached = form(scenario, tmp_path, "7.宁波市家庭教育指导师培训")
    assert not any(sheet[f"A{row}"].value == "说明" for row in range(1, sheet.max_row + 1))
    printed = [cached[f"G{row}"].value for row in range(1, sheet.max_row + 1)
               if any(cell.value == indicator.name for indicator in lines for cell in sheet[row])]
    assert printed == [float(p) for p in points]
