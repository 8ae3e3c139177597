"""Row ids as people and programs type them into URLs and query strings.

Primary keys are 64-bit. A longer number is simply no row: it must not reach the database (SQLite would overflow)
nor `int()` (which refuses strings of 4300 digits or more with a ValueError, a 500 if unguarded).
"""
MAX_ID = 2**63 - 1
ID_DIGITS = len(str(MAX_ID))  # 19
ID_PATTERN = rf"[0-9]{{1,{ID_DIGITS}}}"  # for URL patterns


def whole_number(raw: str | None, *, upper: int = MAX_ID) -> int | None:
    """`raw` as a whole number from 1 to `upper` (ASCII digits only), else None."""
    if raw and raw.isascii() and raw.isdigit() and len(raw) <= ID_DIGITS and 1 <= int(raw) <= upper:
        return int(raw)
    return None
