"""The dashboard costs the same number of SQL queries for 15 projects as for 1,500."""
from datetime import date

import pytest

from indicators.selectors.dashboard import TableQuery, dashboard
from indicators.selectors.evaluation import evaluate
from tests.dashboard.helpers import add_projects, body_rows

# the user (the session comes from the cache: cached_db), the user's groups (role), the visible departments (the
# department select, and the department shown picked among them), then the evaluation's 8: the year's rule profile (read once for the whole request: the
# legend, the charts and the grade filter ask again without a query), projects, indicators, indicator reports,
# expenditures, monitoring notes, indicator adjustments, budget adjustments; then 与上年对比: last year's rule
# profile and its projects (none here).
DASHBOARD_QUERIES = 13
# With a previous year, 与上年对比 evaluates it whole: its rule profile and 7 instead of its profile and 1.
WITH_LAST_YEAR = DASHBOARD_QUERIES - 2 + 8


def test_the_seeded_table_with_reports_takes_a_fixed_number_of_queries(client, manager, scenario,
                                                                       django_assert_num_queries):
    client.force_login(manager)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = client.get("/?sort=score&dir=desc&grade=差")
    assert "合计（1 个项目）" in response.content.decode()


@pytest.mark.parametrize("count", [15, 1500])
def test_the_same_number_of_queries_at_15_and_at_1500_projects(client, department, manager, finance, today,
                                                                 count, django_assert_num_queries):
    add_projects(department, finance, count)
    client.force_login(manager)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = client.get("/?sort=score&dir=desc")
    page = response.content.decode()
    assert f"合计（{count} 个项目）" in page
    assert f"{count * 100:,}.00" in page  # the budget total, 100.00 each
    if count > 100:
        assert f"第 1 / {count // 100} 页" in page  # 100 rows a page; the total covers them all


@pytest.mark.parametrize("count", [15, 1500])
def test_last_year_beside_this_year_costs_the_same_at_15_and_at_1500_projects(
        client, department, manager, finance, today, count, django_assert_num_queries):
    add_projects(department, finance, count, year=2025)
    add_projects(department, finance, count)
    client.force_login(manager)
    with django_assert_num_queries(WITH_LAST_YEAR):
        response = client.get("/?sort=score&dir=desc")
    page = response.content.decode()
    assert "与上年对比" in page and "上年无数据" not in page
    # The same made-up reports both years (as of 20 November): every figure equal, every difference 0.
    changes = [row[-1] for row in body_rows(page, "year-on-year-table")]
    assert changes == ["0.00", "0.00", "0.00 个百分点", "0.00 个百分点", "0"]


def test_the_figures_table_charts_and_list_are_built_without_a_query(department, finance, today,
                                                                     django_assert_num_queries):
    add_projects(department, finance, 150)
    evaluation = evaluate(year=2026, as_of=date(2026, 11, 25), departments=[department])
    with django_assert_num_queries(0):
        board = dashboard(evaluation, TableQuery(sort="score", descending=True))
    assert len(board.rows) == 150
    assert board.summary.indicators == 450
