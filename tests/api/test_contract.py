"""What the schemathesis run of .ci/schemathesis found: malformed requests that got a 500, an HTML page or a
silent default instead of the API's documented JSON errors. Each test is one of its findings, as a plain request."""
import pytest
from rest_framework.test import APIClient

from projects.models import Indicator
from tests.conftest import project

LONG_NUMBER = "1" * 5000  # int() refuses strings of 4300 digits and more


@pytest.fixture
def client(api, seeded, finance) -> APIClient:
    client = api(finance)
    client.raise_request_exception = False  # a 500 is an answer to assert on, not an exception in the test
    return client


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/projects/abc/"),
        ("get", "/api/indicators/null,null/"),
        ("get", "/api/projects/1.5/expenditures/"),
        ("post", "/api/indicators/x/reports/"),
        ("post", "/api/projects/-1/monitoring/"),
        ("post", "/api/adjustments/other/1/approve/"),
        ("post", "/api/adjustments//0/reject/"),
        ("post", f"/api/adjustments/indicator/{LONG_NUMBER}/approve/"),
        ("get", "/api/no-such-thing/"),
        ("get", "/api/projects/1%0A/"),
        ("post", "/api/adjustments/a%0Ab/1/approve/"),
        ("post", "/api/projects"),
    ],
)
def test_a_path_that_names_no_endpoint_is_a_json_404(client, method, path):
    response = getattr(client, method)(path, {}, format="json")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "没有这个接口" in response.json()["detail"]


def test_an_endpoint_without_its_trailing_slash_is_still_redirected_for_get(client):
    response = client.get("/api/projects?year=2026")
    assert response.status_code == 301
    assert response["Location"] == "/api/projects/?year=2026"


@pytest.mark.parametrize("name", ["project", "year"])
def test_an_overlong_number_in_the_adjustments_list_is_a_400_not_a_500(client, name):
    response = client.get(f"/api/adjustments/?{name}={LONG_NUMBER}")
    assert response.status_code == 400
    assert f"参数 {name} 应为正整数" in response.json()[name][0]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("/api/projects/?as_of=", "as_of"),
        ("/api/projects/?year=", "year"),
        ("/api/summary/?as_of=", "as_of"),
        ("/api/indicators/?project=", "project"),
        ("/api/adjustments/?project=", "project"),
        ("/api/adjustments/?state=", "state"),
        ("/api/adjustments/?kind=", "kind"),
    ],
)
def test_an_empty_parameter_is_a_400_not_the_default(client, query, field):
    response = client.get(query)
    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_an_empty_as_of_on_a_detail_is_a_400(client):
    indicator = Indicator.objects.order_by("pk").first()
    for url in (f"/api/indicators/{indicator.pk}/?as_of=", f"/api/projects/{indicator.project_id}/?as_of="):
        response = client.get(url)
        assert response.status_code == 400
        assert "日期格式错误" in response.json()["as_of"][0]


@pytest.mark.parametrize("value", ["g", "", "0", "-1", "201", "2.0", "true", LONG_NUMBER])
def test_a_page_size_out_of_range_is_a_400(client, value):
    for url in ("/api/projects/", "/api/indicators/", "/api/adjustments/"):
        response = client.get(url, {"page_size": value})
        assert response.status_code == 400, url
        assert response.json() == {"page_size": [f"每页条数应为 1 到 200 之间的整数：'{value}'"]}


@pytest.mark.parametrize("value", ["", "abc", "0", "last", "１", LONG_NUMBER])
def test_a_page_that_is_no_number_is_a_400(client, value):
    project = Indicator.objects.order_by("pk").first().project
    response = client.get(f"/api/projects/{project.pk}/expenditures/", {"page": value})
    assert response.status_code == 400
    assert response.json() == {"page": [f"页码应为正整数：'{value}'"]}


def test_a_page_past_the_last_is_still_a_404(client):
    response = client.get("/api/indicators/", {"page": "99", "page_size": "200"})
    assert response.status_code == 404
    assert response.json() == {"detail": "没有这一页：99。"}


def test_an_as_of_outside_the_year_names_the_date_in_iso_form(client):
    project = Indicator.objects.order_by("pk").first().project
    response = client.get(f"/api/projects/{project.pk}/?as_of=0159-08-12")
    assert response.json() == {"as_of": ["截至日期应在预算年度 2026 年内：0159-08-12"]}


@pytest.fixture
def schema(client) -> dict:
    return client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()


def test_the_schema_names_an_adjustment_by_kind_enum_and_integer_id(schema):
    for action in ("approve", "reject"):
        parameters = {p["name"]: p for p in schema["paths"][f"/api/adjustments/{{kind}}/{{id}}/{action}/"]["post"][
            "parameters"]}
        assert parameters["kind"]["schema"] == {"type": "string", "enum": ["budget", "indicator", "points"]}
        assert parameters["id"]["schema"]["type"] == "integer"
        assert parameters["id"]["schema"]["minimum"] == 1


def test_every_paginated_list_documents_its_bounds_and_its_400_and_404(schema):
    lists = 0
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        parameters = {p["name"]: p for p in (get or {}).get("parameters", [])}
        if "page_size" not in parameters:
            continue
        lists += 1
        assert parameters["page_size"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 200}, path
        assert parameters["page"]["schema"]["minimum"] == 1, path
        assert {"400", "401", "404"} <= set(get["responses"]), path
    assert lists == 8  # … and a project's 佐证材料


def test_the_catch_all_is_not_an_operation_of_the_schema(schema):
    operations = [(path, method) for path, item in schema["paths"].items() for method in item]
    # 17, the withdrawal of an adjustment, and the year end's 5: the self-evaluation (GET, POST), the budget line's
    # and an indicator's explanation, a deduction; a project's 佐证材料 (GET, POST); the target-quality review; the
    # review's 5 (GET, submit, approve, return, reopen); next year's draft's 9 (list, create, read, add and remove a
    # project, add, change and remove a line, publish).
    assert len(operations) == 40
    assert all(path.startswith("/api/") and path.endswith("/") and "\\" not in path for path, _ in operations)


@pytest.mark.parametrize("address", [
    "/api/projects/?year=2026", "/api/projects/{project}/", "/api/projects/{project}/expenditures/",
    "/api/indicators/?year=2026", "/api/indicators/{indicator}/", "/api/indicators/{indicator}/reports/",
    "/api/summary/?year=2026", "/api/adjustments/", "/api/projects/{project}/monitoring/",
])
def test_a_person_opening_an_address_in_a_browser_sees_the_browsable_page(api, seeded, finance, address):
    p1 = project(1)
    url = address.format(project=p1.pk, indicator=p1.indicators.get(order=1).pk)
    response = api(finance).get(url, HTTP_ACCEPT="text/html,application/xhtml+xml")
    assert response.status_code == 200, url  # the lists were a 500: DRF's filter form wanted a queryset
    assert response["Content-Type"].startswith("text/html")
