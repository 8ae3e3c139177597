"""The read path (issue #18 item 1): the evaluation reads its rows as values in a fixed number of queries, and pages
read those rows, and the rules' explanations, as they read the models'."""
from datetime import date
from decimal import Decimal, localcontext

import pytest

from indicators.selectors.evaluation import evaluate, evaluate_project
from projects.models import Indicator, Project
from tests.conftest import project
from tests.dashboard.helpers import add_projects

# the year's rule profile, projects with their departments, indicators with their deductions, indicator reports,
# expenditures, monitoring notes, indicator adjustments, budget adjustments
EVALUATION_QUERIES = 8


@pytest.mark.parametrize("count", [15, 1500])
def test_a_department_is_evaluated_in_eight_queries_at_15_and_at_1500_projects(department, finance, today, count,
                                                                                django_assert_num_queries):
    add_projects(department, finance, count)
    with django_assert_num_queries(EVALUATION_QUERIES):
        evaluation = evaluate(year=2026, as_of=date(2026, 11, 25), departments=[department])
        totals = evaluation.totals
    assert len(evaluation.projects) == count
    assert totals.budget == Decimal("100.00") * count


def test_a_line_reads_its_report_clerk_and_department_as_the_page_shows_them(scenario, django_assert_num_queries):
    evaluation = evaluate_project(project=project(3), as_of=date(2026, 11, 25))
    with django_assert_num_queries(0):  # everything a page shows of the line came with the evaluation
        qualitative = next(line for line in evaluation.indicators if not line.indicator.operator)
        assert qualitative.report.get_tier_display() == "达成年度指标"
        assert qualitative.report.tier_percent == Decimal("90")
        assert qualitative.report.entered_by.get_full_name() == "财务甲"
        assert qualitative.indicator.get_level1_display() == "效益指标"
        assert qualitative.indicator.project.department.name == "宁波市妇女联合会"
    assert qualitative.indicator == Indicator.objects.get(pk=qualitative.indicator.pk)  # the same row as the model


def test_the_projects_of_a_department_keep_the_published_order_and_their_departments(scenario):
    evaluation = evaluate(year=2026, as_of=date(2026, 11, 25), departments=[scenario])
    assert [p.project.seq for p in evaluation.projects] == list(range(1, 16))
    assert {p.project.department.code for p in evaluation.projects} == {"nbfl"}
    assert evaluation.projects[0].project == Project.objects.get(department=scenario, year=2026, seq=1)


def test_an_explanation_read_later_in_another_decimal_context_is_the_rules_sentence(scenario):
    line = evaluate_project(project=project(2), as_of=date(2026, 11, 25)).indicators[0]  # 培训人数 200 ≥ 162
    with localcontext() as caller:
        caller.prec = 3  # a caller's odd context changes neither the figures nor the sentence written now
        text = line.score.explanation
    assert text.startswith("目标 ≥ 162人，完成值 200人，达成：完成值 200 ÷ 目标值 162 = 123.46%，按 100% 计")
    assert line.score.points == line.score.points_possible
