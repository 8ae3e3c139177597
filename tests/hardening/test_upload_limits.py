"""A 监控表 upload that is no exported 监控表 is refused with a Chinese message, read within fixed limits."""
import tracemalloc
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from indicators.exports.monitoring import write_monitoring_workbook
from indicators.models import MonitoringNote
from indicators.monitoring_import.reader import MAX_COLUMNS, MAX_ROWS, ReadError, read_workbook
from tests.monitoring.conftest import TODAY, august, scenario  # noqa: F401 (fixtures)
from tests.monitoring.round_scenario import ROUND


def run_import(path, user) -> str:
    out = StringIO()
    call_command("import_monitoring", str(path), department="nbfl", year=2026, user=user.username, stdout=out)
    return out.getvalue()


def test_infinity_as_a_project_number_is_refused_not_a_crash(scenario, finance, tmp_path):
    path = tmp_path / "inf.xlsx"
    write_monitoring_workbook(department=scenario, year=2026, as_of=ROUND, output=path)
    workbook = load_workbook(path)
    workbook["1.设备购置经费"]["H3"] = "Infinity"  # 项目序号
    workbook.save(path)
    with pytest.raises(CommandError, match="项目序号.*没有这个项目：'Infinity'"):
        run_import(path, finance)
    assert MonitoringNote.objects.count() == 0


def test_a_sheet_cut_short_is_refused_in_chinese(scenario, finance, tmp_path):
    whole = tmp_path / "whole.xlsx"
    write_monitoring_workbook(department=scenario, year=2026, as_of=ROUND, output=whole)
    cut = tmp_path / "cut.xlsx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(cut, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                data = data[: len(data) // 2]
            target.writestr(info, data)
    with pytest.raises(ReadError, match="无法读取 Excel 文件"):
        read_workbook(cut)
    with pytest.raises(CommandError, match="无法读取 Excel 文件"):
        run_import(cut, finance)


def test_a_cell_in_the_last_column_does_not_widen_every_row(tmp_path):
    path = tmp_path / "xfd.xlsx"
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("监控汇总")
    for _ in range(2000):
        sheet.append([None] * 16383 + ["x"])  # one cell in column XFD per row
    workbook.save(path)
    tracemalloc.start()
    sheets = read_workbook(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert {len(row) for row in sheets[0].rows} == {MAX_COLUMNS}
    assert peak < 50 * 1024 * 1024  # was about 1 GB before the column limit


def test_more_rows_than_a_monitoring_sheet_has_are_refused(tmp_path):
    path = tmp_path / "rows.xlsx"
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("监控汇总")
    for index in range(MAX_ROWS + 1):
        sheet.append([index])
    workbook.save(path)
    with pytest.raises(ReadError, match=f"超过 {MAX_ROWS} 行"):
        read_workbook(path)


def test_a_zip_that_unpacks_to_more_than_the_limit_is_refused_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr("indicators.monitoring_import.reader.MAX_UNCOMPRESSED_BYTES", 10_000)
    path = tmp_path / "big.xlsx"
    workbook = Workbook()
    workbook.active["A1"] = "x" * 20_000
    workbook.save(path)
    with pytest.raises(ReadError, match="解压后超过"):
        read_workbook(path)
