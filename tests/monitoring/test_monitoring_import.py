"""The filled 监控表 comes back: export → fill (openpyxl, LibreOffice) → import gives exactly the typed notes.

Rows of a project sheet (1-based, as a person sees them): 7 is the budget line, 11 on the indicators in their
published order. Columns: H forecast, I–M the five reasons (✓), N 其他原因说明, O likelihood, P 改进措施, R 记录号.
"""
import shutil
import subprocess
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from indicators.exports.monitoring import write_monitoring_workbook
from indicators.models import MonitoringNote
from indicators.services.monitoring import record_monitoring_note
from tests.conftest import project
from tests.monitoring.round_scenario import ROUND, indicator

FILLED = {
    "1.设备购置经费": {
        "H7": 4.3, "I7": "✓", "O7": "确定能",
        "H11": 8, "K11": "✓", "N11": "供应商延期", "O11": "有可能", "P11": "九月前完成采购",
        "I14": "√", "O14": "完全不可能", "P14": "申请更换老旧设备",
    },
    "2.培训费": {"H12": "95%", "J12": "✓"},
}
EXPECTED = {  # (seq, order) → forecast, reasons, 其他 text, likelihood, measures
    (1, None): (Decimal("4.30"), ["funding"], "", "certain", ""),
    (1, 1): (Decimal("8"), ["staff", "other"], "供应商延期", "possible", "九月前完成采购"),
    (1, 4): (None, ["funding"], "", "impossible", "申请更换老旧设备"),
    (2, 2): (Decimal("95"), ["system"], "", "", ""),
}


def export(department, path):
    write_monitoring_workbook(department=department, year=2026, as_of=ROUND, output=path)
    return path


def edit(path, cells=None, *, remove=(), order=None):
    workbook = load_workbook(path)
    for title, values in (cells or {}).items():
        for ref, value in values.items():
            workbook[title][ref] = value
    for title in remove:
        del workbook[title]
    if order:
        workbook._sheets = [workbook[title] for title in order]
    workbook.save(path)
    return path


def run_import(path, user, stderr=None) -> str:
    out = StringIO()
    call_command("import_monitoring", str(path), department="nbfl", year=2026, user=user.username, stdout=out,
                 stderr=stderr or StringIO())
    return out.getvalue()


def refusal(path, user) -> str:
    with pytest.raises(CommandError) as caught:
        run_import(path, user)
    assert MonitoringNote.objects.count() == 0
    return str(caught.value)


def stored_notes() -> dict:
    notes = {}
    for note in MonitoringNote.objects.select_related("project", "indicator"):
        key = (note.project.seq, note.indicator.order if note.indicator else None)
        notes[key] = (note.forecast, note.reasons, note.reason_other_text, note.likelihood, note.measures)
    return notes


def test_a_filled_workbook_with_reordered_sheets_gives_exactly_the_typed_notes(scenario, finance, tmp_path):
    path = export(scenario, tmp_path / "监控表.xlsx")
    titles = load_workbook(path).sheetnames
    edit(path, FILLED, order=[*titles[2:], titles[0], titles[1]])  # 2.培训费 first, 1.设备购置经费 last
    out = run_import(path, finance)
    assert out.strip() == "截至 2026-07-31：15 个项目，写入监控说明 4 条，未改动 96 行。"
    assert stored_notes() == EXPECTED
    assert {n.as_of for n in MonitoringNote.objects.all()} == {ROUND}
    assert {n.entered_by for n in MonitoringNote.objects.all()} == {finance}


def test_the_command_counts_the_project_sheets_it_reads_on_stderr(scenario, finance, tmp_path):
    path = edit(export(scenario, tmp_path / "a.xlsx"), FILLED)
    err = StringIO()
    assert "写入监控说明 4 条" in run_import(path, finance, stderr=err)
    assert err.getvalue().splitlines() == ["读取监控表项目：0 / 15（0%）", "读取监控表项目：15 / 15（100%）"]


def test_importing_the_same_file_again_writes_nothing(scenario, finance, tmp_path):
    path = edit(export(scenario, tmp_path / "a.xlsx"), FILLED)
    run_import(path, finance)
    assert "写入监控说明 0 条" in run_import(path, finance) and MonitoringNote.objects.count() == 4


