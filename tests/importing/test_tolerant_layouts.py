"""Other units' tables (shared/realdata): each layout imported and checked cell by cell; each malformed variant
refused by sheet, row and column with nothing stored."""
import datetime
from decimal import Decimal

import pytest
from django.core.management.base import CommandError

from indicators.selectors.evaluation import evaluate_project
from projects.importing import read_table
from projects.models import Indicator, Project
from tests.importing.helpers import counts, run_import
from tests.importing.tolerant_files import (
    csv_bytes,
    fused_list,
    sichuan_form,
    stored,
    tsv_bytes,
    two_projects_form,
    xls_bytes,
    xlsx_bytes,
)

D = Decimal
UNIT = "青神县发展和改革局"
OUT, BEN, SAT = "产出指标", "效益指标", "满意度指标"

FUSED_LINES = [
    (1, "新建儿童之家数量", "≥", "50", D(50), "个", OUT, "数量指标", None),
    (2, "建设验收合格率", "≥", "100", D(100), "%", OUT, "质量指标", None),
    (3, "建设成本", "≤", "90", D(90), "万元", OUT, "成本指标", None),
    (4, "配备车辆数", "=", "10", D(10), "辆", OUT, "数量指标", None),
    (5, "服务采购金额", "=", "250", D(250), "万", OUT, "数量指标", None),
    (6, "资金拨付率", "=", "100", D(100), "%", OUT, "数量指标", None),
    (7, "培训场次", ">", "5", D(5), "场", OUT, "数量指标", None),
    (8, "服务对象满意度", "≥", "95", D(95), "%", SAT, "服务对象满意度指标", None),
    (9, "社会影响", "", "持续提升", None, "", BEN, "社会效益指标", None),
]
TWO_PROJECTS = [
    (1, "婚姻家庭辅导", D("0.00"), [
        (1, "辅导人次", "≥", "300", D(300), "人次", OUT, "数量指标", None),
        (2, "辅导成本", "≤", "8", D(8), "万元", OUT, "成本指标", None),
        (3, "投诉次数", "≤", "2", D(2), "次", OUT, "成本指标", None),
        (4, "辅导对象满意度", "≥", "90", D(90), "%", SAT, "服务对象满意度指标", None),
    ]),
    (2, "巾帼创业培训", D("35.60"), [
        (1, "结业率", "≥", "85", D(85), "%", OUT, "质量指标", None),
        (2, "带动就业", "", "明显提升", None, "", BEN, "社会效益指标", None),
    ]),
]


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def without_codes(rows):
    return [(seq, name, budget, lines) for seq, _code, name, budget, lines in rows]


def test_fused_cells_in_a_list_layout_xlsx(db, tmp_path):
    run_import(write(tmp_path, "目标表.xlsx", xlsx_bytes({"目标": fused_list()})), department=UNIT)
    assert without_codes(stored(UNIT)) == [(1, "妇女儿童之家建设", D("120.50"), FUSED_LINES)]


def test_fused_cells_are_noted_and_a_bare_greater_than_warned(db):  # the year's profile is read
    table = read_table(xlsx_bytes({"目标": fused_list()}), filename="t.xlsx", year=2026)
    notes = {line.name: (line.notes, line.warning) for line in table.projects[0].indicators}
    assert notes["新建儿童之家数量"] == (("由“≥50个”解析",), "")
    assert notes["建设验收合格率"] == (("由“≥100百分比”解析",), "")
    assert notes["配备车辆数"] == (("由“10辆”解析：未写运算符，按“=”",), "")
    assert notes["资金拨付率"][0] == ("由“100%(历史标准)”解析：未写运算符，按“=”；括注“(历史标准)”为说明，不计入目标值",)
    assert notes["培训场次"][1].startswith("运算符为“>”（严格大于）")
    assert notes["社会影响"] == ((), "")


