"""The August round of the 2026 table: today is 10 August 2026 (Beijing), the round is as of 31 July.

Time progress at 2026-07-31: day 212 of 365, t = 212/365 = 0.580822. A line is green when p/t ≥ 0.8, yellow from
0.6, red below (DOMAIN §5); that is for 累计 lines, while a 时点 line is green when met and red when not. The
scenario reports, as of 31 July:

project 1 设备购置经费 (budget 4.60)                    project 2 培训费 (budget 26.33)
  budget   spent 1.20: p = 0.2609, p/t = 0.449  red       spent 20.00: p = 0.7596, p/t = 1.308  green
  1 设备购置数 ≥ 8 (累计)  3: p = 0.375, p/t = 0.646 yellow 1 培训人数 ≥ 162 人 (累计)  60: p = 0.3704, p/t = 0.638 yellow
  2 使用人员满意度 ≥ 95% (时点)  —              none       2 培训计划按期完成度 ≥ 95% (累计)  80: p = 0.8421, p/t = 1.450 green
  3 设备使用年限 ≥ 6 年 (时点)  6: met          green      3 (定性)  部分达成 70%                           yellow
  4 设备利用率 ≥ 95% (时点)  90: not met        red        4 培训人员满意度 ≥ 90% (时点)  —               none
  5 设备质量合格率 ≥ 95% (时点)  96: met         green      5 培训班次 ≥ 4 次 (累计)  2: p = 0.5, p/t = 0.861 green
  → 3 lines need an explanation (budget, 1, 4)           → 2 lines need an explanation (1, 3)
"""
import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.conftest import built_once_per_module, the_department, the_finance
from tests.monitoring.round_scenario import record_august_round

TODAY = datetime.datetime(2026, 8, 10, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def august():
    with time_machine.travel(TODAY, tick=False):
        yield


def enter_the_august_round():
    with time_machine.travel(TODAY, tick=False):
        record_august_round(the_finance(the_department()))


@pytest.fixture
@built_once_per_module(enter_the_august_round)
def scenario(august, seeded, finance, built):
    built(enter_the_august_round)
    return seeded


@pytest.fixture(scope="module")
def seed_moment():
    """The round's day: a module whose every test reads the table (most are frozen then) has it imported then."""
    return TODAY
