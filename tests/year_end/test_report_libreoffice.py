"""The 绩效自评报告 opened by a real word processor: LibreOffice headless converts it to PDF, and its text (tables
included) carries `evaluate`'s figures."""
import json
import shutil
import subprocess
from decimal import ROUND_HALF_UP, Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from indicators.services.year_end import record_deduction, record_project_texts
from tests.conftest import project
from tests.year_end.conftest import line

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
]


def convert(document: Path, tmp_path: Path, target: str) -> Path:
    profile = tmp_path / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", target,
         "--outdir", str(tmp_path / "out"), str(document)],
        check=True, capture_output=True, timeout=180,
    )
    return tmp_path / "out" / f"{document.stem}.{target.split(':')[0]}"


def test_libreoffice_opens_the_report_and_reads_evaluates_figures(scenario, finance, admin_user, tmp_path):
    record_project_texts(project=project(1), user=finance, achievement="完成设备购置 10 台。")
    record_deduction(indicator=line(1, 1), user=admin_user, points=Decimal(5), reason="年初目标偏低。")
    report = tmp_path / "report.docx"
    call_command("export_report", str(report), department="nbfl", year=2026, project=1, stdout=StringIO())
    pdf = convert(report, tmp_path, "pdf")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
    text = convert(report, tmp_path, "txt:Text (encoded):UTF8").read_text(encoding="utf-8-sig")
    out = StringIO()
    call_command("evaluate", department="nbfl", year=2026, as_of="2026-12-20", format="json", stdout=out)
    p1 = next(p for p in json.loads(out.getvalue())["projects"] if p["seq"] == 1)
    words = text.split()
    for figure in [p1["total_score"], p1["budget_points"], *(i["points"] for i in p1["indicators"])]:
        assert f"{Decimal(figure).quantize(Decimal('0.01'), ROUND_HALF_UP)}" in words, figure
    assert "完成设备购置 10 台。" in text
    assert "93.12" in words
