"""Evaluation as of D uses the target and budget in force at D (DOMAIN §8), in the same 8 queries.

Project 2 (培训费): 培训人数 ≥ 162 人 is the first of three 产出 indicators (50 / 3 points each: 16.67, 16.67,
16.66 in hundredths, DOMAIN §4); 155 trained by August. Budget 26.33 万元 with 20.00 spent by August.
"""
import datetime
from decimal import Decimal

import pytest

from indicators.selectors.evaluation import evaluate
from indicators.services.reports import record_expenditure, record_indicator_report
from projects.services.adjustments import (
    approve_adjustment,
    propose_budget_adjustment,
    propose_indicator_adjustment,
    reject_adjustment,
)
from tests.adjustments.conftest import budget_change, target_change

AUG_31 = datetime.date(2026, 8, 31)
SEPT_30 = datetime.date(2026, 9, 30)
OUTPUT_SHARE = Decimal("16.67")  # 培训人数's share of 产出 50 over 培训人数, 培训计划按期完成度, 培训班次


def q(value: Decimal) -> Decimal:
    return value.quantize(Decimal("1e-10"))


@pytest.fixture
def reported(training, trainees, finance):
    record_indicator_report(indicator=trainees, user=finance, as_of=datetime.date(2026, 8, 20), value=Decimal(155))
    record_expenditure(project=training, user=finance, as_of=datetime.date(2026, 8, 20), amount=Decimal("20.00"))
    return training


def project_as_of(project, as_of):
    return evaluate(year=2026, as_of=as_of, project_ids=[project.pk]).projects[0]


def trainees_line(evaluation):
    return next(line for line in evaluation.indicators if line.indicator.name == "培训人数")


def test_target_162_applies_before_the_effective_date_and_150_from_it(reported, trainees, finance, admin_user):
    adjustment = propose_indicator_adjustment(indicator=trainees, user=finance, **target_change())
    approve_adjustment(adjustment=adjustment, user=admin_user)

    before = trainees_line(project_as_of(reported, AUG_31))
    assert (before.target.target_value, before.adjusted, before.status) == (Decimal(162), False, "not_met")
    assert q(before.score.ratio) == q(Decimal(155) / Decimal(162))  # 95.68 %
    assert before.score.points == Decimal("15.95")  # 16.67 × 155/162 = 15.9496… to the cent
    assert q(before.progress) == q(Decimal(155) / Decimal(162))

    after = trainees_line(project_as_of(reported, SEPT_30))
    assert (after.target.target_value, after.adjusted, after.status) == (Decimal(150), True, "met")
    assert after.target.adjustment.pk == adjustment.pk
    assert q(after.score.ratio) == q(Decimal(155) / Decimal(150))  # 103.33 %, under 120 %: no over-achievement
    assert after.score.flags == ()
    assert q(after.score.points) == q(OUTPUT_SHARE)  # capped at 1: full points
    assert q(after.progress) == q(Decimal(155) / Decimal(150))


def test_effective_date_itself_uses_the_new_target(reported, trainees, finance, admin_user):
    approve_adjustment(adjustment=propose_indicator_adjustment(indicator=trainees, user=finance, **target_change()),
                       user=admin_user)
    assert trainees_line(project_as_of(reported, datetime.date(2026, 9, 1))).status == "met"
    assert trainees_line(project_as_of(reported, AUG_31)).status == "not_met"


