"""The 「汇总表」 read back with openpyxl: the published layout, the actuals and scores, merges, the 合计 formulas."""
import datetime
import re
from io import StringIO

import pytest
from django.core.management import call_command

from tests.conftest import DEPARTMENT_NAME, project
from tests.exports.conftest import (
    JUL_31,
    NOV_20,
    evaluate_json,
    export,
    mismatches,
    open_workbook,
    report,
    rows_of,
    spend,
)

# 产出 50 points shared by three indicators in hundredths (DOMAIN §4): 16.67, 16.67 and 16.66 in published order.
FIRST, LAST = 16.67, 16.66
HEADER_UPPER = ("序号", "项目名称", "项目概况", "预算金额(万元)", "本级支出(万元)", "转移支付支出(万元)", "年度绩效目标",
                "核心绩效指标（年初）", None, None, None, "重大民生标准", "全年预算数(万元)", "目标调整", None,
                "一级指标", "二级指标", "实际完成值", "完成情况", "分值", "得分", "说明", "自评状态", "项目自评", None, None, None, None)
HEADER_LOWER = (None,) * 7 + ("指标名称", "运算符", "年度目标值", "单位", None, None, "调整后目标值", "调整生效日期") + (
    (None,) * 8 + ("支出(万元)", "执行率", "超支", "总分", "等级"))
NO_SCORES = (None,) * 5  # the project's own figures are merged down from its first row


def explanations(as_of, seq: int) -> list[str]:
    project_json = next(p for p in evaluate_json(as_of)["projects"] if p["seq"] == seq)
    return [i["explanation"] for i in project_json["indicators"]]


def test_every_cell_of_projects_1_and_2_as_of_november(scenario, tmp_path):
    sheet = open_workbook(export(scenario, tmp_path, NOV_20))["汇总表"]
    p1, p2 = project(1), project(2)
    why1, why2 = explanations(NOV_20, 1), explanations(NOV_20, 2)
    assert sheet["A1"].value == "2026年宁波市妇女联合会项目绩效目标完成情况（截至 2026-11-20）"
    assert rows_of(sheet, 2, 3) == [HEADER_UPPER, HEADER_LOWER]
    blank_project = (None,) * 7
    expected = [
        (1, "设备购置经费", p1.overview, 4.6, 4.6, 0, p1.annual_goal, "设备购置数", "≥", 8, "台/件/组", None, 4.6,
         None, None, "产出指标", "数量指标", 10, "达成", FIRST, FIRST, why1[0], "填报中",
         # 4.14 of 4.60 = 90 %; 9 + 16.67 + 10 + 30 + 15.79 + 16.66 = 98.12 优, as the pages and `evaluate` say.
         4.14, 0.9, None, 98.12, "优"),
        blank_project + ("使用人员满意度", "≥", 95, "%", None, None, None, None, "满意度指标", "服务对象满意度指标", 96,
                         "达成", 10, 10, why1[1], None) + NO_SCORES,
        blank_project + ("设备使用年限", "≥", 6, "年", None, None, None, None, "效益指标", "可持续影响指标", 6, "达成",
                         30, 30, why1[2], None) + NO_SCORES,
        # 90 of ≥ 95: 16.67 × 90/95 = 15.792… → 15.79
        blank_project + ("设备利用率", "≥", 95, "%", None, None, None, None, "产出指标", "质量指标", 90, "未达成", FIRST,
                         15.79, why1[3], None) + NO_SCORES,
        blank_project + ("设备质量合格率", "≥", 95, "%", None, None, None, None, "产出指标", "质量指标", 95, "达成", LAST,
                         LAST, why1[4], None) + NO_SCORES,
        # 年初 162 as published; 150 in force from 1 September, so 155 meets it.
        (2, "培训费", p2.overview, 26.33, 26.33, 0, p2.annual_goal, "培训人数", "≥", 162, "人", None, 24,
         "≥ 150 人", datetime.datetime(2026, 9, 1), "产出指标", "数量指标", 155, "达成", FIRST, FIRST, why2[0], "填报中",
         24, 1, None, 26.67, "差"),  # 24 of the 24 in force: 10 + 16.67
        blank_project + ("培训计划按期完成度", "≥", 95, "%", None, None, None, None, "产出指标", "时效指标", None, "未填报",
                         FIRST, 0, why2[1], None) + NO_SCORES,
        blank_project + (p2.indicators.get(order=3).name, None, "进一步提升", None, None, None, None, None, "效益指标",
                         "社会效益指标", None, "未填报", 30, 0, why2[2], None) + NO_SCORES,
        blank_project + ("培训人员满意度", "≥", 90, "%", None, None, None, None, "满意度指标", "服务对象满意度指标", None,
                         "未填报", 10, 0, why2[3], None) + NO_SCORES,
        blank_project + ("培训班次", "≥", 4, "次", None, None, None, None, "产出指标", "数量指标", None, "未填报", LAST, 0,
                         why2[4], None) + NO_SCORES,
    ]
    assert mismatches(rows_of(sheet, 4, 13), expected) == []
    assert "超额较多" in why1[0] and "90 ÷ 目标值 95" in why1[3]


