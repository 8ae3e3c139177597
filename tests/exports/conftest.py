"""A department-year with reports, a correction, monitoring notes and adjustments, all entered through the services.

Today is 2026-11-25 (Beijing). Project 1 and 3 are the figures of tests/evaluation (98.12 and 90.44 as of
2026-11-20); project 2 has 培训人数 162 → 150 人 and its budget 26.33 → 24.00 万元 from 2026-09-01, so an export as
of 2026-07-31 shows the 年初 values and one as of 2026-11-20 the adjusted ones.
"""
import datetime
import json
import math
from decimal import Decimal
from io import StringIO
from pathlib import Path

import openpyxl
import pytest
import time_machine
from django.core.management import call_command

from indicators.exports.workbook import write_evaluation_workbook
from indicators.services.monitoring import record_monitoring_note
from indicators.services.reports import record_expenditure, record_indicator_report
from projects.services.adjustments import (
    approve_adjustment,
    propose_budget_adjustment,
    propose_indicator_adjustment,
    reject_adjustment,
)
from tests.conftest import (
    DEPARTMENT_NAME,
    built_once_per_module,
    project,
    the_admin,
    the_department,
    the_finance,
    the_finance2,
)

NOW = datetime.datetime(2026, 11, 25, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
NOV_20 = datetime.date(2026, 11, 20)
JUL_31 = datetime.date(2026, 7, 31)
SEPT_1 = datetime.date(2026, 9, 1)


@pytest.fixture(autouse=True)
def _frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


def indicator(seq: int, order: int):
    return project(seq).indicators.get(order=order)


def report(user, seq: int, order: int, value=None, *, as_of=NOV_20, **extra):
    return record_indicator_report(
        indicator=indicator(seq, order), user=user, as_of=as_of,
        value=None if value is None else Decimal(value), **extra,
    )


def spend(user, seq: int, amount: str, *, as_of=NOV_20):
    return record_expenditure(project=project(seq), user=user, as_of=as_of, amount=Decimal(amount))


def enter_the_year():
    """Reports of projects 1, 2, 3 and adjustments of project 2 (approved), 1 (rejected) and 5 (pending)."""
    department = the_department()
    finance, finance2, admin_user = the_finance(department), the_finance2(department), the_admin()
    with time_machine.travel(NOW, tick=False):
        # Project 1: 4.14 of 4.60 spent; 设备利用率 first entered as 88, corrected to 90 by the second clerk.
        spend(finance, 1, "4.14")
        for order, value in ((1, "10"), (2, "96"), (3, "6"), (4, "88"), (5, "95")):
            report(finance, 1, order, value)
        report(finance2, 1, 4, "90", reason="问卷统计有误，更正为 90", note="复核后")
        # Project 3: a ceiling, a rate, a 定性 tier, a cost and a missed satisfaction.
        spend(finance, 3, "4.60")
        for order, value in ((1, "4"), (2, "100"), (4, "9200"), (5, "85")):
            report(finance, 3, order, value)
        report(finance, 3, 3, tier="partial", tier_percent=Decimal(70), note="走访慰问 5 人")
        # Project 2: half the budget by July with a monitoring note, then both adjustments from 1 September.
        spend(finance, 2, "12.00", as_of=JUL_31)
        trainees = indicator(2, 1)
        record_monitoring_note(
            project=project(2), indicator=trainees, user=finance, as_of=JUL_31, forecast=Decimal(150),
            reasons=["funding", "other"], reason_other="场地未落实", likelihood="possible", measures="下半年加开两期",
        )
        target = propose_indicator_adjustment(
            indicator=trainees, user=finance, operator="≥", target_text="150", unit="人", weight=None,
            reason="上级压减培训班次，培训人数相应调减", effective_date=SEPT_1,
        )
        approve_adjustment(adjustment=target, user=admin_user)
        budget = propose_budget_adjustment(
            project=project(2), user=finance, budget=Decimal("24.00"), own_level=Decimal("24.00"),
            transfer=Decimal("0.00"), reason="年中预算调减", effective_date=SEPT_1,
        )
        approve_adjustment(adjustment=budget, user=admin_user)
        report(finance, 2, 1, "155")
        spend(finance, 2, "24.00")
        # Decisions that change nothing: a rejected target change and a pending budget change.
        rejected = propose_indicator_adjustment(
            indicator=indicator(1, 1), user=finance, operator="≥", target_text="6", unit="台/件/组", weight=None,
            reason="采购计划调整", effective_date=SEPT_1,
        )
        reject_adjustment(adjustment=rejected, user=admin_user, reason="理由不充分")
        propose_budget_adjustment(
            project=project(5), user=finance, budget=Decimal("600.00"), own_level=Decimal("600.00"),
            transfer=Decimal("0.00"), reason="预计结余", effective_date=datetime.date(2026, 10, 1),
        )


@pytest.fixture
@built_once_per_module(enter_the_year)
def scenario(seeded, finance, finance2, admin_user, built):
    """Reports of projects 1, 2, 3 and adjustments of project 2 (approved), 1 (rejected) and 5 (pending)."""
    built(enter_the_year)
    return seeded


def export(department, tmp_path: Path, as_of: datetime.date, *, name: str = "export.xlsx") -> Path:
    path = tmp_path / name
    write_evaluation_workbook(department=department, year=2026, as_of=as_of, output=str(path))
    return path


def open_workbook(path: Path, *, values: bool = False):
    """values=True reads formulas' cached results, as the import and most readers do."""
    return openpyxl.load_workbook(path, data_only=values)


def evaluate_json(as_of: datetime.date) -> dict:
    out = StringIO()
    call_command("evaluate", department=DEPARTMENT_NAME, year=2026, as_of=as_of.isoformat(), format="json",
                 stdout=out)
    return json.loads(out.getvalue())


def rows_of(sheet, first: int, last: int) -> list[tuple]:
    return [tuple(row) for row in sheet.iter_rows(min_row=first, max_row=last, values_only=True)]


def close(actual, expected) -> bool:
    """Numbers within float precision (cells store doubles written with 16 digits), anything else equal."""
    numeric = (int, float, Decimal)
    if isinstance(expected, numeric) and not isinstance(expected, bool):
        return isinstance(actual, (int, float)) and not isinstance(actual, bool) and math.isclose(
            actual, float(expected), rel_tol=1e-14, abs_tol=1e-12)
    return actual == expected


def mismatches(actual_rows: list[tuple], expected_rows: list[tuple]) -> list[str]:
    """Every cell that differs, as 'row r col c: actual != expected' (empty when all match)."""
    found = [f"row count {len(actual_rows)} != {len(expected_rows)}"] if len(actual_rows) != len(expected_rows) else []
    for r, (actual, expected) in enumerate(zip(actual_rows, expected_rows, strict=False)):
        if len(actual) != len(expected):
            found.append(f"row {r}: {len(actual)} cells != {len(expected)}")
        found += [f"row {r} col {c}: {a!r} != {e!r}" for c, (a, e) in enumerate(zip(actual, expected, strict=False))
                  if not close(a, e)]
    return found


@pytest.fixture(scope="module")
def seed_moment():
    """The clock of this folder's tests: a seeded table imported once for a module is dated as theirs are."""
    return NOW
