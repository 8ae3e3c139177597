"""分值 adjustments through the API: the same service, rights and refusals as the pages; documented in the schema."""
import pytest
from rest_framework.test import APIClient

from projects.choices import AdjustmentState
from projects.models import PointsAdjustment
from tests.adjustments.conftest import NEW_POINTS

URL = "/api/adjustments/"


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def points_body(project, points: list[str], **overrides) -> dict:
    lines = [{"indicator": pk, "points": value}
             for pk, value in zip(project.indicators.order_by("order").values_list("pk", flat=True), points,
                                  strict=True)]
    body = {"kind": "points", "project": project.pk, "points": lines, "reason": "培训班次减少",
            "effective_date": "2026-09-01"}
    return body | overrides


def test_a_proposal_is_approved_and_read_back_with_every_lines_old_and_new_points(explicit, finance, admin_user):
    response = api(finance).post(URL, points_body(explicit, NEW_POINTS), format="json")
    assert response.status_code == 201
    body = response.json()
    adjustment = PointsAdjustment.objects.get()
    assert (body["kind"], body["id"], body["state"], body["project"]) == ("points", adjustment.pk, "pending",
                                                                           explicit.pk)
    assert [line["points"] for line in body["old"]["points"]] == ["30.00", "20.00", "10.00", "20.00", "10.00"]
    assert [line["points"] for line in body["new"]["points"]] == ["10.00", "30.00", "10.00", "30.00", "10.00"]
    assert body["new"]["points"][0]["indicator_name"] == "培训人数"
    assert body["approve_url"] == f"/api/adjustments/points/{adjustment.pk}/approve/"

    approved = api(admin_user).post(body["approve_url"])
    assert approved.status_code == 200 and approved.json()["state"] == "approved"
    listed = api(finance).get(URL, {"kind": "points"}).json()["results"]
    assert [(row["kind"], row["id"], row["state"]) for row in listed] == [("points", adjustment.pk, "approved")]
    summary = api(finance).get(f"/api/projects/{explicit.pk}/", {"as_of": "2026-11-25"}).json()
    assert summary["evaluation"]["total_score"] == "90.00"
    assert [line["evaluation"]["points_possible"] for line in summary["indicators"]] == [
        "10.00", "30.00", "10.00", "30.00", "10.00"]


def test_points_that_do_not_foot_are_a_400_naming_the_total(explicit, finance):
    response = api(finance).post(URL, points_body(explicit, ["10", "30", "10", "30", "20"]), format="json")
    assert response.status_code == 400
    assert response.json() == {"points": [
        "调整后的分值不合计：各指标分值合计 100.00 分，加预算执行 10.00 分为 110.00 分，应为 100.00 分。"]}
    assert not PointsAdjustment.objects.exists()


def test_a_line_listed_twice_is_refused(explicit, finance):
    body = points_body(explicit, NEW_POINTS)
    body["points"][1]["indicator"] = body["points"][0]["indicator"]
    response = api(finance).post(URL, body, format="json")
    assert response.status_code == 400 and response.json() == {"points": ["同一指标的分值只能列出一次"]}
    assert not PointsAdjustment.objects.exists()


@pytest.mark.parametrize(("who", "status", "message"), [
    ("auditor", 403, "只有本部门的财务人员可以提出调整。"),
    ("outsider", 404, "没有找到该项目。"),  # another department's project is not shown to exist
    ("manager", 403, "只有本部门的财务人员可以提出调整。"),
])
def test_only_finance_of_the_department_proposes(request, explicit, who, status, message):
    response = api(request.getfixturevalue(who)).post(URL, points_body(explicit, NEW_POINTS), format="json")
    assert (response.status_code, response.json()) == (status, {"detail": message})
    assert not PointsAdjustment.objects.exists()


def test_a_rejection_through_the_api_keeps_its_reason(explicit, finance, admin_user):
    adjustment_id = api(finance).post(URL, points_body(explicit, NEW_POINTS), format="json").json()["id"]
    response = api(admin_user).post(f"/api/adjustments/points/{adjustment_id}/reject/", {"reason": "班次未减少"},
                                    format="json")
    assert response.status_code == 200 and response.json()["rejection_reason"] == "班次未减少"
    assert PointsAdjustment.objects.get().state == AdjustmentState.REJECTED
    listed = api(finance).get(URL, {"kind": "points"}).json()["results"]
    assert [(row["id"], row["state"], row["rejection_reason"]) for row in listed] == [
        (adjustment_id, "rejected", "班次未减少")]
    # Still scored by the 年初 分值: 30 × 0.5 + 20 + 10 + 20 + 10 × 0.5 + budget 10 = 80.00.
    summary = api(finance).get(f"/api/projects/{explicit.pk}/", {"as_of": "2026-11-25"}).json()
    assert summary["evaluation"]["total_score"] == "80.00"


def test_the_schema_documents_the_points_kind(finance):
    schema = api(finance).get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    proposal = schema["components"]["schemas"]["ProposalRequest"]["properties"]
    assert proposal["points"]["type"] == "array"
    assert "PointsValues" in schema["components"]["schemas"]
    kinds = next(p for p in schema["paths"]["/api/adjustments/{kind}/{id}/approve/"]["post"]["parameters"]
                 if p["name"] == "kind")
    assert sorted(kinds["schema"]["enum"]) == ["budget", "indicator", "points"]