def test_ten_thousand_of_the_stated_unit(db, tmp_path):
    rows = [["项目名称", "资金总额", "指标名称", "指标值", "单位"],
            ["租赁服务", "30", "场地租金", "≤25万", "元"], ["", "", "租赁面积", "≥1200", "平方米"]]
    run_import(write(tmp_path, "t.csv", csv_bytes(rows)), department=UNIT)
    lines = stored(UNIT)[0][4]
    assert lines[0][2:6] == ("≤", "25", D(250000), "元")
    assert lines[1][2:6] == ("≥", "1200", D(1200), "平方米")


def test_sichuan_form_with_nature_unit_columns_code_prefix_and_explicit_points(db, tmp_path):
    run_import(write(tmp_path, "自评表.txt", tsv_bytes(sichuan_form())), department=UNIT)
    assert stored(UNIT) == [(1, "51000021R000000019951", "工资性支出", D("251.89"), [
        (1, "足额保障率", "=", "100", D(100), "%", OUT, "数量指标", D(60)),
        (2, "按时发放率", "≥", "95", D(95), "%", OUT, "时效指标", D(30)),
    ])]


def test_explicit_points_score_the_project(db, tmp_path):
    run_import(write(tmp_path, "自评表.txt", tsv_bytes(sichuan_form())), department=UNIT)
    evaluation = evaluate_project(project=Project.objects.get(department__name=UNIT),
                                  as_of=datetime.date(2026, 12, 31))
    assert [line.score.points_possible for line in evaluation.indicators] == [D("60.00"), D("30.00")]
    assert evaluation.score.budget.points_possible == D("10.00")


def test_one_indicator_worth_90(db, tmp_path):
    rows = sichuan_form()[:6] + [["合计", "100"]]
    rows[5] = ["", "产出指标", "质量指标", "完成安可产品购买并按要求支付资金", "=", "100", "%", "90"]
    run_import(write(tmp_path, "t.txt", tsv_bytes(rows)), department=UNIT)
    assert Indicator.objects.get().points == D(90)


def test_two_projects_in_one_sheet_with_101_classes_xlsx(db, tmp_path):
    run_import(write(tmp_path, "t.xlsx", xlsx_bytes({"Sheet1": two_projects_form()})), department=UNIT)
    assert without_codes(stored(UNIT)) == TWO_PROJECTS


def test_101_cost_classes_are_noted_as_read_under_10(db):  # a year without a profile: 10号
    table = read_table(xlsx_bytes({"Sheet1": two_projects_form()}), filename="t.xlsx", year=2026)
    cost = table.projects[0].indicators[1]
    assert cost.notes == ("一级指标“成本指标”（101号）按 10号 归入 产出指标", "二级指标“经济成本指标”按 10号 归入 成本指标")
    assert cost.classes_printed


def test_xls_is_read_like_xlsx(db, tmp_path):
    run_import(write(tmp_path, "t.xls", xls_bytes({"Sheet1": two_projects_form()})), department=UNIT)
    assert without_codes(stored(UNIT)) == TWO_PROJECTS


def test_gb18030_csv(db, tmp_path):
    run_import(write(tmp_path, "t.csv", csv_bytes(fused_list(), encoding="gb18030")), department=UNIT)
    assert without_codes(stored(UNIT)) == [(1, "妇女儿童之家建设", D("120.50"), FUSED_LINES)]


def test_second_import_changes_nothing(db, tmp_path):
    path = write(tmp_path, "t.xlsx", xlsx_bytes({"Sheet1": two_projects_form()}))
    run_import(path, department=UNIT)
    before = stored(UNIT)
    assert "新建项目 0 个、指标 0 个；更新 0；未变 8（项目 2 个、指标 6 个）" in run_import(path, department=UNIT)
    assert stored(UNIT) == before


def test_a_column_given_on_the_command_line(db, tmp_path):
    # The target sits under a header no alias knows: 目标 (column D).
    rows = [["项目名称", "资金总额", "指标名称", "目标", "运算符"], ["租赁服务", "30", "租赁面积", "1200", "≥"]]
    path = write(tmp_path, "t.csv", csv_bytes(rows))
    with pytest.raises(CommandError, match="找不到表头"):
        run_import(path, department=UNIT)
    run_import(path, department=UNIT, column=["指标值=D"])
    assert stored(UNIT)[0][4] == [(1, "租赁面积", "≥", "1200", D(1200), "", OUT, "数量指标", None)]


