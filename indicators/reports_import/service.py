"""Bulk entry from a spreadsheet: every row through the same services as the forms; all or nothing."""
import datetime
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from core.errors import DomainError
from core.parsing import ParseError, parse_decimal, parse_whole_number
from indicators import rules
from indicators.reports_import.reader import LABELS, ReadError, Row, read_rows
from indicators.services.reports import record_expenditure, record_indicator_report
from projects.models import Department, Indicator, Project

TIER_NAMES = {
    **{tier.value: tier.value for tier in rules.Tier},
    **{label: tier.value for tier, label in rules.TIER_LABELS.items()},
    "达成": rules.Tier.ACHIEVED.value,
    "部分达成": rules.Tier.PARTIAL.value,
    "未达成": rules.Tier.FAILED.value,
}
FIELD_COLUMNS = {"value": "value", "amount": "value", "tier": "tier", "tier_percent": "tier_percent",
                 "as_of": "as_of", "reason": "reason", "corrects": "reason", "": "value"}


class ImportRefused(Exception):
    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("\n".join(messages))


@dataclass(frozen=True)
class ImportSummary:
    reports: int
    expenditures: int


def _where(row: Row, field: str) -> str:
    return f"第 {row.line} 行「{LABELS[field]}」"


def _parse_row(row: Row, projects: dict[int, Project], indicators: dict[tuple[int, int], Indicator]):
    cells = row.cells
    seq = parse_whole_number(cells["project_seq"])
    if seq is None:
        raise ImportRefused([f"{_where(row, 'project_seq')}不是整数：'{cells['project_seq']}'"])
    project = projects.get(seq)
    if project is None:
        raise ImportRefused([f"{_where(row, 'project_seq')}没有这个项目：{seq}"])
    try:
        as_of = datetime.date.fromisoformat(cells["as_of"].replace("/", "-"))
    except ValueError:
        raise ImportRefused([f"{_where(row, 'as_of')}不是日期（YYYY-MM-DD）：'{cells['as_of']}'"]) from None
    indicator = None
    if cells["indicator_order"]:
        indicator = indicators.get((project.pk, parse_whole_number(cells["indicator_order"])))
        if indicator is None:
            raise ImportRefused([f"{_where(row, 'indicator_order')}项目 {seq} 没有这个指标：'{cells['indicator_order']}'"])
    return project, indicator, as_of


def _number(row: Row, field: str, **kwargs):
    try:
        return parse_decimal(row.cells.get(field, ""), **kwargs)
    except ParseError as exc:
        raise ImportRefused([f"{_where(row, field)}{exc}"]) from None


def _record(row: Row, project, indicator, as_of, user):
    cells = row.cells
    note, reason = cells.get("note", ""), cells.get("reason", "")
    if indicator is None:
        amount = _number(row, "value", decimal_places=2)
        return record_expenditure(project=project, user=user, as_of=as_of, amount=amount, note=note, reason=reason)
    tier_text = cells.get("tier", "").strip()
    tier = TIER_NAMES.get(tier_text, tier_text)
    if tier_text and tier not in TIER_NAMES.values():
        raise ImportRefused([f"{_where(row, 'tier')}未知的完成档次：'{tier_text}'"])
    return record_indicator_report(
        indicator=indicator, user=user, as_of=as_of,
        value=_number(row, "value", unit=indicator.unit), tier=tier,
        tier_percent=_number(row, "tier_percent"), note=note, reason=reason,
    )


def import_reports(*, path: Path, department: Department, year: int, user) -> ImportSummary:
    """Appends every row of the file, or nothing: the messages name each bad row's line and column."""
    try:
        rows = read_rows(path)
    except ReadError as exc:
        raise ImportRefused([str(exc)]) from None
    projects = {p.seq: p for p in Project.objects.filter(department=department, year=year)}
    indicators = {(i.project_id, i.order): i for i in Indicator.objects.filter(project__in=projects.values())}
    # Earlier dates first, so that a later as-of in the same file is entered as the newer report.
    ordered = sorted(rows, key=lambda r: (r.cells.get("as_of", ""), r.line))
    errors: list[str] = []
    counts = {"reports": 0, "expenditures": 0}
    with transaction.atomic():
        for row in ordered:
            try:
                project, indicator, as_of = _parse_row(row, projects, indicators)
                with transaction.atomic():
                    _record(row, project, indicator, as_of, user)
                counts["expenditures" if indicator is None else "reports"] += 1
            except ImportRefused as exc:
                errors.extend(exc.messages)
            except DomainError as exc:
                for field, messages in exc.errors.items():
                    column = LABELS[FIELD_COLUMNS.get(field, "value")]
                    errors.extend(f"第 {row.line} 行「{column}」{message}" for message in messages)
        if errors:
            transaction.set_rollback(True)
    if errors:
        raise ImportRefused(sorted(errors, key=_line_number))
    return ImportSummary(**counts)


def _line_number(message: str) -> int:
    digits = "".join(ch for ch in message.split("行", 1)[0] if ch.isdigit())
    return int(digits) if digits else 0
