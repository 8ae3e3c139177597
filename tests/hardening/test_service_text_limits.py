"""The write services hold texts to core/limits.py themselves (issue #23): a direct call with an over-long 说明,
更正原因 or 改进措施 is refused whole, in Chinese, beside its field, and nothing is stored. The page, the API and the
imports checked these before; a caller that skips them (a script, a new door) is now refused too."""
import datetime
from datetime import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from core.errors import DomainError
from indicators.models import ExpenditureReport, IndicatorReport, MonitoringNote
from indicators.services.monitoring import record_monitoring_note
from indicators.services.reports import record_expenditure, record_indicator_report
from tests.conftest import project

DAY = datetime.date(2026, 12, 20)


@pytest.fixture(autouse=True)
def year_end():
    with time_machine.travel(dt(2026, 12, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


def test_a_report_note_over_2000_characters_is_refused_and_one_at_the_limit_kept_whole(seeded, finance):
    line = project(2).indicators.get(order=1)
    with pytest.raises(DomainError) as refused:
        record_indicator_report(indicator=line, user=finance, as_of=DAY, value=Decimal(170), note="训" * 2001)
    assert refused.value.errors == {"note": ["说明最多 2000 字，现有 2001 字：请精简后再保存（系统不会截断）。"]}
    assert IndicatorReport.objects.count() == 0

    record_indicator_report(indicator=line, user=finance, as_of=DAY, value=Decimal(170), note="训" * 2000)
    assert len(IndicatorReport.objects.get().note) == 2000


def test_a_correction_reason_over_its_limit_is_refused(seeded, finance):
    line = project(2).indicators.get(order=1)
    record_indicator_report(indicator=line, user=finance, as_of=DAY, value=Decimal(170))
    with pytest.raises(DomainError) as refused:
        record_indicator_report(indicator=line, user=finance, as_of=DAY, value=Decimal(171), reason="更" * 2001)
    assert refused.value.errors == {"reason": ["更正原因最多 2000 字，现有 2001 字：请精简后再保存（系统不会截断）。"]}
    assert IndicatorReport.objects.count() == 1


def test_an_expenditure_note_over_its_limit_is_refused(seeded, finance):
    with pytest.raises(DomainError) as refused:
        record_expenditure(project=project(2), user=finance, as_of=DAY, amount=Decimal("20.00"), note="支" * 3000)
    assert refused.value.errors == {"note": ["说明最多 2000 字，现有 3000 字：请精简后再保存（系统不会截断）。"]}
    assert ExpenditureReport.objects.count() == 0


def test_a_monitoring_note_with_over_long_measures_and_other_reason_names_both(seeded, finance):
    p1 = project(1)
    with pytest.raises(DomainError) as refused:
        record_monitoring_note(project=p1, indicator=p1.indicators.get(order=4), user=finance,
                               as_of=datetime.date(2026, 7, 31), forecast=Decimal(90), reasons=["other"],
                               reason_other="他" * 501, likelihood="possible", measures="措" * 2001)
    assert refused.value.errors == {
        "measures": ["改进措施最多 2000 字，现有 2001 字：请精简后再保存（系统不会截断）。"],
        "reason_other": ["其他原因最多 500 字，现有 501 字：请精简后再保存（系统不会截断）。"],
    }
    assert MonitoringNote.objects.count() == 0


def test_an_over_long_measures_on_a_forecast_over_budget_says_too_long_not_missing(seeded, finance):
    with pytest.raises(DomainError) as refused:
        record_monitoring_note(project=project(1), user=finance, as_of=datetime.date(2026, 7, 31),
                               forecast=Decimal("5.00"), reasons=["funding"], likelihood="possible",
                               measures="措" * 2001)  # budget 4.60: over it, the 改进措施 is its 超支说明
    assert refused.value.errors == {"measures": ["改进措施最多 2000 字，现有 2001 字：请精简后再保存（系统不会截断）。"]}
    assert MonitoringNote.objects.count() == 0