def test_an_unchanged_export_writes_nothing(scenario, finance, tmp_path):
    record_monitoring_note(project=project(1), indicator=indicator(1, 1), user=finance, as_of=ROUND, forecast=Decimal("7.5"),
                           reasons=["其他"], reason_other="供应商延期", likelihood="有可能", measures="九月采购")
    path = export(scenario, tmp_path / "a.xlsx")
    assert "写入监控说明 0 条，未改动 100 行" in run_import(path, finance)
    assert MonitoringNote.objects.count() == 1


def test_a_changed_note_of_the_same_round_is_stored_as_its_correction(scenario, finance, tmp_path):
    first = record_monitoring_note(project=project(1), indicator=indicator(1, 1), user=finance, as_of=ROUND,
                                   forecast=None, reasons=["funding"])
    path = edit(export(scenario, tmp_path / "改.xlsx"), {"1.设备购置经费": {"I11": None, "J11": "✓"}})
    run_import(path, finance)
    latest = MonitoringNote.objects.latest("id")
    assert latest.reasons == ["system"] and latest.corrects == first and latest.reason == "导入监控表「改.xlsx」"


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="没有 LibreOffice（soffice）")
def test_a_workbook_saved_again_by_libreoffice_imports_the_same(scenario, finance, tmp_path):
    path = edit(export(scenario, tmp_path / "filled.xlsx"), FILLED)
    saved = tmp_path / "libreoffice"
    subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
         "--convert-to", "xlsx", "--outdir", str(saved), str(path)],
        check=True, capture_output=True, timeout=180,
    )
    run_import(saved / "filled.xlsx", finance)
    assert stored_notes() == EXPECTED
    assert "写入监控说明 0 条" in run_import(saved / "filled.xlsx", finance)


def test_a_missing_sheet_refuses_the_whole_file(scenario, finance, tmp_path):
    path = edit(export(scenario, tmp_path / "a.xlsx"), FILLED, remove=["3.三八红旗手困难补助"])
    assert "缺少项目 3「三八红旗手困难补助」的工作表（按表头的「项目序号」查找）" in refusal(path, finance)


def test_a_reason_that_is_not_one_of_the_five_is_refused_with_sheet_row_and_column(scenario, finance, tmp_path):
    path = edit(export(scenario, tmp_path / "a.xlsx"), {**FILLED, "2.培训费": {"I11": "资金不足"}})
    assert "工作表「2.培训费」第 11 行「经费保障」（I11）请填 ✓ 或留空：'资金不足'" in refusal(path, finance)


def test_a_text_in_the_forecast_cell_is_refused(scenario, finance, tmp_path):
    path = edit(export(scenario, tmp_path / "a.xlsx"), {"1.设备购置经费": {"H11": "八台左右"}})
    assert "工作表「1.设备购置经费」第 11 行「全年预计完成值」（H11）请输入数字：'八台左右'" in refusal(path, finance)


def test_every_refusal_of_the_file_is_listed_at_once(scenario, finance, tmp_path):
    cells = {"1.设备购置经费": {"M11": "✓", "O14": "有可能", "H7": -1}, "2.培训费": {"H13": 1}}
    message = refusal(edit(export(scenario, tmp_path / "a.xlsx"), cells), finance)
    assert "工作表「1.设备购置经费」第 7 行「全年预计执行数」（H7）全年预计执行数不能为负数。" in message
    assert "工作表「1.设备购置经费」第 11 行「其他原因说明」（N11）勾选「其他」时请写明具体原因。" in message
    assert "工作表「1.设备购置经费」第 14 行「改进措施」（P14）完成目标可能性为「有可能」时请填写改进措施。" in message
    assert "工作表「2.培训费」第 13 行「全年预计完成值」（H13）定性指标按完成档次评价" in message


def test_moved_rows_are_refused(scenario, finance, tmp_path):
    path = edit(export(scenario, tmp_path / "a.xlsx"), {"1.设备购置经费": {"C11": "使用人员满意度", "C12": "设备购置数"}})
    assert "工作表「1.设备购置经费」第 11 行「三级指标」（C11）应为「设备购置数」，表中为「使用人员满意度」" in refusal(path, finance)


