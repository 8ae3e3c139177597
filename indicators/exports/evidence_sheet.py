"""「佐证材料」: every evidence file of the department-year (DOMAIN §9), removed ones too, in one streamed query.

An auditor checks a file by its sha256: the value here is the hash of the stored bytes, computed at upload.
"""
from collections.abc import Iterator

from django.db.models import F

from indicators.evidence_models import EvidenceFile
from indicators.exports.renderer import Cell, Row, Sheet
from indicators.exports.rows import header_row, local, person, record_sheet

NAME = "佐证材料"
CHUNK = 2000
COLUMNS = [
    ("记录号", 8), ("项目序号", 8), ("项目名称", 18), ("所属", 22), ("附加于记录", 14), ("文件名", 28), ("大小(字节)", 12),
    ("SHA-256", 66), ("文件类型", 18), ("上传人", 14), ("上传时间", 18), ("已移除", 8), ("移除原因", 22),
    ("移除人", 14), ("移除时间", 18),
]
UPLOADER = ("entered_by__username", "entered_by__first_name", "entered_by__last_name")
REMOVER = ("removal__removed_by__username", "removal__removed_by__first_name", "removal__removed_by__last_name")


def evidence_sheet(*, department, year: int, name: str = NAME) -> tuple[Sheet, Iterator[Row]]:
    return record_sheet(name, COLUMNS), _rows(department=department, year=year)


def _rows(*, department, year: int) -> Iterator[Row]:
    yield header_row(COLUMNS)
    files = EvidenceFile.objects.filter(project__department=department, project__year=year).order_by(
        "project__seq", F("indicator__order").asc(nulls_first=True), "-budget_line", "entered_at", "id",
    ).values(
        "id", "project__seq", "project__name", "indicator__order", "indicator__name", "budget_line", "report_id",
        "expenditure_id", "explanation_id", "name", "size", "sha256", "content_type", "entered_at", *UPLOADER,
        "removal__id", "removal__reason", "removal__removed_at", *REMOVER,
    )
    for row in files.iterator(chunk_size=CHUNK):
        yield _row(row)


def _line(row: dict) -> str:
    if row["indicator__name"] is not None:
        return f"{row['indicator__order']}. {row['indicator__name']}"
    return "预算执行" if row["budget_line"] else "项目整体"


def _attached_to(row: dict) -> str:
    for field, label in (("report_id", "填报"), ("expenditure_id", "支出"), ("explanation_id", "年终说明")):
        if row[field] is not None:
            return f"{label} #{row[field]}"
    return ""


def _row(row: dict) -> Row:
    removed = row["removal__id"] is not None
    return Row([
        Cell(row["id"], "center"), Cell(row["project__seq"], "center"), Cell(row["project__name"], "wrap"),
        Cell(_line(row), "wrap"), Cell(_attached_to(row), "center"), Cell(row["name"], "wrap"),
        Cell(row["size"], "number"), Cell(row["sha256"], "text"), Cell(row["content_type"], "wrap"),
        Cell(person(*(row[f] for f in UPLOADER)), "wrap"), Cell(local(row["entered_at"]), "datetime"),
        Cell("是" if removed else "否", "not_met" if removed else "center"),
        Cell(row["removal__reason"] or "", "wrap"),
        Cell(person(*(row[f] for f in REMOVER)) if removed else "", "wrap"),
        Cell(local(row["removal__removed_at"]), "datetime"),
    ])
