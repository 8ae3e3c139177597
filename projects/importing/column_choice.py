"""The columns a person chooses on an upload page (按所选列重新预览): what the page offers and what it reads back.

The choice is the mapping the command's --column gives (field → column index, `layouts.parse_mapping_option`), and
the import applies it the one way, refusing a needed field in no column, a column beyond the sheet or one column for
two fields (`layouts.check_columns`, whose messages are keyed by field so that the page shows each by its select).
"""
from collections.abc import Mapping

from projects.importing.layouts import FIELDS, Detected, detect
from projects.importing.reader import ImportFailed, Row, column_index, column_letter


def columns_found(rows: list[Row]) -> Detected:
    """The columns the first header names, with every column of the sheet to choose from (its header's text, if
    any); where no header is found, every column and none chosen."""
    try:
        found = detect(rows)
    except ImportFailed:
        found = Detected("", (), {})
    texts = dict(found.headers)
    width = max((len(row.cells) for row in rows), default=0)
    return Detected(found.where, tuple((i, texts.get(i, "")) for i in range(width)), found.mapping)


def chosen_columns(choices: Mapping[str, str]) -> dict[str, int]:
    """The page's selects, `col_target=F` → {'target': 5}, for every field; a blank choice is -1 (in no column)."""
    return {name: -1 if (index := column_index(choices.get(f"col_{name}") or "")) is None else index
            for name in FIELDS}


def column_fields(detected: Detected | None, mapping: dict[str, int] | None, *, needed: tuple[str, ...],
                  problems: dict[str, list[str]] | None = None) -> list[dict]:
    """One select per field: the file's columns, the one in use selected, and what is wrong with the choice."""
    if detected is None:
        return []
    in_use = detected.mapping | (mapping or {})
    columns = [(column_letter(i), f"{column_letter(i)}　{text}" if text else column_letter(i))
               for i, text in detected.headers]
    return [{"name": name, "label": label, "needed": name in needed,
             "selected": column_letter(in_use[name]) if in_use.get(name, -1) >= 0 else "", "columns": columns,
             "problems": (problems or {}).get(name, [])}
            for name, (label, _) in FIELDS.items()]
