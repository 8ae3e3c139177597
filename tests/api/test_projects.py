"""GET /api/projects/ and /api/projects/<id>/: the seed's projects with their evaluation, per role."""
from decimal import Decimal

from tests.conftest import project


def test_finance_lists_the_15_projects_of_2026_in_published_order(api, seeded, finance):
    response = api(finance).get("/api/projects/?year=2026")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 15
    assert [p["seq"] for p in data["results"]] == list(range(1, 16))
    assert sum(Decimal(p["budget"]) for p in data["results"]) == Decimal("1386.30")
    assert (data["year"], data["as_of"]) == (2026, "2026-11-25")
    first = data["results"][0]
    assert first["department"] == {"code": "nbfl", "name": "宁波市妇女联合会"}
    assert set(first) >= {"id", "year", "seq", "name", "overview", "annual_goal", "budget", "own_level", "transfer"}


def test_a_project_without_reports_scores_zero_with_every_indicator_missing(api, seeded, finance):
    p1 = api(finance).get("/api/projects/?year=2026").json()["results"][0]
    evaluation = p1["evaluation"]
    assert evaluation["spent"] is None
    assert evaluation["execution_rate"] == "0"
    assert Decimal(evaluation["total_score"]) == 0
    assert evaluation["grade"] == "差"
    assert (evaluation["met"], evaluation["not_met"], evaluation["no_data"]) == (0, 0, 5)


def test_scores_follow_the_reports_of_the_scenario(api, scenario, finance):
    data = api(finance).get("/api/projects/?year=2026&as_of=2026-11-20").json()
    p1 = data["results"][0]["evaluation"]
    # 预算执行率 4.14 / 4.60 = 0.9 → 9.00 分; then 16.67 + 10.00 + 30.00 + 16.67 × 90/95 = 15.79 + 16.66 (DOMAIN §4:
    # 分值 and 得分 in hundredths, the total the sum of the lines).
    assert p1["spent"] == "4.14"
    assert Decimal(p1["execution_rate"]) == Decimal("0.9")
    assert p1["budget_points"] == "9.00"
    assert p1["total_score"] == "98.12"
    assert p1["grade"] == "优"
    assert (p1["met"], p1["not_met"], p1["no_data"]) == (4, 1, 0)


def test_as_of_before_the_reports_shows_the_earlier_figures(api, scenario, finance):
    p7 = project(7)
    before = api(finance).get(f"/api/projects/{p7.pk}/?as_of=2026-07-31").json()["evaluation"]
    after = api(finance).get(f"/api/projects/{p7.pk}/?as_of=2026-11-20").json()["evaluation"]
    assert (before["spent"], after["spent"]) == ("12.00", "30.00")
    assert before["as_of"] == "2026-07-31"


def test_numbers_are_strings_ratios_in_full_precision_and_points_in_exact_hundredths(api, scenario, finance):
    p1 = api(finance).get(f"/api/projects/{project(1).pk}/?as_of=2026-11-20").json()
    utilisation = p1["indicators"][3]["evaluation"]
    assert isinstance(utilisation["points"], str)
    # 90/95 carried to 40 significant digits, never rounded to 2 places; the points are the form's figure.
    assert len(utilisation["ratio"].split(".")[1]) > 20
    assert (utilisation["points_possible"], utilisation["points"]) == ("16.67", "15.79")
    assert "E" not in p1["evaluation"]["total_score"]


def test_detail_adds_the_indicators_in_order(api, seeded, finance):
    p2 = project(2)
    data = api(finance).get(f"/api/projects/{p2.pk}/").json()
    assert data["id"] == p2.pk
    assert [i["order"] for i in data["indicators"]] == sorted(i.order for i in p2.indicators.all())
    assert all(i["project"] == p2.pk for i in data["indicators"])
    assert data["evaluation"]["budget_in_force"]["budget"] == f"{p2.budget:f}"


def test_manager_and_auditor_read_the_same_list(api, seeded, manager, auditor):
    for user in (manager, auditor):
        assert api(user).get("/api/projects/?year=2026").json()["count"] == 15


def test_a_clerk_of_another_department_sees_no_project_and_gets_404_on_one(api, seeded, outsider):
    client = api(outsider)
    assert client.get("/api/projects/?year=2026").json()["count"] == 0
    response = client.get(f"/api/projects/{project(1).pk}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "没有找到该项目。"}


def test_a_department_one_may_not_see_is_refused_like_an_unknown_one(api, seeded, outsider, auditor):
    refused = api(outsider).get("/api/projects/?year=2026&department=nbfl")
    assert refused.status_code == 400
    assert refused.json() == {"department": ["没有找到该部门，或无权查看：nbfl"]}
    assert api(auditor).get("/api/projects/?year=2026&department=nbfl").json()["count"] == 15


def test_a_year_without_projects_is_an_empty_list(api, seeded, finance):
    data = api(finance).get("/api/projects/?year=2025").json()
    assert (data["count"], data["results"], data["as_of"]) == (0, [], "2025-12-31")


def test_the_year_follows_the_as_of_date_when_not_given(api, seeded, finance):
    data = api(finance).get("/api/projects/?as_of=2026-07-31").json()
    assert (data["year"], data["as_of"], data["count"]) == (2026, "2026-07-31", 15)


def test_bad_query_parameters_get_chinese_field_errors(api, seeded, finance):
    client = api(finance)
    response = client.get("/api/projects/?year=abc&as_of=2026-13-01")
    assert response.status_code == 400
    assert set(response.json()) == {"year", "as_of"}
    assert "日期格式错误" in response.json()["as_of"][0]
    outside = client.get("/api/projects/?year=2026&as_of=2025-12-31").json()
    assert outside == {"as_of": ["截至日期应在预算年度 2026 年内：2025-12-31"]}
    detail = client.get(f"/api/projects/{project(1).pk}/?as_of=2027-01-01")
    assert detail.status_code == 400


def test_the_list_is_paginated(api, seeded, finance):
    client = api(finance)
    first = client.get("/api/projects/?year=2026&page_size=10").json()
    second = client.get(first["next"]).json()
    assert (len(first["results"]), len(second["results"]), second["next"]) == (10, 5, None)
    assert [p["seq"] for p in second["results"]] == list(range(11, 16))
    assert client.get("/api/projects/?year=2026&page=3&page_size=10").status_code == 404