def test_budget_26_33_applies_before_the_effective_date_and_24_from_it(reported, finance, admin_user):
    adjustment = propose_budget_adjustment(project=reported, user=finance, **budget_change())
    approve_adjustment(adjustment=adjustment, user=admin_user)

    before = project_as_of(reported, AUG_31)
    assert before.budget.budget == Decimal("26.33") and before.budget.adjustment is None
    assert q(before.execution_rate) == q(Decimal(20) / Decimal("26.33"))  # 75.96 %
    assert before.score.budget.points == Decimal("7.60")  # 10 × 20/26.33 = 7.5959…
    assert q(before.budget_progress) == q(Decimal(20) / Decimal("26.33"))

    after = project_as_of(reported, SEPT_30)
    assert after.budget.budget == Decimal("24.00") and after.budget.adjustment.pk == adjustment.pk
    assert q(after.execution_rate) == q(Decimal(20) / Decimal(24))  # 83.33 %
    assert after.score.budget.points == Decimal("8.33")  # 10 × 20/24 = 8.3333…
    assert q(after.budget_progress) == q(Decimal(20) / Decimal(24))


def test_both_adjustments_together_give_the_project_25_points(reported, trainees, finance, admin_user):
    """8.33 budget points + 16.67 for 培训人数; the other lines have no report yet."""
    for adjustment in (
        propose_indicator_adjustment(indicator=trainees, user=finance, **target_change()),
        propose_budget_adjustment(project=reported, user=finance, **budget_change()),
    ):
        approve_adjustment(adjustment=adjustment, user=admin_user)
    assert q(project_as_of(reported, SEPT_30).total) == q(Decimal(25))
    assert project_as_of(reported, AUG_31).total == Decimal("23.55")  # 7.60 + 15.95


def test_pending_and_rejected_proposals_change_nothing(reported, trainees, finance, admin_user):
    rejected = propose_indicator_adjustment(indicator=trainees, user=finance, **target_change())
    reject_adjustment(adjustment=rejected, user=admin_user, reason="依据不足")
    propose_indicator_adjustment(indicator=trainees, user=finance, **target_change(target_text="140"))
    propose_budget_adjustment(project=reported, user=finance, **budget_change())

    after = project_as_of(reported, SEPT_30)
    line = trainees_line(after)
    assert (line.target.target_value, line.adjusted, line.status) == (Decimal(162), False, "not_met")
    assert after.budget.budget == Decimal("26.33") and after.budget.adjustment is None
    assert after.total == Decimal("23.55")  # 7.60 + 15.95, as without any proposal


def test_later_approved_adjustment_takes_over_from_its_own_date(reported, trainees, finance, admin_user):
    approve_adjustment(adjustment=propose_indicator_adjustment(indicator=trainees, user=finance, **target_change()),
                       user=admin_user)
    approve_adjustment(
        adjustment=propose_indicator_adjustment(
            indicator=trainees, user=finance, **target_change(target_text="160", effective_date=datetime.date(2026, 10, 1))),
        user=admin_user,
    )
    assert trainees_line(project_as_of(reported, SEPT_30)).target.target_value == Decimal(150)
    october = trainees_line(project_as_of(reported, datetime.date(2026, 10, 31)))
    assert (october.target.target_value, october.status) == (Decimal(160), "not_met")


def test_evaluation_takes_8_queries_with_or_without_adjustments(
    reported, trainees, finance, admin_user, django_assert_num_queries
):
    department = [reported.department]
    # the year's rule profile, projects, indicators, indicator reports, expenditures, monitoring notes, indicator
    # adjustments, budget adjustments
    with django_assert_num_queries(8):
        evaluate(year=2026, as_of=SEPT_30, departments=department)

    approve_adjustment(adjustment=propose_indicator_adjustment(indicator=trainees, user=finance, **target_change()),
                       user=admin_user)
    approve_adjustment(adjustment=propose_budget_adjustment(project=reported, user=finance, **budget_change()),
                       user=admin_user)
    for indicator in reported.indicators.exclude(pk=trainees.pk).filter(operator="≥")[:2]:
        propose_indicator_adjustment(indicator=indicator, user=finance,
                                     **target_change(target_text="1", unit=indicator.unit))
    with django_assert_num_queries(8):
        evaluation = evaluate(year=2026, as_of=SEPT_30, departments=department)
    assert len(evaluation.projects) == 15
    assert sum(line.adjusted for p in evaluation.projects for line in p.indicators) == 1
