"""The adjustments API: the same service and permissions as the pages, errors as 400/403/404/409."""
import pytest
from rest_framework.test import APIClient

from projects.choices import AdjustmentState
from projects.models import BudgetAdjustment, IndicatorAdjustment
from projects.services.adjustments import approve_adjustment, propose_indicator_adjustment
from tests.adjustments.conftest import target_change

URL = "/api/adjustments/"


def api(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def target_body(indicator, **overrides) -> dict:
    body = {"kind": "indicator", "indicator": indicator.pk, "operator": "≥", "target_text": "150", "unit": "人",
            "reason": "上级压减培训班次", "effective_date": "2026-09-01"}
    return body | overrides


def budget_body(project, **overrides) -> dict:
    body = {"kind": "budget", "project": project.pk, "budget": "24.00", "own_level": "24", "transfer": "0",
            "reason": "年中预算调减", "effective_date": "2026-09-01"}
    return body | overrides


@pytest.fixture
def pending(trainees, finance) -> IndicatorAdjustment:
    return propose_indicator_adjustment(indicator=trainees, user=finance, **target_change())


def test_finance_proposes_a_target_change(trainees, finance):
    response = api(finance).post(URL, target_body(trainees), format="json")
    assert response.status_code == 201
    body = response.json()
    adjustment = IndicatorAdjustment.objects.get()
    assert body["kind"] == "indicator" and body["id"] == adjustment.pk and body["state"] == "pending"
    assert body["old"] == {"operator": "≥", "target_text": "162", "target_value": "162.0000", "unit": "人", "weight": None}
    assert body["new"] == {"operator": "≥", "target_text": "150", "target_value": "150.0000", "unit": "人", "weight": None}
    assert body["effective_date"] == "2026-09-01" and body["proposed_by"] == "finance"
    assert body["approve_url"] == f"/api/adjustments/indicator/{adjustment.pk}/approve/"


def test_finance_proposes_a_budget_change_with_amounts_as_typed(training, finance):
    response = api(finance).post(URL, budget_body(training, budget="２４.00"), format="json")
    assert response.status_code == 201
    assert response.json()["new"] == {"budget": "24.00", "own_level": "24.00", "transfer": "0.00"}
    assert response.json()["old"]["budget"] == "26.33"
    assert BudgetAdjustment.objects.get().new_budget == 24


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"target_text": "abc"}, "target_text", "目标值不是数字"),
        ({"effective_date": "2027-02-01"}, "effective_date", "生效日期应在预算年度 2026 年内"),
        ({"reason": ""}, "reason", None),
        ({"indicator": None}, "indicator", "请指明要调整的指标"),
    ],
)
def test_bad_target_proposal_is_a_400_naming_the_field(trainees, finance, body, field, message):
    payload = {k: v for k, v in (target_body(trainees) | body).items() if v is not None}
    response = api(finance).post(URL, payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    if message:
        assert message in response.json()[field][0]
    assert not IndicatorAdjustment.objects.exists()


def test_budget_split_that_does_not_add_up_is_a_400(training, finance):
    response = api(finance).post(URL, budget_body(training, own_level="20"), format="json")
    assert response.status_code == 400
    assert response.json() == {"budget": ["本级支出 + 转移支付支出须等于预算金额：20.00 + 0.00 = 20.00，预算金额为 24.00。"]}
    assert not BudgetAdjustment.objects.exists()


def test_second_pending_proposal_is_a_409(pending, trainees, finance2):
    response = api(finance2).post(URL, target_body(trainees, target_text="140"), format="json")
    assert response.status_code == 409
    assert response.json() == {"non_field_errors": [
        "该指标已有一项待审批的调整（财务甲 于 2026-11-25 10:00 提出）：请等待管理员审批后再提出。"]}


@pytest.mark.parametrize(("who", "status"), [("manager", 403), ("auditor", 403), ("admin_user", 403), ("outsider", 404)])
def test_only_finance_of_the_department_proposes(request, trainees, who, status):
    response = api(request.getfixturevalue(who)).post(URL, target_body(trainees), format="json")
    assert response.status_code == status
    assert not IndicatorAdjustment.objects.exists()


def test_anonymous_client_is_refused(trainees):
    assert api(None).get(URL).status_code in (401, 403)
    assert api(None).post(URL, target_body(trainees), format="json").status_code in (401, 403)


@pytest.mark.parametrize("who", ["finance", "manager", "auditor", "admin_user"])
def test_list_shows_the_department_proposals_to_every_role(request, pending, who):
    body = api(request.getfixturevalue(who)).get(URL).json()
    assert body["count"] == 1
    assert body["results"][0]["indicator_name"] == "培训人数"


def test_list_hides_other_departments(pending, outsider):
    assert api(outsider).get(URL).json()["count"] == 0


def test_list_filters_by_state_and_project(pending, training, finance, admin_user):
    client = api(finance)
    assert client.get(URL, {"state": "pending", "project": training.pk}).json()["count"] == 1
    assert client.get(URL, {"state": "approved"}).json()["count"] == 0
    assert client.get(URL, {"project": training.pk + 1}).json()["count"] == 0
    approve_adjustment(adjustment=pending, user=admin_user)
    assert [r["state"] for r in client.get(URL, {"state": "approved"}).json()["results"]] == ["approved"]


@pytest.mark.parametrize("query", [{"state": "done"}, {"project": "abc"}, {"project": "99999999999999999999"}])
def test_bad_list_filter_is_a_400(finance, query):
    response = api(finance).get(URL, query)
    assert response.status_code == 400
    assert list(response.json()) == list(query)


def test_admin_approves_and_the_response_shows_the_decision(pending, admin_user):
    response = api(admin_user).post(f"{URL}indicator/{pending.pk}/approve/")
    assert response.status_code == 200
    assert (response.json()["state"], response.json()["decided_by"]) == ("approved", "admin")


def test_admin_rejects_with_a_reason(pending, admin_user):
    client = api(admin_user)
    missing = client.post(f"{URL}indicator/{pending.pk}/reject/", {}, format="json")
    assert missing.status_code == 400 and "reason" in missing.json()
    response = client.post(f"{URL}indicator/{pending.pk}/reject/", {"reason": "依据不足"}, format="json")
    assert response.status_code == 200
    assert (response.json()["state"], response.json()["rejection_reason"]) == ("rejected", "依据不足")


def test_second_decision_is_a_409_naming_the_first(pending, admin_user, admin2):
    api(admin_user).post(f"{URL}indicator/{pending.pk}/approve/")
    response = api(admin2).post(f"{URL}indicator/{pending.pk}/reject/", {"reason": "不同意"}, format="json")
    assert response.status_code == 409
    assert response.json() == {"non_field_errors": ["该调整已由 admin 于 2026-11-25 10:00 批准，您的操作未生效。"]}
    pending.refresh_from_db()
    assert pending.state == AdjustmentState.APPROVED


@pytest.mark.parametrize(("who", "status"), [("finance", 403), ("manager", 403), ("auditor", 403), ("outsider", 404)])
def test_only_an_admin_decides(request, pending, who, status):
    response = api(request.getfixturevalue(who)).post(f"{URL}indicator/{pending.pk}/approve/")
    assert response.status_code == status
    pending.refresh_from_db()
    assert pending.state == AdjustmentState.PENDING


@pytest.mark.parametrize("path", ["budget/{pk}/approve/", "indicator/99999999999999999999/approve/"])
def test_unknown_adjustment_is_a_404(pending, admin_user, path):
    assert api(admin_user).post(URL + path.format(pk=pending.pk)).status_code == 404
