"""The workbook's formulas evaluated by a real spreadsheet engine: LibreOffice headless, told to recalculate on load.

LibreOffice shows an xlsx file's cached results unless told otherwise; the profile below makes it recalculate every
formula, so the figures read here are LibreOffice's own, not the ones the export stored.
"""
import csv
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.exports.conftest import NOV_20, export

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
]
RECALCULATE_ON_LOAD = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""
# Comma-separated, quoted, UTF-8 (76), from line 1; values as shown (token 9); every sheet to its own file (-1).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"


def as_shown(workbook: Path, tmp_path: Path) -> dict[str, list[list[str]]]:
    """Every sheet as LibreOffice displays it after recalculating: {sheet name: rows of cell texts}."""
    profile = tmp_path / "lo-profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALCULATE_ON_LOAD)
    out = tmp_path / "csv"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", CSV_FILTER,
         "--outdir", str(out), str(workbook)],
        check=True, capture_output=True, timeout=180,
    )
    prefix = f"{workbook.stem}-"
    return {
        path.stem.removeprefix(prefix): list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
        for path in out.glob("*.csv")
    }


def test_libreoffice_computes_the_total_of_1386_30_and_each_projects_rate_and_score(scenario, tmp_path):
    sheets = as_shown(export(scenario, tmp_path, NOV_20), tmp_path)
    assert len(sheets) == 21  # 汇总表, 15 自评表, 填报记录, 调整记录, 佐证材料, 抽查复核, 上年对比
    total = next(row for row in sheets["汇总表"] if row[0] == "合计")
    # 预算金额, 本级支出, 转移支付支出 (年初), then 全年预算数 after 培训费 26.33 → 24.00.
    assert [total[3], total[4], total[5], total[12]] == ["1,386.30", "1,386.30", "0.00", "1,383.97"]
    training = sheets["2.培训费"]
    assert training[5][2:8] == ["26.33", "24.00", "24.00", "10.00", "100.00%", "10.00"]
    assert next(row for row in training if row[0] == "总分")[6:8] == ["100.00", "26.67"]
    equipment = sheets["1.设备购置经费"]
    assert equipment[5][6:8] == ["90.00%", "9.00"]
    assert next(row for row in equipment if row[0] == "总分")[7] == "98.12"


def test_no_formula_evaluates_to_an_error(scenario, tmp_path):
    sheets = as_shown(export(scenario, tmp_path, NOV_20), tmp_path)
    errors = [(name, cell) for name, rows in sheets.items() for row in rows for cell in row
              if cell.startswith(("#", "Err:"))]
    assert errors == []
