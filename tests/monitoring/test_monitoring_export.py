"""The 监控表 workbook read back with openpyxl: 「监控汇总」, the 136号 layout of each project, levels as text and fill."""
import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from indicators.exports.monitoring import write_monitoring_workbook
from indicators.services.monitoring import record_monitoring_note
from tests.conftest import project
from tests.monitoring.round_scenario import ROUND, indicator

URL = "/exports/2026/monitoring.xlsx?as_of=2026-07-31&department=nbfl"


def workbook(department):
    buffer = io.BytesIO()
    write_monitoring_workbook(department=department, year=2026, as_of=ROUND, output=buffer)
    buffer.seek(0)
    return load_workbook(buffer)


def row(sheet, number: int) -> list:
    return [cell.value for cell in sheet[number]]


def test_one_summary_sheet_and_one_sheet_per_project_in_published_order(scenario):
    names = workbook(scenario).sheetnames
    assert names[:4] == ["监控汇总", "1.设备购置经费", "2.培训费", "3.三八红旗手困难补助"]
    assert len(names) == 16 and all(len(name) <= 31 for name in names)


def test_the_summary_has_a_row_per_project_and_formulas_for_the_totals(scenario):
    sheet = workbook(scenario)["监控汇总"]
    assert sheet["A1"].value == "2026年宁波市妇女联合会项目支出绩效运行监控汇总表"
    assert sheet["D2"].value == datetime.datetime(2026, 7, 31) and sheet["F2"].number_format == "0.00%"
    assert row(sheet, 4)[:7] == ["序号", "项目名称", "全年预算数(万元)", "截至监控点执行数(万元)", "执行率", "预算监控等级",
                                 "项目监控等级"]
    first = row(sheet, 5)
    assert first[:2] == [1, "设备购置经费"] and (first[2], first[3]) == (4.6, 1.2)
    assert first[4] == pytest.approx(1.2 / 4.6) and first[5:11] == ["红灯（严重滞后）", "红灯（严重滞后）", 2, 1, 2, 3]
    assert first[11] == 71.31 and first[13] == "1.设备购置经费"  # the sum of its lines' 得分 (test_monitoring_round)
    assert row(sheet, 6)[5] == "绿灯（正常）"  # project 2 spent 20.00 of 26.33: ahead of time progress
    assert sheet["B20"].value == "合计" and sheet["C20"].value == "=SUM(C5:C19)" and sheet["K20"].value == "=SUM(K5:K19)"
    assert sheet["C5"].number_format == "#,##0.00"


def test_a_project_sheet_has_the_136_layout(scenario):
    sheet = workbook(scenario)["1.设备购置经费"]
    assert sheet["A1"].value == "项目支出绩效目标执行监控表"
    assert (sheet["A3"].value, sheet["B3"].value, sheet["G3"].value, sheet["H3"].value) == ("项目名称", "设备购置经费", "项目序号", 1)
    assert (sheet["I3"].value, sheet["J3"].value) == ("截至日期", datetime.datetime(2026, 7, 31))
    assert (sheet["A4"].value, sheet["B4"].value) == ("主管部门", "宁波市妇女联合会")
    assert row(sheet, 5)[:9] == ["项目资金", "年初预算数", "全年预算数", "截至监控点执行数", "执行率", "序时进度", "监控等级",
                                 "全年预计执行数", "偏差原因"]
    assert row(sheet, 6)[8:14] == ["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他", "其他原因说明"]
    assert row(sheet, 5)[14:18] == ["完成目标可能性", "改进措施", "待说明", "记录号"]
    budget = row(sheet, 7)
    assert budget[:4] == ["年度资金总额", 4.6, 4.6, 1.2] and budget[6] == "红灯（严重滞后）" and budget[16] == "待说明"
    assert row(sheet, 9)[:8] == ["一级指标", "二级指标", "三级指标", "年度指标值", "截至监控点完成值", "完成进度", "监控等级",
                                 "全年预计完成值"]
    assert row(sheet, 11)[:7] == ["产出指标", "数量指标", "设备购置数", "≥8台/件/组", 3, 0.375, "黄灯（预警）"]
    assert row(sheet, 12)[4:7] == [None, None, "无"]  # 使用人员满意度: nothing reported
    assert row(sheet, 14)[4:7] == [90, None, "红灯（严重滞后）"]  # 设备利用率: a rate, judged by meeting its target
    assert sheet.max_row == 15 and sheet.column_dimensions["R"].hidden


def test_levels_are_filled_as_well_as_written(scenario):
    sheet = workbook(scenario)["1.设备购置经费"]
    fills = {sheet[f"G{n}"].value: sheet[f"G{n}"].fill.fgColor.rgb for n in (7, 11, 12, 13)}
    assert fills == {"红灯（严重滞后）": "FFFDE7E6", "黄灯（预警）": "FFFFF4D1", "无": "FFEEF1F4", "绿灯（正常）": "FFE3F6E8"}


def test_qualitative_lines_show_their_tier(scenario):
    sheet = workbook(scenario)["2.培训费"]
    assert row(sheet, 13)[3:7] == ["进一步提升", "部分达成年度指标并具有一定效果", None, "黄灯（预警）"]


def test_the_current_notes_fill_the_owner_columns(scenario, finance):
    note = record_monitoring_note(
        project=project(1), indicator=indicator(1, 1), user=finance, as_of=ROUND, forecast=Decimal("7.5"),
        reasons=["经费保障", "其他"], reason_other="供应商延期", likelihood="有可能", measures="九月前完成采购",
    )
    line = row(workbook(scenario)["1.设备购置经费"], 11)
    assert line[7:18] == [7.5, "✓", None, None, None, "✓", "供应商延期", "有可能", "九月前完成采购", None, note.pk]


def test_everyone_of_the_department_downloads_the_workbook(client, scenario, manager):
    client.force_login(manager)
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''2026%E5%B9%B4")
    assert load_workbook(io.BytesIO(response.content)).sheetnames[0] == "监控汇总"


def test_another_department_cannot_download_it(client, scenario, outsider):
    client.force_login(outsider)
    assert client.get(URL).status_code == 404
