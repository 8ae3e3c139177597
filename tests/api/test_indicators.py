"""GET /api/indicators/ and /api/indicators/<id>/: each indicator judged and scored as of a date."""
from decimal import Decimal

from tests.api.conftest import indicator_of
from tests.conftest import project


def test_the_indicators_of_a_project_come_in_order_with_their_published_target(api, seeded, finance):
    p1 = project(1)
    data = api(finance).get(f"/api/indicators/?project={p1.pk}").json()
    assert data["count"] == p1.indicators.count() == 5
    first = data["results"][0]
    purchase = indicator_of(1, 1)
    assert (first["id"], first["project"], first["order"], first["name"]) == (purchase.pk, p1.pk, 1, purchase.name)
    assert (first["operator"], first["target_text"], first["unit"]) == (purchase.operator, purchase.target_text,
                                                                       purchase.unit)
    assert first["target_value"] == f"{purchase.target_value:f}"
    assert (first["level1"], first["level2"], first["weight"]) == (purchase.level1, purchase.level2, None)


def test_all_85_indicators_of_the_year_are_listed_page_by_page(api, seeded, auditor):
    client = api(auditor)
    first = client.get("/api/indicators/?year=2026&page_size=50").json()
    second = client.get(first["next"]).json()
    assert first["count"] == 85
    ids = [i["id"] for i in first["results"] + second["results"]]
    assert len(set(ids)) == 85
    assert [i["project"] for i in first["results"]][:5] == [project(1).pk] * 5


def test_an_over_achieved_target_is_met_with_full_points_and_flagged(api, scenario, finance):
    # 购置数 ≥ 8, reported 10: 10 > 8 × 120 % = 9.6 → flagged; r = 1.25 capped at 1 → 50/3 points.
    line = api(finance).get(f"/api/indicators/{indicator_of(1, 1).pk}/?as_of=2026-11-20").json()["evaluation"]
    assert (line["actual"], line["status"], line["flags"]) == ("10.0000", "met", ["over_achievement"])
    assert Decimal(line["ratio"]) == Decimal("1.25")
    assert Decimal(line["points"]) == Decimal(line["points_possible"])
    assert "超额较多" in line["explanation"]


def test_a_missed_rate_scores_in_proportion(api, scenario, finance):
    # 利用率 ≥ 95 %, reported 90: not met, r = 90 / 95, points 50/3 × 90/95 = 15.79.
    line = api(finance).get(f"/api/indicators/{indicator_of(1, 4).pk}/?as_of=2026-11-20").json()["evaluation"]
    assert line["status"] == "not_met"
    assert Decimal(line["points"]).quantize(Decimal("0.01")) == Decimal("15.79")
    assert line["monitoring_level"] == "red"
    assert line["needs_explanation"] is True


def test_a_qualitative_indicator_shows_its_tier(api, scenario, finance):
    line = api(finance).get(f"/api/indicators/{indicator_of(3, 3).pk}/?as_of=2026-11-20").json()["evaluation"]
    assert (line["actual"], line["tier"], line["tier_percent"], line["status"]) == (None, "partial", "70.0000",
                                                                                   "not_met")
    assert Decimal(line["points"]) == 21  # 30 × 70 %


def test_before_any_report_an_indicator_has_no_data(api, scenario, finance):
    line = api(finance).get(f"/api/indicators/{indicator_of(1, 1).pk}/?as_of=2026-06-30").json()["evaluation"]
    assert (line["actual"], line["status"], line["ratio"], line["points"], line["report"]) == (
        None, "no_data", None, "0.00", None)  # points in hundredths, as the form prints them (DOMAIN §4)


def test_the_target_in_force_is_the_published_one_without_adjustments(api, seeded, finance):
    line = api(finance).get(f"/api/indicators/{indicator_of(2, 1).pk}/").json()
    assert line["evaluation"]["target_in_force"]["target_text"] == line["target_text"]
    assert line["evaluation"]["target_in_force"]["adjusted"] is False


def test_a_clerk_of_another_department_cannot_read_an_indicator(api, seeded, outsider):
    client = api(outsider)
    assert client.get(f"/api/indicators/{indicator_of(1, 1).pk}/").status_code == 404
    assert client.get(f"/api/indicators/?project={project(1).pk}").status_code == 404
    assert client.get("/api/indicators/?year=2026").json()["count"] == 0


def test_manager_reads_indicators_of_the_department(api, seeded, manager):
    assert api(manager).get(f"/api/indicators/?project={project(1).pk}").json()["count"] == 5


def test_a_project_filter_that_is_not_a_number_is_a_400(api, seeded, finance):
    response = api(finance).get("/api/indicators/?project=abc")
    assert response.status_code == 400
    assert list(response.json()) == ["project"]