def test_a_line_changed_online_since_the_export_is_refused_as_stale(scenario, finance, finance2, tmp_path):
    path = edit(export(scenario, tmp_path / "a.xlsx"), {"1.设备购置经费": {"I11": "✓"}})
    record_monitoring_note(project=project(1), indicator=indicator(1, 1), user=finance2, as_of=ROUND, forecast=None,
                           reasons=["staff"])
    with pytest.raises(CommandError, match="第 11 行（设备购置数）：保存前已有人更新了此项：偏差原因 人员保障"):
        run_import(path, finance)
    assert MonitoringNote.objects.count() == 1


def test_a_file_that_is_not_a_workbook_is_refused(scenario, finance, tmp_path):
    path = tmp_path / "监控表.xlsx"
    path.write_text("不是 Excel")
    assert "无法读取 Excel 文件" in refusal(path, finance)


def test_finance_uploads_the_filled_workbook_on_the_round_page(client, scenario, finance, tmp_path):
    path = edit(export(scenario, tmp_path / "监控表.xlsx"), FILLED)
    client.force_login(finance)
    with path.open("rb") as file:
        response = client.post("/monitoring/upload/", {"year": 2026, "department": "nbfl", "file": file}, follow=True)
    page = response.content.decode()
    assert "已导入监控表「监控表.xlsx」（截至 2026-07-31）：写入监控说明 4 条，未改动 96 行。" in page
    assert stored_notes() == EXPECTED
    # 59 lines to explain before; now project 1's three (budget, 设备购置数, 设备利用率) carry a reason, and so
    # does project 2's 按期完成度, which is ahead of time (累计, green) and was not to explain: 56 remain.
    assert '<div class="value" id="needs-explanation-total">56</div>' in page


def test_a_refused_upload_lists_its_problems_and_stores_nothing(client, scenario, finance, tmp_path):
    path = edit(export(scenario, tmp_path / "监控表.xlsx"), {"1.设备购置经费": {"H11": "八台左右"}})
    client.force_login(finance)
    with path.open("rb") as file:
        page = client.post("/monitoring/upload/", {"year": 2026, "department": "nbfl", "file": file},
                           follow=True).content.decode()
    assert "监控表「监控表.xlsx」未导入，未写入任何记录：共 1 处问题。" in page
    assert "（H11）请输入数字：&#x27;八台左右&#x27;" in page and MonitoringNote.objects.count() == 0


@pytest.mark.parametrize("who, status", [("manager", 403), ("auditor", 403), ("outsider", 404)])
def test_only_finance_of_the_department_uploads(client, scenario, tmp_path, request, who, status):
    path = edit(export(scenario, tmp_path / "监控表.xlsx"), FILLED)
    client.force_login(request.getfixturevalue(who))
    with path.open("rb") as file:
        response = client.post("/monitoring/upload/", {"year": 2026, "department": "nbfl", "file": file})
    assert response.status_code == status and MonitoringNote.objects.count() == 0


def test_a_forecast_rate_above_100_is_refused(scenario, finance, tmp_path):
    # Row 12 of 1.设备购置经费 is line 2, 使用人员满意度 ≥ 95 %.
    path = edit(export(scenario, tmp_path / "a.xlsx"), {"1.设备购置经费": {"H12": 1000}})
    assert "工作表「1.设备购置经费」第 12 行「全年预计完成值」（H12）比率不能超过 100%" in refusal(path, finance)


def test_a_budget_forecast_in_yuan_is_refused(scenario, finance, tmp_path):
    path = edit(export(scenario, tmp_path / "a.xlsx"), {"2.培训费": {"H7": 12000}})
    assert ("工作表「2.培训费」第 7 行「全年预计执行数」（H7）金额单位为万元：12,000.00 万元是预算的 455.75 倍，"
            "是否按元填写？") in refusal(path, finance)


def test_a_budget_forecast_over_budget_needs_its_explanation_in_the_measures(scenario, finance, tmp_path):
    path = edit(export(scenario, tmp_path / "a.xlsx"), {"1.设备购置经费": {"H7": 5}})
    assert ("工作表「1.设备购置经费」第 7 行「改进措施」（P7）超支：全年预计执行数 5.00 万元超过预算 4.60 万元，"
            "请填写超支说明。") in refusal(path, finance)
    run_import(edit(path, {"1.设备购置经费": {"P7": "追加设备维修，已报追加预算"}}), finance)
    assert stored_notes()[(1, None)][0] == Decimal("5.00")