def test_project_cells_are_merged_down_over_their_indicator_rows(scenario, tmp_path):
    sheet = open_workbook(export(scenario, tmp_path, NOV_20))["汇总表"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    for column in [*"ABCDEFGLMWXYZ", "AA", "AB"]:  # the project columns, 全年预算数 and 项目自评 included
        assert {f"{column}4:{column}8", f"{column}9:{column}13"} <= merged
    for column in "HIJKNOPQRSTUV":
        assert not any(r.startswith(f"{column}4:") for r in merged)
    assert {"A1:AB1", "A2:A3", "H2:K2", "N2:O2", "V2:V3", "W2:W3", "X2:AB2", "A90:AB90"} <= merged
    assert len([r for r in merged if re.fullmatch(r"A\d+:A\d+", r)]) == 15 + 1  # + header


def test_total_row_sums_exactly_the_project_rows_with_real_formulas(scenario, tmp_path):
    path = export(scenario, tmp_path, NOV_20)
    sheet, cached = open_workbook(path)["汇总表"], open_workbook(path, values=True)["汇总表"]
    first = next(r for r in range(1, 20) if sheet.cell(r, 1).value == 1)
    total = next(r for r in range(first, sheet.max_row + 1) if sheet.cell(r, 1).value == "合计")
    assert (first, total) == (4, 89)  # 85 indicator rows, then 合计
    assert {sheet.cell(r, 1).value for r in range(first, total)} - {None} == set(range(1, 16))
    for column in "DEFMX":
        assert sheet[f"{column}{total}"].value == f"=SUM({column}{first}:{column}{total - 1})"
    # 支出: 4.14 + 24 + 4.60 of projects 1, 2 and 3.
    assert [cached[f"{c}{total}"].value for c in "DEFMX"] == pytest.approx([1386.30, 1386.30, 0, 1383.97, 32.74])
    budgets = [sheet.cell(r, 4).value for r in range(first, total) if sheet.cell(r, 4).value is not None]
    assert len(budgets) == 15 and sum(budgets) == pytest.approx(1386.30)


def test_amounts_and_scores_are_numbers_with_two_decimal_formats(scenario, tmp_path):
    sheet = open_workbook(export(scenario, tmp_path, NOV_20))["汇总表"]
    for row in range(4, 89):
        for column, number_format in (("D", "#,##0.00"), ("E", "#,##0.00"), ("F", "#,##0.00"), ("M", "#,##0.00"),
                                      ("T", "0.00"), ("U", "0.00")):
            cell = sheet[f"{column}{row}"]
            if cell.value is not None:  # (openpyxl forgets the style of the cells a merge covers)
                assert isinstance(cell.value, (int, float)), cell.coordinate
                assert cell.number_format == number_format, cell.coordinate
    assert isinstance(sheet["R4"].value, int) and sheet["R4"].value == 10
    assert sheet["D89"].number_format == "#,##0.00"


def test_status_cells_carry_colour_as_well_as_text(scenario, tmp_path):
    sheet = open_workbook(export(scenario, tmp_path, NOV_20))["汇总表"]
    met, not_met, no_data = sheet["S4"], sheet["S7"], sheet["S10"]
    assert (met.value, not_met.value, no_data.value) == ("达成", "未达成", "未填报")
    assert len({met.font.color.rgb, not_met.font.color.rgb, no_data.font.color.rgb}) == 3
    assert met.fill.fgColor.rgb != not_met.fill.fgColor.rgb


def test_header_is_frozen_filtered_wrapped_and_set_up_for_landscape_printing(scenario, tmp_path):
    sheet = open_workbook(export(scenario, tmp_path, NOV_20))["汇总表"]
    assert sheet.freeze_panes == "C4"
    assert sheet.auto_filter.ref == "A3:AB88"
    assert sheet.print_title_rows == "$2:$3"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToHeight == 0
    assert sheet.column_dimensions["C"].width > 30 and sheet.column_dimensions["V"].width > 40
    assert sheet["C4"].alignment.wrap_text and sheet["V4"].alignment.wrap_text
    # Rows are tall enough for the merged 项目概况 of project 4 (284 characters over 6 rows).
    heights = [sheet.row_dimensions[r].height for r in range(19, 25)]
    assert sum(heights) >= 284 / 16 * 15


def test_before_any_adjustment_is_in_force_the_sheet_is_the_published_layout_only(scenario, tmp_path):
    sheet = open_workbook(export(scenario, tmp_path, JUL_31))["汇总表"]
    assert rows_of(sheet, 2, 2)[0] == (
        "序号", "项目名称", "项目概况", "预算金额(万元)", "本级支出(万元)", "转移支付支出(万元)", "年度绩效目标", "核心绩效指标",
        None, None, None, "重大民生标准", "一级指标", "二级指标", "实际完成值", "完成情况", "分值", "得分", "说明", "自评状态",
        "项目自评", None, None, None, None,
    )
    # 培训人数 162 is in force on 31 July and nothing was reported by then; the pending and rejected changes count for nothing.
    assert mismatches([rows_of(sheet, 9, 9)[0][7:19]], [("培训人数", "≥", 162, "人", None, "产出指标", "数量指标", None,
                                                      "未填报", FIRST, 0, "未填报，得 0 分（分值 16.67 分）")]) == []
    assert sheet.auto_filter.ref == "A3:Y88"


def import_back(path) -> str:
    out = StringIO()
    call_command("import_targets", str(path), department=DEPARTMENT_NAME, year=2026, stdout=out)
    return out.getvalue()


def test_import_targets_reads_an_export_back_and_finds_the_table_unchanged(seeded, tmp_path):
    summary = import_back(export(seeded, tmp_path, JUL_31))
    assert "新建项目 0 个、指标 0 个；更新 0；未变 100（项目 15 个、指标 85 个）" in summary


def test_import_round_trip_holds_once_reports_exist(seeded, finance, tmp_path):
    spend(finance, 1, "4.14")
    report(finance, 1, 1, "10")
    summary = import_back(export(seeded, tmp_path, NOV_20))
    assert "新建项目 0 个、指标 0 个；更新 0；未变 100" in summary
