"""/bureau/: the city's figures are what the departments' own dashboards add up to; who may open it."""
import re
from decimal import Decimal

import pytest

from indicators.selectors.bureau import bureau_view
from tests.bureau.conftest import AS_OF, CITY_URL
from tests.bureau.helpers import amount, body_rows, grades_of, text_of
from tests.dashboard.helpers import add_projects
from tests.conftest import make_user

COUNTS = ("met", "not-met", "no-data", "needs")


def test_the_city_figures_equal_the_sum_of_the_three_department_dashboards(client, city, czj, city_auditor):
    client.force_login(czj)
    bureau = client.get(CITY_URL).content.decode()
    client.force_login(city_auditor)  # sees every department's own dashboard
    budget = spent = Decimal(0)
    counts = dict.fromkeys(COUNTS, 0)
    grades: dict[str, int] = {}
    scores: list[Decimal] = []
    rows = {row[0]: row for row in body_rows(bureau, "bureau-table")}
    for department in city:
        page = client.get(f"/?year=2026&as_of={AS_OF:%Y-%m-%d}&department={department.code}").content.decode()
        budget += amount(text_of(page, "fig-budget"))
        spent += amount(text_of(page, "fig-spent"))
        for name in COUNTS:
            counts[name] += int(text_of(page, f"fig-{name}"))
        for grade, n in grades_of(page).items():
            grades[grade] = grades.get(grade, 0) + n
        scores += [Decimal(score) for score in re.findall(r'<td class="num" data-score="([^"]+)"', page)]
        # The department's row shows its dashboard's own figures.
        row = rows[department.code]
        assert row[1] == department.name
        assert (row[3], row[4], row[5]) == (text_of(page, "fig-budget"), text_of(page, "fig-spent"),
                                            text_of(page, "fig-rate"))
        assert row[10] == text_of(page, "fig-average-score")
    assert amount(text_of(bureau, "fig-budget")) == budget == Decimal("4032.26")
    assert amount(text_of(bureau, "fig-spent")) == spent == Decimal("1590.74")
    assert text_of(bureau, "fig-rate") == f"{spent / budget * 100:.2f}%" == "39.45%"
    for name in COUNTS:
        assert int(text_of(bureau, f"fig-{name}")) == counts[name]
    assert (counts["met"], counts["not-met"], counts["no-data"]) == (128, 45, 82)  # 255 indicators
    assert grades_of(bureau) == grades and sum(grades.values()) == 45
    # Each 总分 is in hundredths (DOMAIN §4), so the mean of the shown scores is the city's mean.
    assert len(scores) == 45
    assert text_of(bureau, "fig-average-score") == f"{(sum(scores) / 45).quantize(Decimal('0.01'))}"


def test_each_department_links_to_its_own_dashboard(client, city, czj):
    client.force_login(czj)
    page = client.get(CITY_URL).content.decode()
    for department in city:
        assert (f'href="/?year=2026&amp;as_of=2026-07-31&amp;department={department.code}">{department.name}</a>'
                in page)


def test_sorting_by_average_score_puts_the_worst_department_first_and_the_filter_keeps_a_grade(client, city, czj):
    client.force_login(czj)
    ascending = body_rows(client.get(f"{CITY_URL}&sort=score&dir=asc").content.decode(), "bureau-table")
    assert [(row[1], row[10]) for row in ascending] == [
        ("北仑区妇女联合会", "57.13"), ("江北区妇女联合会", "63.68"), ("海曙区妇女联合会", "67.24"),
    ]
    only_low = body_rows(client.get(f"{CITY_URL}&grade=差").content.decode(), "bureau-table")
    assert [row[1] for row in only_low] == ["北仑区妇女联合会"]


def test_the_execution_state_filter_keeps_the_departments_at_that_level(client, city, czj):
    client.force_login(czj)
    red = body_rows(client.get(f"{CITY_URL}&level=red").content.decode(), "bureau-table")
    assert [(row[1], row[6]) for row in red] == [("海曙区妇女联合会", "滞后")]


def test_an_auditor_opens_the_page_too(client, city, city_auditor):
    client.force_login(city_auditor)
    assert client.get(CITY_URL).status_code == 200


def test_a_manager_of_one_department_gets_the_chinese_403_page(client, city_manager):
    client.force_login(city_manager)
    response = client.get(CITY_URL)
    assert response.status_code == 403
    page = response.content.decode()
    assert "无权访问（403）" in page and "财政局总览只对财政人员和审计人员开放。" in page


def test_the_attention_lists_name_the_worst_projects_first(city):
    view = bureau_view(year=2026, as_of=AS_OF)
    worst = view.projects[0]
    assert (worst.project.department.name, worst.project.seq) == ("北仑区妇女联合会", 15)
    assert worst.reasons == ("预算执行红灯", "等级差", "待说明 4 条")
    assert view.projects_of_concern == 40 and len(view.projects) == 20


# the user (the session comes from the cache: cached_db), the user's groups (role), the projects with their stored
# results (one joined query), the year's rule profile (the stored rows' key and the rules), then the projects'
# submission states.
BUREAU_QUERIES = 2 + 1 + 1 + 1
# An as-of before some project's latest row: the stored results' query finds them stale, the year's rule profile,
# then the evaluation's 7: projects, indicators, reports, expenditures, monitoring notes, indicator adjustments, budget adjustments.
BUREAU_QUERIES_EVALUATED = 2 + 1 + 1 + 7 + 1


def _city(departments: int, per_department: int) -> None:
    from indicators.services.results import check_results
    from projects.models import Department

    finance = make_user("filler")
    for index in range(departments):
        add_projects(Department.objects.create(name=f"测试局 {index:02d}", code=f"t{index:02d}"), finance,
                     per_department)
    check_results(year=2026, fix=True)  # bulk inserts skip the services: store their results as the check does


@pytest.mark.parametrize("departments,per_department", [(2, 5), (20, 50)])
def test_the_page_takes_the_same_number_of_queries_for_ten_projects_and_a_thousand(
        client, czj, departments, per_department, django_assert_num_queries):
    _city(departments, per_department)
    client.force_login(czj)
    with django_assert_num_queries(BUREAU_QUERIES):
        page = client.get("/bureau/?year=2026&as_of=2026-11-20&sort=score").content.decode()
    assert text_of(page, "fig-projects") == str(departments * per_department)
    assert len(body_rows(page, "bureau-table")) == departments


@pytest.mark.parametrize("departments,per_department", [(2, 5), (20, 50)])
def test_an_as_of_before_the_latest_rows_is_evaluated_in_a_fixed_number_of_queries_too(
        client, czj, departments, per_department, django_assert_num_queries):
    _city(departments, per_department)
    client.force_login(czj)
    with django_assert_num_queries(BUREAU_QUERIES_EVALUATED):
        page = client.get("/bureau/?year=2026&as_of=2026-11-19&sort=score").content.decode()
    assert text_of(page, "fig-projects") == str(departments * per_department)
    assert text_of(page, "fig-spent") == "0.00"  # the expenditures of 20 November are not yet in force
