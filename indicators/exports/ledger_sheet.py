"""「填报记录」: every ledger row of the department-year (DOMAIN §6), one streamed query per ledger table.

Rows are read with `values()` and `iterator()`, so a department with a hundred thousand reports is written without
holding them in memory. 「计入评价」 marks the rows that are current at the as-of date, i.e. those the figures of
the other sheets come from.
"""
from collections.abc import Iterable, Iterator

from django.db.models import F

from indicators import rules
from indicators.exports.renderer import Cell, Row, Sheet
from indicators.exports.rows import header_row, local, person, record_sheet
from indicators.services.monitoring import LIKELIHOOD_LABELS, REASON_LABELS
from indicators.exports.used_rows import UsedRows
from indicators.models import ExpenditureReport, IndicatorReport, MonitoringNote

NAME = "填报记录"
CHUNK = 2000
COLUMNS = [
    ("类别", 10), ("记录号", 8), ("项目序号", 8), ("项目名称", 18), ("指标", 22), ("填报数值", 12), ("单位", 8),
    ("完成档次", 18), ("截至日期", 11), ("说明", 24), ("偏差原因", 18), ("完成目标可能性", 10), ("改进措施", 24),
    ("更正的记录号", 10), ("更正原因", 18), ("被更正于记录号", 10), ("填报人", 14), ("填报时间", 18), ("计入评价", 8),
]
WHO = ("entered_by__username", "entered_by__first_name", "entered_by__last_name")
COMMON = ("id", "as_of", "note", "corrects_id", "reason", "corrected_by__id", "entered_at", *WHO)
REASON_FIELDS = MonitoringNote.REASON_FIELDS


def ledger_sheet(used: UsedRows, *, department, year: int, name: str = NAME) -> tuple[Sheet, Iterator[Row]]:
    return record_sheet(name, COLUMNS), _rows(used, department=department, year=year)


def _rows(used: UsedRows, *, department, year: int) -> Iterator[Row]:
    yield header_row(COLUMNS)
    for row in _stream(IndicatorReport.objects.filter(
        indicator__project__department=department, indicator__project__year=year
    ).order_by("indicator__project__seq", "indicator__order", "as_of", "entered_at", "id").values(
        *COMMON, "value", "tier", "tier_percent", "indicator__project__seq", "indicator__project__name",
        "indicator__name", "indicator__unit",
    )):
        yield _report_row(row, row["id"] in used.reports)
    for row in _stream(ExpenditureReport.objects.filter(
        project__department=department, project__year=year
    ).order_by("project__seq", "as_of", "entered_at", "id").values(*COMMON, "amount", "project__seq", "project__name")):
        yield _expenditure_row(row, row["id"] in used.expenditures)
    for row in _stream(MonitoringNote.objects.filter(
        project__department=department, project__year=year
    ).order_by("project__seq", F("indicator__order").asc(nulls_first=True), "as_of", "entered_at", "id").values(
        *COMMON, "forecast", "likelihood", "measures", "reason_other_text", *REASON_FIELDS.values(),
        "project__seq", "project__name", "indicator__name", "indicator__unit",
    )):
        yield _note_row(row, row["id"] in used.notes)


def _stream(queryset) -> Iterable[dict]:
    return queryset.iterator(chunk_size=CHUNK)


def _cells(kind: str, row: dict, *, seq, project, line, value, unit, tier="", reasons="", likelihood="",
           measures="", current: bool) -> Row:
    value_style = "amount" if unit == "万元" else "number"  # amounts in 万元 print with 2 places and separators
    cells = [
        Cell(kind, "center"), Cell(row["id"], "center"), Cell(seq, "center"), Cell(project, "wrap"),
        Cell(line, "wrap"), Cell(value, value_style), Cell(unit, "center"), Cell(tier, "wrap"),
        Cell(row["as_of"], "date"), Cell(row["note"], "wrap"), Cell(reasons, "wrap"), Cell(likelihood, "center"),
        Cell(measures, "wrap"), Cell(row["corrects_id"], "center"), Cell(row["reason"], "wrap"),
        Cell(row["corrected_by__id"], "center"), Cell(person(*(row[f] for f in WHO)), "wrap"),
        Cell(local(row["entered_at"]), "datetime"), Cell("是" if current else "", "center"),
    ]
    return Row(cells)


def _report_row(row: dict, current: bool) -> Row:
    tier = ""
    if row["tier"]:
        tier = f"{rules.TIER_LABELS[rules.Tier(row['tier'])]}（{rules.format_plain(row['tier_percent'])}%）"
    return _cells("指标完成值", row, seq=row["indicator__project__seq"], project=row["indicator__project__name"],
                  line=row["indicator__name"], value=row["value"], unit=row["indicator__unit"], tier=tier,
                  current=current)


def _expenditure_row(row: dict, current: bool) -> Row:
    return _cells("支出", row, seq=row["project__seq"], project=row["project__name"], line="预算执行",
                  value=row["amount"], unit="万元", current=current)


def _note_row(row: dict, current: bool) -> Row:
    reasons = [REASON_LABELS[code] for code, field in REASON_FIELDS.items() if row[field]]
    if row["reason_other"] and row["reason_other_text"]:
        reasons[-1] = f"{reasons[-1]}（{row['reason_other_text']}）"
    budget_line = row["indicator__name"] is None
    return _cells(
        "监控说明", row, seq=row["project__seq"], project=row["project__name"],
        line="预算执行" if budget_line else row["indicator__name"], value=row["forecast"],
        unit="万元" if budget_line else row["indicator__unit"], reasons="、".join(reasons),
        likelihood=LIKELIHOOD_LABELS.get(row["likelihood"], ""), measures=row["measures"], current=current,
    )
