"""The 监控表 upload holds its texts to the same limits as the page and the API, naming the cell."""
import pytest
from django.core.management import CommandError
from openpyxl import load_workbook

from indicators.exports.monitoring import write_monitoring_workbook
from indicators.models import MonitoringNote
from tests.hardening.test_upload_limits import run_import
from tests.monitoring.conftest import TODAY, august, scenario  # noqa: F401 (fixtures)
from tests.monitoring.round_scenario import ROUND

SHEET = "1.设备购置经费"


def edited_workbook(scenario, tmp_path, **cells):
    path = tmp_path / "monitoring.xlsx"
    write_monitoring_workbook(department=scenario, year=2026, as_of=ROUND, output=path)
    workbook = load_workbook(path)
    for cell, value in cells.items():
        workbook[SHEET][cell] = value
    workbook.save(path)
    return path


def test_measures_over_the_limit_are_refused_with_the_cell(scenario, finance, tmp_path):
    before = MonitoringNote.objects.count()
    path = edited_workbook(scenario, tmp_path, P11="措" * 5000)  # 改进措施 of the sheet's first indicator
    with pytest.raises(CommandError) as refused:
        run_import(path, finance)
    assert f"工作表「{SHEET}」第 11 行「改进措施」（P11）过长：5000 字，最多 2000 字" in str(refused.value)
    assert MonitoringNote.objects.count() == before


def test_a_record_number_with_an_underscore_is_no_record_number(scenario, finance, tmp_path):
    before = MonitoringNote.objects.count()
    path = edited_workbook(scenario, tmp_path, R11="1_0")
    with pytest.raises(CommandError, match="「记录号」（R11）被改动：'1_0'"):
        run_import(path, finance)
    assert MonitoringNote.objects.count() == before
