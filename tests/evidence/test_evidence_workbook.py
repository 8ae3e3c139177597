"""The auditors' workbook lists every evidence file: the sha256 there is the stored file's, removed ones marked."""
import datetime
import hashlib

import openpyxl
from django.core.files.storage import storages

from indicators.exports.workbook import write_evaluation_workbook
from indicators.services.evidence import add_evidence, remove_evidence
from tests.conftest import project
from tests.evidence import files
from tests.evidence.conftest import upload

HEADER = ("记录号", "项目序号", "项目名称", "所属", "附加于记录", "文件名", "大小(字节)", "SHA-256", "文件类型", "上传人",
          "上传时间", "已移除", "移除原因", "移除人", "移除时间")


def evidence_rows(department, tmp_path) -> list[dict]:
    path = tmp_path / "2026.xlsx"
    write_evaluation_workbook(department=department, year=2026, as_of=datetime.date(2026, 12, 20), output=str(path))
    rows = list(openpyxl.load_workbook(path)["佐证材料"].iter_rows(values_only=True))
    assert rows[0] == HEADER
    return [dict(zip(HEADER, row, strict=True)) for row in rows[1:]]


def test_each_file_is_listed_with_the_sha256_of_the_stored_bytes(seeded, finance, finance2, tmp_path):
    line = project(2).indicators.get(order=1)
    photo = add_evidence(project=project(2), user=finance, upload=upload("现场照片.jpg", files.JPEG), indicator=line)
    sheet = add_evidence(project=project(1), user=finance2, upload=upload("000123.xlsx", files.xlsx()),
                         budget_line=True)
    wrong = add_evidence(project=project(1), user=finance, upload=upload("错传.pdf", files.PDF))
    remove_evidence(evidence=wrong, user=finance2, reason="传错了项目")
    rows = evidence_rows(seeded, tmp_path)
    assert [row["文件名"] for row in rows] == ["错传.pdf", "000123.xlsx", "现场照片.jpg"]  # project, budget, lines
    for row, file in zip(rows, (wrong, sheet, photo), strict=True):
        with storages["evidence"].open(file.stored_as, "rb") as handle:
            assert row["SHA-256"] == hashlib.sha256(handle.read()).hexdigest() == file.sha256
        assert row["大小(字节)"] == file.size
    assert rows[2]["SHA-256"] == hashlib.sha256(files.JPEG).hexdigest()
    assert (rows[2]["项目序号"], rows[2]["项目名称"], rows[2]["所属"]) == (2, project(2).name, f"1. {line.name}")
    assert (rows[1]["所属"], rows[1]["上传人"], rows[1]["已移除"]) == ("预算执行", "财务乙（finance2）", "否")
    assert rows[1]["上传时间"] == datetime.datetime(2026, 12, 20, 10, 0)
    assert (rows[0]["所属"], rows[0]["已移除"], rows[0]["移除原因"], rows[0]["移除人"]) == (
        "项目整体", "是", "传错了项目", "财务乙（finance2）")


def test_a_file_name_that_looks_like_a_formula_stays_text(seeded, finance, tmp_path):
    add_evidence(project=project(1), user=finance, upload=upload("=HYPERLINK(1).pdf", files.PDF))
    assert evidence_rows(seeded, tmp_path)[0]["文件名"] == "=HYPERLINK(1).pdf"


def test_a_year_without_files_has_the_header_only(seeded, tmp_path):
    assert evidence_rows(seeded, tmp_path) == []