@pytest.mark.parametrize("change, message", [
    (lambda rows: rows[6].__setitem__(7, "20"),
     "第 2 行「项目名称」：项目「工资性支出」各指标分值合计 80.00 分，加预算执行 10.00 分为 90.00 分，应为 100.00 分"),
    (lambda rows: rows[6].__setitem__(4, "约等于"),
     "第 7 行「运算符」无法识别：'约等于'（应为 ≥、>、≤、<、=、定性 或留空）"),
    (lambda rows: rows[5].__setitem__(5, "足额"), "第 6 行「年度目标值」请输入数字：'足额'"),
    (lambda rows: rows[6].__setitem__(7, ""), "第 2 行「项目名称」：项目「工资性支出」1 个指标没有分值：按表中分值计分时，每个指标都须有分值（第 7 行「按时发放率」）"),
    (lambda rows: rows[3].__setitem__(1, "二百万"), "第 4 行「预算金额」请输入数字：'二百万'"),
    (lambda rows: rows[6].__setitem__(2, "满意度指标"), "第 7 行「二级指标」「服务对象满意度指标」不属于一级指标「产出指标」"),
    (lambda rows: rows[5].__setitem__(5, "≤100"), "第 6 行「年度目标值」单元格中的运算符「≤」与运算符列的「=」不一致：'≤100'"),
])
def test_malformed_variants_are_refused_by_place_with_nothing_stored(db, tmp_path, change, message):
    rows = sichuan_form()
    change(rows)
    with pytest.raises(CommandError) as refused:
        run_import(write(tmp_path, "t.txt", tsv_bytes(rows)), department=UNIT)
    assert message in str(refused.value)
    assert counts() == (0, 0, 0)


def test_a_refusal_in_a_workbook_names_sheet_and_cell(db, tmp_path):
    rows = two_projects_form()
    rows[11][4] = "八十五"
    with pytest.raises(CommandError) as refused:
        run_import(write(tmp_path, "t.xlsx", xlsx_bytes({"目标表": rows})), department=UNIT)
    assert "工作表「目标表」E12「年度目标值」请输入数字：'八十五'" in str(refused.value)
    assert counts() == (0, 0, 0)


def test_a_project_without_budget_is_refused(db, tmp_path):
    rows = [r for r in two_projects_form() if r[:1] != ["预算金额"] or r[1] != "35.6"]
    with pytest.raises(CommandError, match="工作表「S」B9「项目名称」：项目「巾帼创业培训」没有预算金额"):
        run_import(write(tmp_path, "t.xlsx", xlsx_bytes({"S": rows})), department=UNIT)
    assert counts() == (0, 0, 0)


def test_each_sheet_with_an_indicator_header_is_read_in_turn(db, tmp_path):
    first, second = two_projects_form()[:7], two_projects_form()[8:]
    sheets = {"说明": [["填表说明：金额单位为万元"]], "辅导": first, "培训": second}
    run_import(write(tmp_path, "t.xlsx", xlsx_bytes(sheets)), department=UNIT)
    assert without_codes(stored(UNIT)) == TWO_PROJECTS
    second[3][4] = "八五"
    with pytest.raises(CommandError, match="工作表「培训」E4「年度目标值」请输入数字：'八五'"):
        run_import(write(tmp_path, "t2.xlsx", xlsx_bytes(sheets)), department="另一单位")


def test_under_a_101_year_the_printed_cost_classes_are_kept_as_printed(db):
    from projects.models import RuleProfile
    from projects.services.rule_profiles import save_rule_profile

    save_rule_profile(profile=RuleProfile(year=2027, framework="101号", output_points=Decimal(40),
                                          cost_points=Decimal(10)))
    table = read_table(xlsx_bytes({"Sheet1": two_projects_form()}), filename="t.xlsx", year=2027)
    lines = [(line.name, line.level1, line.level2, line.notes) for line in table.projects[0].indicators]
    assert lines[1:3] == [("辅导成本", "成本指标", "经济成本指标", ()), ("投诉次数", "成本指标", "社会成本指标", ())]
