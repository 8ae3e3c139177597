"""One 项目支出绩效自评表 per project (财预〔2020〕10号's layout): funds, goals, indicators, 总分 and 等级."""
from decimal import Decimal

from projects.models import Project
from tests.conftest import project
from indicators.services.reports import record_expenditure
from tests.exports.conftest import JUL_31, NOV_20, export, mismatches, open_workbook, rows_of

# 产出 50 points over three indicators in hundredths, in published order (DOMAIN §4): 16.67, 16.67, 16.66.
FIRST, LAST = 16.67, 16.66
SHEETS = [
    "汇总表", "1.设备购置经费", "2.培训费", "3.三八红旗手困难补助", "4.妇女儿童工作服务经费", "5.幼儿园办学经费",
    "6.妇女儿童维权经费", "7.宁波市家庭教育指导师培训", "8.双学双比专项经费", "9.市妇女活动中心运行经费",
    "10.家庭教育指导服务项目", "11.综合运行保障经费", "12.网上妇联工作经费", "13.女性社会组织培育孵化经费",
    "14.“三八”系列庆祝活动及宣传经费", "15.市妇联新媒体运行经费", "填报记录", "调整记录", "佐证材料", "抽查复核", "上年对比",
]


def test_the_workbook_has_the_summary_one_sheet_per_project_and_the_two_records(scenario, tmp_path):
    names = open_workbook(export(scenario, tmp_path, NOV_20)).sheetnames
    assert names == SHEETS
    assert all(len(name) <= 31 and not set(name) & set("[]:*?/\\") for name in names)


def test_project_2_form_as_of_november_uses_the_adjusted_budget_and_target(scenario, tmp_path):
    path = export(scenario, tmp_path, NOV_20)
    sheet, cached = open_workbook(path)["2.培训费"], open_workbook(path, values=True)["2.培训费"]
    goal = project(2).annual_goal
    qualitative = project(2).indicators.get(order=3).name
    expected = [
        ("项目支出绩效自评表", None, None, None, None, None, None, None, None),
        ("（2026年度，截至 2026-11-20）", None, None, None, None, None, None, None, None),
        ("项目名称", "培训费", None, None, None, None, None, None, None),
        ("主管部门", "宁波市妇女联合会", None, None, None, "实施单位", "宁波市妇女联合会", None, None),
        ("项目资金\n（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
         "偏差原因分析及改进措施"),
        # 100 % executed: the budget line needs no explanation.
        (None, "年度资金总额", 26.33, 24, 24, 10, "=E6/D6", "=ROUND(F6*MIN(1,MAX(0,G6)),2)", None),
        ("年度总体目标", "预期目标", None, None, None, "实际完成情况", None, None, None),
        (None, goal, None, None, None, "未填写（必填）\n截至 2026-11-20，绩效指标 5 项：达成 1 项、未达成 0 项、"
                                       "未填报 4 项。全年执行数 24.00 万元，预算执行率 100%。", None, None, None),
        ("绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"),
        # Sorted by class as the form groups them: 产出 (数量 ×2, 时效), 效益, 满意度. Each 得分 is the rules' formula
        # over the line's own cells (the target in force as a number), rounded to the cent (DOMAIN §4). The last
        # column is the year-end explanation: the July monitoring note of 培训人数 (met) never stands in for it,
        # and a line without data that has none says it is missing.
        (None, "产出指标", "数量指标", "培训人数", "≥ 150 人\n（2026-09-01 起调整；年初：≥ 162 人）", 155, FIRST,
         "=ROUND(G10*IF(ISNUMBER(F10),MIN(1,MAX(0,F10/150)),0),2)", None),
        (None, None, None, "培训班次", "≥ 4 次", None, LAST,  # published fifth: the last 产出 share
         "=ROUND(G11*IF(ISNUMBER(F11),MIN(1,MAX(0,F11/4)),0),2)", "未填写（必填）"),
        (None, None, "时效指标", "培训计划按期完成度", "≥ 95 %", None, FIRST,
         "=ROUND(G12*IF(ISNUMBER(F12),MIN(1,MAX(0,F12/95)),0),2)", "未填写（必填）"),
        (None, "效益指标", "社会效益指标", qualitative, "（定性） 进一步提升", None, 30, "=ROUND(G13*0,2)",
         "未填写（必填）\n评价依据：未填写（必填）"),
        (None, "满意度指标", "服务对象满意度指标", "培训人员满意度", "≥ 90 %", None, 10,
         "=ROUND(G14*IF(ISNUMBER(F14),MIN(1,MAX(0,F14/90)),0),2)", "未填写（必填）"),
        ("总分", None, None, None, None, None, "=F6+SUM(G10:G14)", "=H6+SUM(H10:H14)", None),
        ("等级", "差", None, None, None, None, None, None, None),
    ]
    assert mismatches(rows_of(sheet, 1, 16), expected) == []
    # 24 ÷ 24 = 100 % → 10; 10 + 16.67 = 26.67: cached results are the rules' figures.
    assert mismatches([(cached["G6"].value, cached["H6"].value, cached["G15"].value, cached["H15"].value)],
                      [(1, 10, 100, 26.67)]) == []
    assert [cached[f"H{r}"].value for r in range(10, 15)] == [16.67, 0, 0, 0, 0]
    assert sheet["G6"].number_format == "0.00%" and sheet["H15"].number_format == "0.00"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A5:A6", "A7:A8", "A9:A14", "B10:B12", "C10:C11", "B7:E7", "F8:I8"} <= merged


