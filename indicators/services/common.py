"""Checks every ledger write shares: who may write, which dates, which row is being corrected."""
import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.errors import ConflictError, DomainError
from core.roles import can_write_reports
from indicators.ledger import current_rows

UNSET = object()  # "the caller did not say which row they saw"


def check_writer(user, department_id: int) -> None:
    if not can_write_reports(user, department_id):
        raise DomainError("只有本部门的财务人员可以填报。")


def check_as_of(as_of: datetime.date | None, year: int, *, field: str = "as_of") -> None:
    if as_of is None:
        raise DomainError("请填写截至日期。", field=field)
    if as_of.year != year:
        raise DomainError(f"截至日期应在预算年度 {year} 年内：{as_of:%Y-%m-%d}", field=field)
    if as_of > timezone.localdate():
        raise DomainError(f"截至日期不能晚于今天：{as_of:%Y-%m-%d}", field=field)


def latest_row(rows):
    """The row that is current now, whatever its date (None for an empty ledger)."""
    return current_rows(rows, key=lambda row: 0, as_of=datetime.date.max).get(0)


def resolve_correction(*, rows, as_of, corrects, reason: str, expected_current_id, describe, value_field="value"):
    """Decides which row a new entry corrects, and refuses a stale or unexplained one.

    `rows` are the line's ledger rows, read under lock. A new entry dated like the current row corrects it
    (it needs a reason); `expected_current_id` is the current row the writer saw when the page loaded.
    """
    latest = latest_row(rows)
    if expected_current_id is not UNSET and (latest.id if latest else None) != expected_current_id:
        raise ConflictError(
            f"保存前已有人更新了此项：{describe(latest)}。您填写的内容未保存，请核对后重新提交。",
            field=value_field,
            other=latest,
        )
    by_id = {row.id: row for row in rows}
    if corrects is not None:
        target = by_id.get(corrects if isinstance(corrects, int) else corrects.id)
        if target is None:
            raise DomainError("要更正的记录不属于此项。", field="corrects")
        if any(row.corrects_id == target.id for row in rows):
            raise ConflictError("该记录已被更正过：请在最新记录的基础上更正。", field="corrects", other=target)
    elif latest is not None and latest.as_of == as_of:
        target = latest
    else:
        target = None
    if target is not None and not reason.strip():
        raise DomainError(
            f"截至 {target.as_of:%Y-%m-%d} 已填报 {describe(target)}：更正请填写更正原因。", field="reason"
        )
    return target


def row_fields(row) -> dict:
    """A checked, unsaved row's fields for append_row (the row it corrects is passed on its own)."""
    return {f.name: getattr(row, f.name) for f in row._meta.concrete_fields if f.name not in ("id", "corrects")}


def append_row(model, **fields):
    """Appends one ledger row; a correction that lost the race to another is a conflict, not a crash.

    Only the "corrected once" constraint means someone else was faster; any other integrity error is a bug in the
    validation before it, and is raised as it is rather than disguised as a conflict.
    """
    try:
        with transaction.atomic():
            return model.objects.create(**fields)
    except IntegrityError:
        target = fields.get("corrects")
        if target is not None and model.objects.filter(corrects=target).exists():
            raise ConflictError("该记录刚被他人更正：请刷新后重试。", field="corrects") from None
        raise


# Rows checked but not yet inserted carry ids above any real one, so that "current" and "already corrected" see
# them like saved rows while a batch is checked; append_rows swaps them for the real ids.
PENDING_IDS = 1 << 62


class PendingRows:
    """The rows a batch will append, in the order they were checked; `ledger[key]` is each line's rows, saved and
    pending, so that a later row of the same line is checked against the earlier ones."""

    def __init__(self, ledger: dict):
        self.ledger = ledger
        self.rows: list = []

    def add(self, key, row, target) -> None:
        row.id = PENDING_IDS + len(self.rows)
        row.corrects_id = target.id if target is not None else None
        self.rows.append(row)
        self.ledger.setdefault(key, []).append(row)


def append_rows(pending: PendingRows) -> list:
    """Inserts the checked rows in bulk, one INSERT per table; a row correcting another row of the same batch waits
    for it (one more INSERT per such step). A lost correction race is a conflict, as in append_row.

    Every writer of these ledgers locks the project first, so the race cannot happen between them; no savepoint is
    taken for it (the caller's transaction is rolled back with the conflict anyway).
    """
    real: dict[int, int] = {}
    left = list(pending.rows)
    while left:
        wave = [row for row in left if row.corrects_id is None or row.corrects_id < PENDING_IDS
                or row.corrects_id in real]
        by_model: dict[type, list] = {}
        for row in wave:
            row._pending_id, row.id = row.id, None
            if row.corrects_id is not None and row.corrects_id >= PENDING_IDS:
                row.corrects_id = real[row.corrects_id]
            by_model.setdefault(type(row), []).append(row)
        for model, rows in by_model.items():
            try:
                model.objects.bulk_create(rows)
            except IntegrityError as exc:
                if "corrected_once" in str(exc) or "corrects_id" in str(exc):  # PostgreSQL, SQLite
                    raise ConflictError("该记录刚被他人更正：请刷新后重试。", field="corrects") from None
                raise
        real.update((row._pending_id, row.id) for row in wave)
        left = [row for row in left if row.id is not None and row.id >= PENDING_IDS]  # not yet inserted
    return pending.rows
