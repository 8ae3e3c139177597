"""Bulk entry from a spreadsheet: every row through the same services as the forms; all or nothing.

The preview runs the very same writes and rolls them back, so that it refuses exactly what the import would and
shows each row as the ledger would take it (the tier's default percentage filled in, a correction named).
"""
import datetime

from django.db import transaction

from core.errors import DomainError
from core.parsing import ParseError, parse_decimal, parse_whole_number
from indicators import rules
from indicators.reports_import.preview import ReportsPreview, planned_row
from indicators.reports_import.reader import LABELS, ReadError, Row, read_rows
from indicators.services.common import latest_row
from indicators.services.report_batch import ReportBatch, expenditure_key, report_key
from projects.models import Department, Indicator, Project
from projects.written import project_writes

TIER_NAMES = {
    **{tier.value: tier.value for tier in rules.Tier},
    **{label: tier.value for tier, label in rules.TIER_LABELS.items()},
    "达成": rules.Tier.ACHIEVED.value,
    "部分达成": rules.Tier.PARTIAL.value,
    "未达成": rules.Tier.FAILED.value,
}
FIELD_COLUMNS = {"value": "value", "amount": "value", "over_budget_reason": "note", "tier": "tier", "tier_percent": "tier_percent",
                 "as_of": "as_of", "reason": "reason", "corrects": "reason", "": "value"}


class ImportRefused(Exception):
    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("\n".join(messages))


class PreviewChanged(Exception):
    """The ledger moved on since the preview the user confirmed: nothing was written; `preview` is what it is now."""

    def __init__(self, preview: ReportsPreview):
        self.preview = preview
        super().__init__("自预览以来数据已有变化")


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


def _record(row: Row, project, indicator, as_of, batch: ReportBatch):
    cells = row.cells
    note, reason = cells.get("note", ""), cells.get("reason", "")
    if indicator is None:
        amount = _number(row, "value", decimal_places=2)
        # The 说明 column is the 超支说明 of an amount over the budget (DOMAIN §3).
        return batch.expenditure(project_id=project.pk, as_of=as_of, amount=amount, note=note,
                                 over_budget_reason=note, reason=reason)
    tier_text = cells.get("tier", "").strip()
    tier = TIER_NAMES.get(tier_text, tier_text)
    if tier_text and tier not in TIER_NAMES.values():
        raise ImportRefused([f"{_where(row, 'tier')}未知的完成档次：'{tier_text}'"])
    return batch.report(
        indicator_id=indicator.pk, as_of=as_of,
        value=_number(row, "value", unit=indicator.unit), tier=tier,
        tier_percent=_number(row, "tier_percent"), note=note, reason=reason,
    )


def _write_rows(*, data: bytes, filename: str, department: Department, year: int, user,
                progress=None) -> ReportsPreview:
    """Appends every row through the write path (inside the caller's transaction) and says what each became;
    `progress(done, total)` after each row (a terminal's progress line)."""
    try:
        read = read_rows(data, filename=filename)
    except ReadError as exc:
        return ReportsPreview(rows=[], refusals=[str(exc)])
    projects = {p.seq: p for p in Project.objects.filter(department=department, year=year)}
    indicators = {(i.project_id, i.order): i for i in Indicator.objects.filter(project__in=projects.values())}
    errors: list[str] = []
    parsed = {}
    for row in read.rows:
        try:
            parsed[row.line] = _parse_row(row, projects, indicators)
        except ImportRefused as exc:
            errors.extend(exc.messages)
    # The projects the file names, each locked once, and their lines' rows read once (ReportBatch).
    touched = {project.pk: project for project, _, _ in parsed.values()}
    batch = ReportBatch(user=user, projects=list(touched.values()),
                        indicators=[i for i in indicators.values() if i.project_id in touched])
    # Earlier dates first, so that a later as-of in the same file is entered as the newer report.
    ordered = sorted(read.rows, key=lambda r: (r.cells.get("as_of", ""), r.line))
    checked = []
    for done, row in enumerate(ordered, start=1):
        if progress is not None:
            progress(done - 1, len(ordered))
        if row.line not in parsed:
            continue  # refused above
        project, indicator, as_of = parsed[row.line]
        try:
            key = expenditure_key(project.pk) if indicator is None else report_key(indicator.pk)
            before = latest_row(batch.rows(key))
            checked.append((row.line, project, indicator, before, _record(row, project, indicator, as_of, batch)))
        except ImportRefused as exc:
            errors.extend(exc.messages)
        except DomainError as exc:
            for field, messages in exc.errors.items():
                column = LABELS[FIELD_COLUMNS.get(field, "value")]
                errors.extend(f"第 {row.line} 行「{column}」{message}" for message in messages)
    # Inserted even beside refusals, so that the preview names each row as the ledger takes it; the caller rolls
    # back a refused file.
    batch.save()
    written_by_line = {(type(written), written.pk): line for line, _, _, _, written in checked}
    planned = [planned_row(line, project, indicator, before=before, written=written, written_by_line=written_by_line)
               for line, project, indicator, before, written in checked]
    if progress is not None:
        progress(len(ordered), len(ordered))
    return ReportsPreview(rows=sorted(planned, key=lambda r: r.line), refusals=sorted(errors, key=_line_number),
                          blank_lines=read.blank_lines, ignored_columns=read.ignored_columns)


def preview_reports(*, data: bytes, filename: str, department: Department, year: int, user) -> ReportsPreview:
    """What importing the file would write, row by row, and every refusal; nothing is stored."""
    with project_writes():  # one refresh per project for the whole file
        preview = _write_rows(data=data, filename=filename, department=department, year=year, user=user)
        transaction.set_rollback(True)
    return preview


def import_reports(*, data: bytes, filename: str, department: Department, year: int, user,
                   expected_digest: str | None = None, progress=None) -> ReportsPreview:
    """Appends every row of the file, or nothing: the messages name each bad row's line and column.

    With `expected_digest` (the preview the user confirmed), nothing is written either if the rows would now differ
    from that preview, or be refused (someone saved meanwhile): PreviewChanged carries the preview as it is now.
    """
    with project_writes():  # one refresh per project for the whole file
        preview = _write_rows(data=data, filename=filename, department=department, year=year, user=user,
                              progress=progress)
        changed = expected_digest is not None and (preview.digest != expected_digest or bool(preview.refusals))
        if preview.refusals or changed:
            transaction.set_rollback(True)
    if changed:
        raise PreviewChanged(preview)
    if preview.refusals:
        raise ImportRefused(preview.refusals)
    return preview


def _line_number(message: str) -> int:
    digits = "".join(ch for ch in message.split("行", 1)[0] if ch.isdigit())
    return int(digits) if digits else 0
