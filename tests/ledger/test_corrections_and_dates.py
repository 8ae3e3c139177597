"""Corrections are new rows; "current as of D" is the latest as-of, then the latest entered (DOMAIN §6)."""
import datetime
from decimal import Decimal

import pytest
import time_machine

from core.errors import ConflictError, DomainError
from indicators.models import IndicatorReport
from indicators.selectors.evaluation import evaluate_project
from indicators.services.reports import record_expenditure, record_indicator_report
from tests.conftest import project

TODAY = datetime.datetime(2026, 11, 25, 10, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
D = datetime.date


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture(scope="module")
def seed_moment():
    """Today, as `frozen_today`: the table is imported then, for the module as it was for each test."""
    return TODAY


@pytest.fixture
def trainees(seeded):
    return project(2).indicators.get(order=1)  # 培训人数 ≥ 162 人


def actual_as_of(indicator, day):
    line = next(i for i in evaluate_project(project=indicator.project, as_of=day).indicators
                if i.indicator.pk == indicator.pk)
    return line.actual


def test_a_second_value_on_the_same_date_needs_a_reason_and_stores_nothing_without_one(trainees, finance):
    record_indicator_report(indicator=trainees, user=finance, as_of=D(2026, 11, 20), value=Decimal(150))
    with pytest.raises(DomainError) as refused:
        record_indicator_report(indicator=trainees, user=finance, as_of=D(2026, 11, 20), value=Decimal(160))
    assert "更正原因" in str(refused.value)
    assert IndicatorReport.objects.filter(indicator=trainees).count() == 1


def test_a_correction_keeps_the_old_row_and_names_it(trainees, finance):
    first = record_indicator_report(indicator=trainees, user=finance, as_of=D(2026, 11, 20), value=Decimal(150))
    fixed = record_indicator_report(indicator=trainees, user=finance, as_of=D(2026, 11, 20), value=Decimal(160),
                                    reason="漏计第四期 10 人")
    assert fixed.corrects_id == first.pk and fixed.reason == "漏计第四期 10 人"
    assert IndicatorReport.objects.get(pk=first.pk).value == Decimal(150)
    assert actual_as_of(trainees, D(2026, 11, 20)) == Decimal(160)


def test_a_row_can_be_corrected_only_once(trainees, finance):
    first = record_indicator_report(indicator=trainees, user=finance, as_of=D(2026, 10, 1), value=Decimal(100))
    record_indicator_report(indicator=trainees, user=finance, as_of=D(2026, 10, 1), value=Decimal(110),
                            corrects=first, reason="笔误")
    with pytest.raises(ConflictError):
        record_indicator_report(indicator=trainees, user=finance, as_of=D(2026, 10, 1), value=Decimal(120),
                                corrects=first, reason="再次更正")
    assert IndicatorReport.objects.filter(indicator=trainees).count() == 2


def test_current_means_latest_as_of_date_then_latest_entered(trainees, finance):
    record_indicator_report(indicator=trainees, user=finance, as_of=D(2026, 9, 30), value=Decimal(120))
    # Entered later but dated earlier: it does not replace the September figure as of November.
    record_indicator_report(indicator=trainees, user=finance, as_of=D(2026, 6, 30), value=Decimal(60))
    assert actual_as_of(trainees, D(2026, 11, 20)) == Decimal(120)
    assert actual_as_of(trainees, D(2026, 7, 31)) == Decimal(60)
    assert actual_as_of(trainees, D(2026, 6, 29)) is None


def test_a_stale_page_is_refused_with_the_other_persons_value(trainees, finance, finance2):
    seen = None  # the page was loaded before anything was reported
    record_indicator_report(indicator=trainees, user=finance2, as_of=D(2026, 11, 20), value=Decimal(155))
    with pytest.raises(ConflictError) as conflict:
        record_indicator_report(indicator=trainees, user=finance, as_of=D(2026, 11, 21), value=Decimal(150),
                                expected_current_id=seen)
    assert "155" in str(conflict.value) and "财务乙" in str(conflict.value)
    assert IndicatorReport.objects.filter(indicator=trainees).count() == 1


@pytest.mark.parametrize(
    ("as_of", "message"),
    [(D(2025, 12, 31), "预算年度 2026"), (D(2027, 1, 1), "预算年度 2026"), (D(2026, 11, 26), "不能晚于今天")],
)
def test_as_of_dates_outside_the_year_or_in_the_future_are_refused(trainees, finance, as_of, message):
    with pytest.raises(DomainError) as refused:
        record_indicator_report(indicator=trainees, user=finance, as_of=as_of, value=Decimal(1))
    assert message in str(refused.value)


def test_negative_actuals_are_refused_except_for_rates_of_change(seeded, finance):
    with pytest.raises(DomainError) as refused:
        record_indicator_report(indicator=project(2).indicators.get(order=1), user=finance,
                                as_of=D(2026, 11, 20), value=Decimal(-1))
    assert "不能为负数" in str(refused.value)
    saving = project(11).indicators.get(order=1)  # 单位能耗成本下降率 ≥ 2 %
    row = record_indicator_report(indicator=saving, user=finance, as_of=D(2026, 11, 20), value=Decimal("-0.5"))
    assert row.value == Decimal("-0.5")


def test_a_tier_is_only_for_qualitative_and_a_number_only_for_quantitative(seeded, finance):
    qualitative = project(2).indicators.get(order=3)
    with pytest.raises(DomainError, match="定性指标"):
        record_indicator_report(indicator=qualitative, user=finance, as_of=D(2026, 11, 20), value=Decimal(1))
    with pytest.raises(DomainError, match="定量指标"):
        record_indicator_report(indicator=project(2).indicators.get(order=1), user=finance,
                                as_of=D(2026, 11, 20), tier="achieved")


def test_a_tier_percent_outside_its_tier_is_refused(seeded, finance):
    qualitative = project(2).indicators.get(order=3)
    with pytest.raises(DomainError):
        record_indicator_report(indicator=qualitative, user=finance, as_of=D(2026, 11, 20), tier="partial",
                                tier_percent=Decimal(80))
    row = record_indicator_report(indicator=qualitative, user=finance, as_of=D(2026, 11, 20), tier="partial")
    assert row.tier_percent == Decimal(70)


def test_only_finance_of_the_department_may_write(seeded, manager, auditor, outsider):
    for user in (manager, auditor, outsider):
        with pytest.raises(DomainError, match="财务人员"):
            record_expenditure(project=project(1), user=user, as_of=D(2026, 11, 20), amount=Decimal(1))
