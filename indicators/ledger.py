"""Which ledger row is current (DOMAIN §6): plain Python over rows already fetched."""
import datetime
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from typing import Protocol, TypeVar


class LedgerRowLike(Protocol):
    id: int
    as_of: datetime.date
    entered_at: datetime.datetime
    corrects_id: int | None


Row = TypeVar("Row", bound=LedgerRowLike)


def sort_key(row: LedgerRowLike) -> tuple:
    return (row.as_of, row.entered_at, row.id)


def current_rows(rows: Iterable[Row], key: Callable[[Row], Hashable], as_of: datetime.date) -> dict[Hashable, Row]:
    """Current row per key as of a date: latest as-of, then latest entered, skipping corrected rows.

    A row counts as corrected only by a correction that itself is dated on or before `as_of`.
    """
    visible = [row for row in rows if row.as_of <= as_of]
    corrected = {row.corrects_id for row in visible if row.corrects_id is not None}
    current: dict[Hashable, Row] = {}
    for row in visible:
        if row.id in corrected:
            continue
        k = key(row)
        held = current.get(k)
        if held is None or sort_key(row) > sort_key(held):
            current[k] = row
    return current


def group_rows(rows: Iterable[Row], key: Callable[[Row], Hashable]) -> dict[Hashable, list[Row]]:
    grouped: dict[Hashable, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[key(row)].append(row)
    return grouped


class UndatedRowLike(Protocol):
    id: int
    entered_at: datetime.datetime
    corrects_id: int | None


Undated = TypeVar("Undated", bound=UndatedRowLike)


def standing_rows(rows: Iterable[Undated], key: Callable[[Undated], Hashable]) -> dict[Hashable, Undated]:
    """Current row per key of an undated ledger (the year-end texts): the latest entered that no row corrects."""
    rows = list(rows)
    corrected = {row.corrects_id for row in rows if row.corrects_id is not None}
    current: dict[Hashable, Undated] = {}
    for row in rows:
        if row.id in corrected:
            continue
        k = key(row)
        held = current.get(k)
        if held is None or (row.entered_at, row.id) > (held.entered_at, held.id):
            current[k] = row
    return current
