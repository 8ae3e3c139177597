"""「抽查复核」: every note of the finance bureau's spot checks (issue #21), the ledger as it stands, one query.

Written by the one renderer (texts through its write_string path); 「当前意见」 marks the note no later note
corrected, the one the department sees on its project page.
"""
from collections.abc import Iterator

from indicators.exports.renderer import Cell, Row, Sheet
from indicators.exports.rows import header_row, local, person, record_sheet
from indicators.models import SpotCheckNote, Verdict

NAME = "抽查复核"
COLUMNS = [
    ("记录号", 8), ("部门", 20), ("项目序号", 8), ("项目名称", 24), ("复核结论", 14), ("自评得分", 10), ("复核得分", 10),
    ("复核意见", 36), ("抽样种子", 10), ("抽样比例", 10), ("更正的记录号", 10), ("复核人", 14), ("复核时间", 18),
    ("当前意见", 8),
]
VERDICTS = dict(Verdict.choices)


def spot_check_sheet(*, year: int, department=None, name: str = NAME) -> tuple[Sheet, Iterator[Row]]:
    """The notes of a year, of one department or (None) of every department."""
    notes = SpotCheckNote.objects.filter(project__year=year)
    if department is not None:
        notes = notes.filter(project__department=department)
    return record_sheet(name, COLUMNS), _rows(notes)


def _rows(notes) -> Iterator[Row]:
    yield header_row(COLUMNS)
    rows = notes.order_by("project__department__code", "project__seq", "entered_at", "id").values(
        "id", "project__department__name", "project__seq", "project__name", "verdict", "self_score",
        "recomputed_score", "remarks", "seed", "share", "corrects_id", "corrected_by__id", "entered_at",
        "entered_by__username", "entered_by__first_name", "entered_by__last_name",
    )
    for row in rows.iterator(chunk_size=2000):
        yield Row([
            Cell(row["id"], "center"), Cell(row["project__department__name"], "wrap"),
            Cell(row["project__seq"], "center"), Cell(row["project__name"], "wrap"),
            Cell(VERDICTS.get(row["verdict"], row["verdict"]), "center"), Cell(row["self_score"], "score"),
            Cell(row["recomputed_score"], "score"), Cell(row["remarks"], "wrap"), Cell(row["seed"], "center"),
            Cell(row["share"], "percent"), Cell(row["corrects_id"], "center"),
            Cell(person(row["entered_by__username"], row["entered_by__first_name"], row["entered_by__last_name"]),
                 "wrap"),
            Cell(local(row["entered_at"]), "datetime"), Cell("" if row["corrected_by__id"] else "是", "center"),
        ])
