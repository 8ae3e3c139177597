"""偏离度 deductions (DOMAIN §4): recorded by a reviewer (an admin for now) on a line flagged over-achieved, at most
its 得分, with a reason; the evaluation's line 得分 and the project's total are after it."""
import datetime
from decimal import Decimal

import pytest
import time_machine

from core.errors import DomainError
from indicators.models import ScoreDeduction
from indicators.selectors.evaluation import evaluate, evaluate_project
from indicators.services.year_end import record_deduction
from tests.conftest import project
from tests.year_end.conftest import YEAR_END, line

# Project 1 as of the year end: 9 (budget) + 16.67 (设备购置数 10 ≥ 8, flagged) + 10 + 30 + 15.79 + 16.67 = 98.12.


@pytest.fixture(scope="module")
def seed_moment():
    """The folder's year end: the one test that moves the clock does so after the table and the reports are in."""
    return YEAR_END


def purchase(evaluation):
    return evaluation.indicators[0]


def test_a_deduction_lowers_the_line_and_the_projects_total(scenario, admin_user):
    before = evaluate_project(project=project(1), as_of=datetime.date(2026, 12, 20))
    row = record_deduction(indicator=line(1, 1), user=admin_user, points=Decimal("5.00"),
                           reason="年初目标按 8 台测算偏低，实际合并两批采购。")
    after = evaluate_project(project=project(1), as_of=datetime.date(2026, 12, 20))
    assert row.as_of == datetime.date(2026, 12, 20)
    assert purchase(before).score.points - purchase(after).score.points == 5
    assert purchase(after).deducted == Decimal("5.00")
    assert purchase(after).deduction.reason == "年初目标按 8 台测算偏低，实际合并两批采购。"
    assert before.total - after.total == 5
    assert f"{after.total:.2f}" == "93.12"
    assert after.grade == "优"
    assert "偏离度扣分 5 分" in after.score.explanation


def test_a_deduction_above_the_lines_points_is_refused_and_nothing_is_stored(scenario, admin_user):
    # The line's 得分 is 16.67 exactly, in hundredths as the form prints it (DOMAIN §4).
    with pytest.raises(DomainError) as refused:
        record_deduction(indicator=line(1, 1), user=admin_user, points=Decimal("16.68"), reason="目标偏低")
    assert refused.value.errors == {"points": ["扣分不能超过该指标的得分 16.67 分。"]}
    assert ScoreDeduction.objects.count() == 0
    record_deduction(indicator=line(1, 1), user=admin_user, points=Decimal("16.66"), reason="目标偏低")
    left = purchase(evaluate_project(project=project(1), as_of=datetime.date(2026, 12, 20))).score.points
    assert left == Decimal("0.01")  # 16.67 less 16.66


def test_the_whole_points_can_be_taken_and_the_grade_follows(scenario, admin_user):
    # Project 1 at 98.12 less 16.66 is 81.46: 良.
    record_deduction(indicator=line(1, 1), user=admin_user, points=Decimal("16.66"), reason="目标明显偏低")
    evaluation = evaluate_project(project=project(1), as_of=datetime.date(2026, 12, 20))
    assert f"{evaluation.total:.2f}" == "81.46"
    assert evaluation.grade == "良"


@pytest.mark.parametrize(
    ("order", "points", "reason", "errors"),
    [
        (4, "1", "目标偏低", {"points": ["该指标未标记“超额较多”，不能记录偏离度扣分。"]}),  # 设备利用率: not met
        (1, None, "目标偏低", {"points": ["请填写扣分。"]}),
        (1, "-1", "目标偏低", {"points": ["扣分不能为负数。"]}),
        (1, "1.005", "目标偏低", {"points": ["扣分应为最多 2 位小数的分数。"]}),
        (1, "0", "目标偏低", {"points": ["扣分应大于 0。"]}),
        (1, "1", "  ", {"reason": ["请填写扣分原因。"]}),
    ],
)
def test_bad_deductions_are_refused(scenario, admin_user, order, points, reason, errors):
    with pytest.raises(DomainError) as refused:
        record_deduction(indicator=line(1, order), user=admin_user, points=None if points is None else Decimal(points),
                         reason=reason)
    assert refused.value.errors == errors
    assert ScoreDeduction.objects.count() == 0


def test_a_reviewer_of_the_department_records_a_deduction(scenario, reviewer):
    row = record_deduction(indicator=line(1, 1), user=reviewer, points=Decimal(1), reason="目标偏低")
    assert row.entered_by == reviewer


def test_no_one_else_records_a_deduction(scenario, finance, auditor, other_department):
    from core.roles import REVIEWER
    from tests.conftest import make_user

    elsewhere = make_user("reviewer2", group=REVIEWER, department=other_department)
    for user in (finance, auditor, elsewhere):
        with pytest.raises(DomainError, match="只有本部门的审核人员（或管理员）可以记录偏离度扣分"):
            record_deduction(indicator=line(1, 1), user=user, points=Decimal(1), reason="目标偏低")
    assert ScoreDeduction.objects.count() == 0


def test_a_later_deduction_corrects_the_earlier_and_zero_withdraws_it(scenario, admin_user):
    first = record_deduction(indicator=line(1, 1), user=admin_user, points=Decimal(5), reason="目标偏低")
    second = record_deduction(indicator=line(1, 1), user=admin_user, points=Decimal(3), reason="复核后改为 3 分")
    assert second.corrects == first
    assert purchase(evaluate_project(project=project(1), as_of=datetime.date(2026, 12, 20))).deducted == 3
    withdrawn = record_deduction(indicator=line(1, 1), user=admin_user, points=Decimal(0), reason="撤销：目标合理")
    assert withdrawn.corrects == second
    evaluation = evaluate_project(project=project(1), as_of=datetime.date(2026, 12, 20))
    assert purchase(evaluation).deducted == 0
    assert purchase(evaluation).score.points == purchase(evaluation).score.points_possible  # full points again
    assert ScoreDeduction.objects.count() == 3


def test_an_evaluation_before_the_deductions_date_does_not_see_it(scenario, admin_user):
    with time_machine.travel(datetime.datetime(2026, 12, 10, 10), tick=False):
        record_deduction(indicator=line(1, 1), user=admin_user, points=Decimal(5), reason="目标偏低")
    record_deduction(indicator=line(1, 1), user=admin_user, points=Decimal(2), reason="复核后改为 2 分")
    # As of 12-05 nothing; as of 12-15 the first (its correction is dated 12-20); as of 12-20 the correction.
    deducted = {
        day: purchase(evaluate_project(project=project(1), as_of=datetime.date(2026, 12, day))).deducted
        for day in (5, 15, 20)
    }
    assert deducted == {5: 0, 15: 5, 20: 2}


def test_the_evaluation_still_reads_in_eight_queries_with_deductions(scenario, admin_user, django_assert_num_queries):
    record_deduction(indicator=line(1, 1), user=admin_user, points=Decimal(5), reason="目标偏低")
    # the year's rule profile, projects, indicators (with their current deduction), reports, expenditures, notes,
    # two kinds of adjustments.
    with django_assert_num_queries(8):
        evaluation = evaluate(year=2026, as_of=datetime.date(2026, 12, 20))
    assert [p.total for p in evaluation.projects if p.project.seq == 1][0] == \
        evaluate_project(project=project(1), as_of=datetime.date(2026, 12, 20)).total
    assert type(purchase(evaluation.projects[0]).deduction.points) is Decimal
