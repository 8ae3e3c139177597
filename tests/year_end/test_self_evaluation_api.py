"""The year-end self-evaluation through the API (others build on these names): GET /api/projects/<id>/
self-evaluation/, POST it {achievement, problems, measures}, POST /api/indicators/<id>/explanation/ {text, basis},
POST /api/projects/<id>/explanation/ {text}, POST /api/indicators/<id>/deduction/ {points, reason}."""
import datetime
from decimal import Decimal

import pytest

from indicators.models import LineExplanation, ProjectSelfEvaluation, ScoreDeduction
from indicators.services.monitoring import record_monitoring_note
from indicators.services.year_end import record_line_explanation
from tests.api.conftest import token_client
from tests.conftest import project
from tests.year_end.conftest import line


def self_evaluation_url(seq: int) -> str:
    return f"/api/projects/{project(seq).pk}/self-evaluation/"


@pytest.fixture
def clerk(scenario, finance):
    return token_client(finance)


def test_the_self_evaluation_names_each_lines_explanation_whether_it_is_required_and_what_is_missing(clerk, finance):
    record_monitoring_note(project=project(3), indicator=line(3, 5), user=finance, as_of=datetime.date(2026, 7, 31),
                           forecast=Decimal(88), reasons=["staff"], likelihood="possible", measures="加强回访")
    response = clerk.get(self_evaluation_url(3))
    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["project", "year", "as_of", "total_score", "grade", "achievement", "problems", "measures",
                          "texts", "budget_line", "indicators", "missing", "complete"]
    assert (body["year"], body["as_of"], body["achievement"], body["texts"], body["complete"]) == (
        2026, "2026-12-20", "", None, False)
    caring = body["indicators"][2]
    assert list(caring) == ["indicator", "order", "name", "qualitative", "status", "flags", "points_possible",
                            "points", "deduction", "text", "basis", "text_required", "basis_required", "required",
                            "cause", "entry_note", "explanation"]
    assert (caring["indicator"], caring["qualitative"], caring["status"], caring["points"]) == (
        line(3, 3).pk, True, "not_met", "21.00")
    assert (caring["text_required"], caring["basis_required"], caring["cause"]) == (True, True, "未达成")
    assert (caring["text"], caring["entry_note"], caring["explanation"]) == ("", "走访慰问 5 人", None)
    satisfaction = body["indicators"][4]  # 85 < 90 %, with a monitoring note that must not stand in
    assert (satisfaction["text"], satisfaction["entry_note"], satisfaction["required"]) == ("", "", True)
    assert body["budget_line"] == {
        "budget": "4.60", "spent": "4.60", "execution_rate": "1", "over_budget": False, "points_possible": "10.00",
        "points": "10.00", "text": "", "required": False, "cause": None, "explanation": None,
    }
    assert body["missing"][:3] == [
        {"line": "indicator", "field": "text", "indicator": line(3, 3).pk,
         "message": "第 3 项指标「进一步关心关爱困难全国三八红旗手」未达成：请填写偏差原因分析及改进措施。"},
        {"line": "indicator", "field": "basis", "indicator": line(3, 3).pk,
         "message": "第 3 项指标「进一步关心关爱困难全国三八红旗手」为定性指标：请填写评价依据（为何评为该档次、该得分率）。"},
        {"line": "indicator", "field": "text", "indicator": line(3, 5).pk,
         "message": "第 5 项指标「受益对象满意度」未达成：请填写偏差原因分析及改进措施。"},
    ]
    assert [m["field"] for m in body["missing"][3:]] == ["achievement", "problems", "measures"]
    assert "加强回访" not in response.content.decode()


