"""The dashboard's scenario: today is 2026-11-25 (Beijing time); finance has reported on five of the 15 projects.

Time progress that day: 329 / 365 = 0.90137 (序时进度 90.14%); green ≥ 0.8 × t, yellow ≥ 0.6 × t, red below.
"""
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from indicators.services.monitoring import record_monitoring_note
from indicators.services.reports import record_expenditure, record_indicator_report
from projects.models import Indicator
from tests.conftest import built_once_per_module, project, the_department, the_finance

TODAY = datetime(2026, 11, 25, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
AS_OF = date(2026, 11, 25)


@pytest.fixture
def today():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY


@pytest.fixture
def as_manager(client, manager):
    client.force_login(manager)
    return client


def indicator(seq: int, order: int) -> Indicator:
    return Indicator.objects.get(project=project(seq), order=order)


def report(user, seq: int, order: int, when: str, value=None, **extra):
    return record_indicator_report(
        indicator=indicator(seq, order), user=user, as_of=date.fromisoformat(when),
        value=None if value is None else Decimal(value), **extra,
    )


def spend(user, seq: int, when: str, amount: str, **extra):
    return record_expenditure(
        project=project(seq), user=user, as_of=date.fromisoformat(when), amount=Decimal(amount), **extra
    )


def explain(user, seq: int, order: int | None, when: str, reasons: list[str]):
    return record_monitoring_note(
        project=project(seq), indicator=None if order is None else indicator(seq, order), user=user,
        as_of=date.fromisoformat(when), forecast=None, reasons=reasons,
    )


def enter_the_reports():
    """Reports written through the services, as the finance clerk would enter them.

    1 设备购置经费 (4.60): all spent, every target met.
    2 培训费 (26.33): 10.00 spent, corrected to 13.00 the same day; 培训人数 200 ≥ 162 (over 120 %, no note);
      按期完成度 90 % < 95 %; the 定性 line partly achieved (explained: 人员保障); 满意度 not reported; 班次 3 < 4.
    3 三八红旗手困难补助 (4.60): all spent; ≤ 5 人: 4; 发放率 100 %; 定性 achieved at 90 %; 9200 元/人; 满意度 95.
    5 幼儿园办学经费: nothing reported, but the budget line is explained (经费保障) at the July round.
    6 妇女儿童维权经费 (6.50): all spent; every quantitative target met; the 定性 line failed at 45 % (explained).
    7 宁波市家庭教育指导师培训 (40.00): 30.00 spent; 培训人数 = 200: 220 (over, explained in the report's note).
    """
    finance = the_finance(the_department())
    with time_machine.travel(TODAY, tick=False):
        spend(finance, 1, "2026-10-31", "4.60")
        for order, value in [(1, "8"), (2, "96"), (3, "6"), (4, "95"), (5, "98")]:
            report(finance, 1, order, "2026-10-31", value)

        spend(finance, 2, "2026-11-20", "10.00")
        spend(finance, 2, "2026-11-20", "13.00", reason="补录 11 月发票")
        report(finance, 2, 1, "2026-11-20", "200")
        report(finance, 2, 2, "2026-11-20", "90")
        report(finance, 2, 3, "2026-11-20", tier="partial")
        report(finance, 2, 5, "2026-11-20", "3")
        explain(finance, 2, 3, "2026-11-20", ["staff"])

        spend(finance, 3, "2026-11-20", "4.60")
        for order, value in [(1, "4"), (2, "100"), (4, "9200"), (5, "95")]:
            report(finance, 3, order, "2026-11-20", value)
        report(finance, 3, 3, "2026-11-20", tier="achieved", tier_percent=Decimal(90))

        explain(finance, 5, None, "2026-07-31", ["funding"])

        spend(finance, 6, "2026-11-20", "6.50")
        for order, value in [(1, "3"), (2, "92"), (4, "100"), (5, "1000")]:
            report(finance, 6, order, "2026-11-20", value)
        report(finance, 6, 3, "2026-11-20", tier="failed", tier_percent=Decimal(45))
        explain(finance, 6, 3, "2026-11-20", ["system"])

        spend(finance, 7, "2026-09-30", "30.00")
        report(finance, 7, 1, "2026-11-20", "220", note="报名踊跃，增开一期")


@pytest.fixture
@built_once_per_module(enter_the_reports)
def scenario(seeded, finance, today, built):
    """The seeded table with the reports of `enter_the_reports`."""
    built(enter_the_reports)
    return seeded


@pytest.fixture(scope="module")
def seed_moment():
    """Today: a module whose every test reads the scenario (and so is frozen at today) has its table imported then."""
    return TODAY
