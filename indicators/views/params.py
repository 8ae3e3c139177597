"""What a request (or a command line) asks for, read once: dates, the dashboard table's filters and order.

Unknown or malformed values fall back to the defaults, with a message where the person should know.
"""
import datetime
from dataclasses import dataclass

from core.parsing import parse_date
from indicators.selectors.dashboard_table import DEFAULT_SORT, LEVEL_FILTERS, SORT_COLUMNS, TableQuery
from indicators.selectors.dates import default_as_of, latest_round
from indicators.selectors.rule_settings import grade_labels


@dataclass(frozen=True)
class AsOf:
    """The as-of date a page shows, and what was typed when it could not be used (kept in the field)."""

    date: datetime.date
    typed: str
    error: str

    @property
    def iso(self) -> str:
        """The date in an address (?as_of=2026-07-31): written once, not through a filter on every line."""
        return self.date.isoformat()

    @property
    def label(self) -> str:
        """The date as pages show it: 2026年7月31日."""
        return f"{self.date.year}年{self.date.month}月{self.date.day}日"


def read_as_of(raw: str | None, year: int) -> AsOf:
    """?as_of= checked: a date of the budget year, else the default (today within the year) with a message."""
    typed = (raw or "").strip()
    date = parse_date(typed)
    if typed and date is None:
        error = f"截至日期「{typed}」无法识别：请写成 年-月-日，例如 {year}-07-31。下面按默认日期显示。"
    elif date is not None and date.year != year:
        error = f"截至日期「{typed}」不在预算年度 {year} 年内。下面按默认日期显示。"
    else:
        return AsOf(date or default_as_of(year), typed, "")
    return AsOf(default_as_of(year), typed, error)


def round_date(raw: str | None, year: int) -> datetime.date:
    """The as-of date asked for when it lies in the year; else the latest round not after today."""
    asked = parse_date(raw)
    return asked if asked is not None and asked.year == year else latest_round(year)


def table_query(params) -> TableQuery:
    """The dashboard table's ?grade= ?level= ?needs= ?sort= ?dir= ?page=, unknown values dropped."""
    grade = params.get("grade", "")
    level = params.get("level", "")
    sort = params.get("sort", DEFAULT_SORT)
    page = params.get("page", "")
    return TableQuery(
        grade=grade if grade in grade_labels() else "",
        level=level if level in {lv.value for lv in LEVEL_FILTERS} else "",
        needs_explanation=params.get("needs") == "1",
        sort=sort if sort in SORT_COLUMNS else DEFAULT_SORT,
        descending=params.get("dir") == "desc",
        page=int(page) if page.isdigit() and int(page) > 0 else 1,
    )