def test_writing_every_required_text_completes_the_self_evaluation(clerk):
    response = clerk.post(f"/api/indicators/{line(3, 3).pk}/explanation/",
                          {"text": "部分对象外出未能走访。", "basis": "走访 5 人中的 4 人，按部分达成 70% 计。"}, format="json")
    assert response.status_code == 201
    caring = response.json()["indicators"][2]
    assert (caring["text"], caring["basis"]) == ("部分对象外出未能走访。", "走访 5 人中的 4 人，按部分达成 70% 计。")
    assert caring["explanation"]["entered_by"] == {"username": "finance", "name": "财务甲"}
    clerk.post(f"/api/indicators/{line(3, 5).pk}/explanation/", {"text": "回访不足。"}, format="json")
    response = clerk.post(self_evaluation_url(3), {"achievement": "发放补助 4 人。", "problems": "走访不全。",
                                                   "measures": "下年度提前安排走访。"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert (body["achievement"], body["problems"], body["measures"]) == ("发放补助 4 人。", "走访不全。", "下年度提前安排走访。")
    assert (body["missing"], body["complete"]) == ([], True)


def test_the_budget_lines_explanation(clerk):
    response = clerk.post(f"/api/projects/{project(1).pk}/explanation/", {"text": "设备尾款待验收后支付。"}, format="json")
    assert response.status_code == 201
    budget = response.json()["budget_line"]
    assert (budget["text"], budget["required"], budget["cause"]) == ("设备尾款待验收后支付。", True, "预算执行率 90%，未达 100%")
    assert LineExplanation.objects.get().indicator is None


def test_the_same_text_again_answers_200_and_appends_nothing(clerk):
    body = {"text": "回访不足。"}
    assert clerk.post(f"/api/indicators/{line(3, 5).pk}/explanation/", body, format="json").status_code == 201
    assert clerk.post(f"/api/indicators/{line(3, 5).pk}/explanation/", body, format="json").status_code == 200
    assert LineExplanation.objects.count() == 1


def test_a_change_needs_its_reason_and_names_the_row_it_corrects(clerk):
    url = f"/api/indicators/{line(3, 5).pk}/explanation/"
    first = clerk.post(url, {"text": "回访不足。"}, format="json").json()["indicators"][4]["explanation"]["id"]
    refused = clerk.post(url, {"text": "回访不足，问卷偏少。"}, format="json")
    assert refused.status_code == 400
    assert list(refused.json()) == ["reason"]
    corrected = clerk.post(url, {"text": "回访不足，问卷偏少。", "reason": "补充", "expected_current": first}, format="json")
    assert corrected.status_code == 201
    assert corrected.json()["indicators"][4]["explanation"]["corrects"] == first
    stale = clerk.post(url, {"text": "再改。", "reason": "再改", "expected_current": first}, format="json")
    assert stale.status_code == 409
    assert LineExplanation.objects.count() == 2


@pytest.mark.parametrize(
    ("path", "body", "errors"),
    [
        ("indicator", {"text": "慰" * 2001}, {"text": ["偏差原因分析及改进措施最多 2000 字，现有 2001 字：请精简后再保存（系统不会截断）。"]}),
        ("indicator", {"basis": "依" * 2001}, {"basis": ["评价依据最多 2000 字，现有 2001 字：请精简后再保存（系统不会截断）。"]}),
        ("indicator", {}, {"non_field_errors": ["请至少提供 text、basis 中的一项。"]}),
        ("budget", {"text": "尾" * 2001}, {"text": ["偏差原因分析及改进措施最多 2000 字，现有 2001 字：请精简后再保存（系统不会截断）。"]}),
        ("budget", {}, {"text": ["请填写 text（偏差原因分析及改进措施）。"]}),
        ("project", {"achievement": "完" * 5001, "problems": "无"},
         {"achievement": ["实际完成情况最多 5000 字，现有 5001 字：请精简后再保存（系统不会截断）。"]}),
        ("project", {"note": "x"}, {"non_field_errors": ["请至少提供 achievement、problems、measures 中的一项。"]}),
        ("project", {"achievement": 0}, {"achievement": ["请输入文本（JSON 字符串）。"]}),
        ("budget", {"text": "", "reason": False}, {"reason": ["请输入文本（JSON 字符串）。"]}),
        ("project", ["achievement"], {"non_field_errors": ['请求体应为 JSON 对象（字段名: 值），例如 {"as_of": "2026-07-31"}。']}),
    ],
)
def test_bad_bodies_are_400s_with_chinese_field_errors_and_nothing_is_stored(clerk, path, body, errors):
    url = {
        "indicator": f"/api/indicators/{line(3, 3).pk}/explanation/",
        "budget": f"/api/projects/{project(3).pk}/explanation/",
        "project": self_evaluation_url(3),
    }[path]
    response = clerk.post(url, body, format="json")
    assert response.status_code == 400
    assert response.json() == errors
    assert (LineExplanation.objects.count(), ProjectSelfEvaluation.objects.count()) == (0, 0)


def test_a_basis_on_a_quantitative_line_is_a_400(clerk):
    response = clerk.post(f"/api/indicators/{line(3, 5).pk}/explanation/", {"basis": "按问卷"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"basis": ["评价依据只用于定性指标：定量指标请填写偏差原因分析及改进措施。"]}


@pytest.mark.parametrize("who", ["manager", "auditor"])
def test_readers_read_and_cannot_write(scenario, request, who):
    client = token_client(request.getfixturevalue(who))
    assert client.get(self_evaluation_url(1)).status_code == 200
    for url, body in ((self_evaluation_url(1), {"achievement": "x"}),
                      (f"/api/projects/{project(1).pk}/explanation/", {"text": "x"}),
                      (f"/api/indicators/{line(1, 4).pk}/explanation/", {"text": "x"})):
        response = client.post(url, body, format="json")
        assert response.status_code == 403
        assert response.json() == {"detail": "只有本部门的财务人员可以填报。"}
    assert LineExplanation.objects.count() == 0


def test_another_departments_project_is_404(scenario, outsider):
    client = token_client(outsider)
    assert client.get(self_evaluation_url(1)).status_code == 404
    assert client.post(f"/api/indicators/{line(1, 4).pk}/explanation/", {"text": "x"}, format="json").status_code == 404
    assert client.post(f"/api/indicators/{line(1, 1).pk}/deduction/", {"points": "1", "reason": "x"},
                       format="json").status_code == 404


def test_a_reviewer_records_a_deduction_and_the_total_follows(scenario, reviewer):
    client = token_client(reviewer)
    response = client.post(f"/api/indicators/{line(1, 1).pk}/deduction/",
                           {"points": "5", "reason": "年初目标按 8 台测算偏低。"}, format="json")
    assert response.status_code == 201
    body = response.json()
    purchase = body["indicators"][0]
    deduction = purchase["deduction"]
    assert (deduction["id"], deduction["reason"]) == (ScoreDeduction.objects.get().pk, "年初目标按 8 台测算偏低。")
    assert Decimal(deduction["points"]) == Decimal(deduction["applied"]) == 5  # "5" on SQLite, "5.00" on PostgreSQL
    assert Decimal(purchase["points_possible"]) - Decimal(purchase["points"]) == 5
    assert body["total_score"] == "93.12"  # 98.12 less 5
    # The project's evaluation everywhere is after the deduction.
    detail = client.get(f"/api/projects/{project(1).pk}/").json()
    assert detail["evaluation"]["total_score"] == body["total_score"]


@pytest.mark.parametrize(
    ("order", "body", "errors"),
    [
        (1, {"points": "17", "reason": "目标偏低"}, {"points": ["扣分不能超过该指标的得分 16.67 分。"]}),
        (1, {"points": "-1", "reason": "目标偏低"}, {"points": ["不能为负数：'-1'"]}),
        (1, {"reason": "目标偏低"}, {"points": ["请填写扣分。"]}),
        (1, {"points": "1"}, {"reason": ["请填写扣分原因。"]}),
        (4, {"points": "1", "reason": "目标偏低"}, {"points": ["该指标未标记“超额较多”，不能记录偏离度扣分。"]}),
    ],
)
def test_bad_deductions_are_400s(scenario, admin_user, order, body, errors):
    response = token_client(admin_user).post(f"/api/indicators/{line(1, order).pk}/deduction/", body, format="json")
    assert response.status_code == 400
    assert response.json() == errors
    assert ScoreDeduction.objects.count() == 0


def test_only_a_reviewer_records_a_deduction(clerk):
    response = clerk.post(f"/api/indicators/{line(1, 1).pk}/deduction/", {"points": "1", "reason": "x"},
                          format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": "只有本部门的审核人员（或管理员）可以记录偏离度扣分。"}


def test_the_endpoints_are_in_the_openapi_schema(clerk):
    paths = clerk.get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"]
    assert set(paths["/api/projects/{id}/self-evaluation/"]) == {"get", "post"}
    assert set(paths["/api/projects/{id}/explanation/"]) == {"post"}
    assert set(paths["/api/indicators/{id}/explanation/"]) == {"post"}
    assert set(paths["/api/indicators/{id}/deduction/"]) == {"post"}


def test_an_explanation_written_through_the_api_shows_on_the_page(client, clerk, finance):
    record_line_explanation(indicator=line(1, 4), user=finance, text="由服务写入。")
    clerk.post(f"/api/indicators/{line(1, 1).pk}/explanation/", {"text": "由接口写入。"}, format="json")
    client.force_login(finance)
    body = client.get(f"/self-evaluation/{project(1).pk}/").content.decode()
    assert "由服务写入。" in body and "由接口写入。" in body
