"""The review through the API: GET /api/projects/<id>/review/ → {state, history, missing}; POST submit, approve,
return {reason}, reopen {reason}; 400 with the missing items, 403 for the wrong person, 409 for a locked project."""
import pytest
from rest_framework.test import APIClient

from indicators.api.tokens import issue_token
from tests.conftest import project
from tests.review.conftest import complete_project_1


def api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(username=user.username)[0].key}")
    return client


def url(action: str = "") -> str:
    return f"/api/projects/{project(1).pk}/review/" + (f"{action}/" if action else "")


def test_the_state_history_and_missing_items_are_read(scenario, finance, reviewer):
    body = api(reviewer).get(url()).json()
    assert (body["state"], body["state_label"], body["locked"], body["history"]) == ("draft", "填报中", False, [])
    assert [m["kind"] for m in body["missing"]] == ["text", "text", "text", "achievement", "problems", "measures"]
    assert body["missing"][3] == {"kind": "achievement", "message": "请填写项目的实际完成情况。",
                                  "url": f"/self-evaluation/{project(1).pk}/#project-achievement"}


def test_submitting_an_incomplete_project_is_400_with_every_missing_item(scenario, finance):
    response = api(finance).post(url("submit"), {}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["项目 1「设备购置经费」尚有 6 项未完成，不能送审：请先完成以下各项。"],
        "missing": [
            "预算执行（预算执行率 90%，未达 100%）：请填写偏差原因分析及改进措施。",
            "第 1 项指标「设备购置数」超额较多：请填写偏差原因分析及改进措施。",
            "第 4 项指标「设备利用率」未达成：请填写偏差原因分析及改进措施。",
            "请填写项目的实际完成情况。", "请填写项目的存在问题。", "请填写项目的改进措施。",
        ],
    }


def test_the_round_through_the_api(scenario, finance, reviewer, admin_user):
    complete_project_1(finance)
    body = api(finance).post(url("submit"), {}, format="json").json()
    assert (body["state"], body["locked"], body["missing"]) == ("submitted", True, [])
    # A locked project refuses writes with 409.
    write = api(finance).post(f"/api/projects/{project(1).pk}/expenditures/", {"amount": "4", "as_of": "2026-12-18"},
                              format="json")
    assert (write.status_code, write.json()) == (409, {"non_field_errors": ["该项目 2026 年自评已送审，如需修改请先退回"]})
    refused = api(reviewer).post(url("return"), {"reason": ""}, format="json")
    assert (refused.status_code, refused.json()) == (400, {"reason": ["请填写退回原因。"]})
    assert api(reviewer).post(url("return"), {"reason": "补充利用率说明"}, format="json").json()["state"] == "returned"
    api(finance).post(url("submit"), {}, format="json")
    assert api(reviewer).post(url("approve"), {}, format="json").json()["state"] == "approved"
    body = api(admin_user).post(url("reopen"), {"reason": "口径有误"}, format="json").json()
    assert body["state"] == "draft"
    assert [(e["action"], e["by"]["username"], e["reason"]) for e in body["history"]] == [
        ("submit", "finance", ""), ("return", "reviewer", "补充利用率说明"), ("submit", "finance", ""),
        ("approve", "reviewer", ""), ("reopen", "admin", "口径有误"),
    ]


def test_wrong_people_get_403_and_a_second_submission_409(scenario, department, finance, reviewer, auditor):
    from django.contrib.auth.models import Group

    from core.roles import REVIEWER

    complete_project_1(finance)
    assert api(reviewer).post(url("submit"), {}, format="json").status_code == 403
    finance.groups.add(Group.objects.get(name=REVIEWER))
    api(finance).post(url("submit"), {}, format="json")
    own = api(finance).post(url("approve"), {}, format="json")
    assert own.status_code == 403 and "送审人不能审核自己送审的自评" in own.json()["detail"]
    assert api(auditor).post(url("approve"), {}, format="json").status_code == 403
    assert api(finance).post(url("submit"), {}, format="json").status_code == 409


@pytest.mark.parametrize("action", ["submit", "approve", "return", "reopen"])
def test_a_project_of_another_department_is_404(scenario, outsider, action):
    assert api(outsider).post(url(action), {"reason": "x"}, format="json").status_code == 404
