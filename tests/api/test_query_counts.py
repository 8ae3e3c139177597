"""Every endpoint costs a fixed number of queries, pinned at two sizes: one small project, and the 2026 table
(15 projects, 85 indicators) with the scenario's reports. Token authentication, finance of the department."""
from decimal import Decimal

import pytest

from indicators.models import ExpenditureReport, IndicatorReport
from projects.models import Indicator, Project
from tests.api.conftest import token_client

AUTH = 1  # the token with its user (one join)
ROLES = 1  # the user's groups (core.roles.role_names, cached on the user)
MEMBERSHIP = 1  # the user's departments (core.roles.member_department_ids), for access to one line
EVALUATE = 8  # the year's rule profile (read once per request), projects, indicators, reports, expenditures, notes, indicator and budget adjustments
PAGE = 2  # COUNT(*) and the page's ids


@pytest.fixture
def small(department, finance):
    """One project with one indicator and one report."""
    project = Project.objects.create(department=department, year=2026, seq=1, name="小项目", budget=Decimal("1.00"),
                                     own_level=Decimal("1.00"), transfer=Decimal("0.00"))
    indicator = Indicator.objects.create(project=project, order=1, name="人数", operator="≥", target_text="10",
                                         target_value=Decimal(10), unit="人", level1="产出指标", level2="数量指标")
    IndicatorReport.objects.create(indicator=indicator, value=Decimal(8), as_of="2026-11-20", entered_by=finance)
    ExpenditureReport.objects.create(project=project, amount=Decimal("0.50"), as_of="2026-11-20", entered_by=finance)
    return project


@pytest.fixture(params=["small", "scenario"])
def size(request, finance):
    request.getfixturevalue(request.param)
    project = Project.objects.order_by("seq").first()
    return token_client(finance), project, project.indicators.order_by("order").first()


def test_project_list(size, django_assert_num_queries):
    client, _, _ = size
    # The visible departments are a subquery of COUNT and of the page, not a query of their own.
    with django_assert_num_queries(AUTH + ROLES + PAGE + EVALUATE):
        assert client.get("/api/projects/?year=2026").status_code == 200


def test_project_list_of_one_department(size, django_assert_num_queries):
    client, _, _ = size
    with django_assert_num_queries(AUTH + ROLES + 1 + PAGE + EVALUATE):  # + the department by code
        assert client.get("/api/projects/?year=2026&department=nbfl").status_code == 200


def test_project_detail(size, django_assert_num_queries):
    client, project, _ = size
    with django_assert_num_queries(AUTH + 1 + ROLES + MEMBERSHIP + EVALUATE):  # + the project with its department
        assert client.get(f"/api/projects/{project.pk}/").status_code == 200


def test_indicator_list_of_the_year(size, django_assert_num_queries):
    client, _, _ = size
    with django_assert_num_queries(AUTH + ROLES + PAGE + EVALUATE):
        assert client.get("/api/indicators/?year=2026").status_code == 200


def test_indicator_list_of_one_project(size, django_assert_num_queries):
    client, project, _ = size
    with django_assert_num_queries(AUTH + 1 + ROLES + MEMBERSHIP + PAGE + EVALUATE):  # + the project
        assert client.get(f"/api/indicators/?project={project.pk}").status_code == 200


def test_indicator_detail(size, django_assert_num_queries):
    client, _, indicator = size
    with django_assert_num_queries(AUTH + 1 + ROLES + MEMBERSHIP + EVALUATE):  # + the indicator with its project
        assert client.get(f"/api/indicators/{indicator.pk}/").status_code == 200


def test_summary(size, django_assert_num_queries):
    client, _, _ = size
    with django_assert_num_queries(AUTH + ROLES + 1 + EVALUATE):  # + the user's first department
        assert client.get("/api/summary/?year=2026").status_code == 200


def test_ledgers(size, django_assert_num_queries):
    client, project, indicator = size
    # + the line, then COUNT and the page's rows with their clerk and correction joined.
    with django_assert_num_queries(AUTH + 1 + ROLES + MEMBERSHIP + PAGE):
        assert client.get(f"/api/indicators/{indicator.pk}/reports/").status_code == 200
    with django_assert_num_queries(AUTH + 1 + ROLES + MEMBERSHIP + PAGE):
        assert client.get(f"/api/projects/{project.pk}/expenditures/").status_code == 200


# The service: savepoint, the line locked (SELECT … FOR UPDATE on PostgreSQL), its ledger rows, savepoint,
# insert, two releases; then the stored row read back with its clerk; the sane-input check (DOMAIN §3) reads the
# target or budget in force at the date (its approved adjustments); and the review lock's check of the project (§9).
# Then, before the commit, the project's stored result refreshed (issue #21): the rows' latest dates (1), the
# evaluation's 7, the upsert (1).
WRITE = 7 + 1 + 1 + 1 + (1 + 7 + 1)


def test_posting_a_report(size, django_assert_num_queries):
    client, _, indicator = size
    body = {"value": "9", "as_of": "2026-11-24"}
    with django_assert_num_queries(AUTH + 1 + ROLES + MEMBERSHIP + WRITE + EVALUATE):
        assert client.post(f"/api/indicators/{indicator.pk}/reports/", body, format="json").status_code == 201


def test_posting_an_expenditure(size, django_assert_num_queries):
    client, project, _ = size
    body = {"amount": "0.9", "as_of": "2026-11-24"}
    with django_assert_num_queries(AUTH + 1 + ROLES + MEMBERSHIP + WRITE + EVALUATE):
        assert client.post(f"/api/projects/{project.pk}/expenditures/", body, format="json").status_code == 201