def test_project_2_form_as_of_july_shows_the_budget_and_target_of_the_start_of_the_year(scenario, tmp_path):
    path = export(scenario, tmp_path, JUL_31)
    sheet, cached = open_workbook(path)["2.培训费"], open_workbook(path, values=True)["2.培训费"]
    assert rows_of(sheet, 6, 6)[0][1:6] == ("年度资金总额", 26.33, 26.33, 12, 10)
    # 12 ÷ 26.33 = 45.58 % → 4.5575… → 4.56 points; nothing else reported by 31 July.
    rate = 12 / 26.33
    assert mismatches([(cached["G6"].value, cached["H6"].value, cached["H15"].value)],
                      [(rate, 4.56, 4.56)]) == []
    assert sheet["E10"].value == "≥ 162 人"
    assert sheet["F10"].value is None
    # 培训人数 has no data by 31 July: its year-end explanation is required and missing; the monitoring note
    # (偏差原因：经费保障…) never stands in for it.
    assert sheet["I10"].value == "未填写（必填）"


def test_project_1_scores_98_12_with_the_over_achievement_asking_for_a_reason(scenario, tmp_path):
    path = export(scenario, tmp_path, NOV_20)
    sheet, cached = open_workbook(path)["1.设备购置经费"], open_workbook(path, values=True)["1.设备购置经费"]
    # 4.14 ÷ 4.60 = 90 % → 9; + 16.67 + 16.67 × 90/95 (15.79) + 16.66 + 30 + 10 = 98.12, the sum of the lines.
    assert mismatches([(cached["G6"].value, cached["H6"].value, cached["H15"].value)],
                      [(0.9, 9, 98.12)]) == []
    assert sheet["B16"].value == "优"
    assert [sheet[f"D{r}"].value for r in range(10, 15)] == ["设备购置数", "设备利用率", "设备质量合格率", "设备使用年限",
                                                           "使用人员满意度"]
    # 10 of 8 is 125 %: over-achieved, so its year-end explanation is required, and none is written yet.
    assert sheet["I10"].value == "未填写（必填）"


def test_a_qualitative_actual_shows_its_tier_and_percentage(scenario, tmp_path):
    path = export(scenario, tmp_path, NOV_20)
    sheet, cached = open_workbook(path)["3.三八红旗手困难补助"], open_workbook(path, values=True)["3.三八红旗手困难补助"]
    row = next(r for r in range(10, 15) if sheet[f"E{r}"].value == "（定性） 持续关心")
    # 效益 30 points × 70 % = 21: the tier's percentage in the formula.
    assert mismatches([rows_of(sheet, row, row)[0][5:8]], [
        ("部分达成年度指标并具有一定效果（70%）", 30, f"=ROUND(G{row}*70%,2)")]) == []
    assert cached[f"H{row}"].value == 21


def test_a_budget_of_zero_has_no_rate_formula_and_full_points_once_spending_is_reported(seeded, finance, tmp_path):
    Project.objects.filter(pk=project(4).pk).update(budget=Decimal(0), own_level=Decimal(0), transfer=Decimal(0))
    record_expenditure(project=project(4), user=finance, as_of=NOV_20, amount=Decimal("0.50"),
                       over_budget_reason="上年结转的活动尾款")  # any spending on a budget of 0 is over it
    sheet = open_workbook(export(seeded, tmp_path, NOV_20))["4.妇女儿童工作服务经费"]
    assert rows_of(sheet, 6, 6)[0][2:9] == (0, 0, 0.5, 10, "—", 10, "超支（超支说明：上年结转的活动尾款）\n未填写（必填）")


def test_the_form_prints_portrait_one_page_wide_repeating_the_indicator_header(scenario, tmp_path):
    sheet = open_workbook(export(scenario, tmp_path, NOV_20))["2.培训费"]
    assert sheet.page_setup.orientation == "portrait"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$9:$9"
