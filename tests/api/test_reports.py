"""POST and GET /api/indicators/<id>/reports/: actuals appended through the one write path (DOMAIN §3, §6)."""
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from indicators.models import IndicatorReport
from tests.api.conftest import indicator_of

# 项目 2「培训人数 ≥ 162 人」: one of three 产出 indicators, 50 / 3 points possible.
TRAINEES = (2, 1)
# 项目 2's 定性 indicator「…综合能力…」: 效益, the project's only one, 30 points possible.
QUALITATIVE = (2, 3)


def reports_url(seq_order) -> str:
    return f"/api/indicators/{indicator_of(*seq_order).pk}/reports/"


def test_finance_reports_an_actual_and_gets_the_row_and_the_new_score(api, seeded, finance):
    response = api(finance).post(reports_url(TRAINEES), {"value": "155", "as_of": "2026-11-20", "note": "两期"},
                                 format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["report"]["value"] == "155.0000"
    assert (body["report"]["as_of"], body["report"]["note"], body["report"]["corrects"]) == ("2026-11-20", "两期", None)
    assert body["report"]["entered_by"] == {"username": "finance", "name": "财务甲"}
    # 155 < 162: not met, r = 155 / 162, points 16.67 (its share of 产出 50 over 3, in hundredths) × 155/162 =
    # 15.9496… → 15.95 (DOMAIN §3–4).
    line = body["evaluation"]
    assert (line["actual"], line["status"], line["as_of"]) == ("155.0000", "not_met", "2026-11-25")
    assert line["points"] == "15.95"
    assert body["project_evaluation"]["total_score"] == line["points"]
    assert body["project_evaluation"]["not_met"] == 1
    row = IndicatorReport.objects.get()
    assert (row.value, row.entered_by, row.note) == (Decimal(155), finance, "两期")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("１６２", "162.0000"), ("162人", "162.0000"), (" 1,000 ", "1000.0000"), (170, "170.0000")],
)
def test_numbers_are_read_the_way_the_entry_form_reads_them(api, seeded, finance, typed, stored):
    response = api(finance).post(reports_url(TRAINEES), {"value": typed, "as_of": "2026-11-20"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["report"]["value"] == stored


def test_a_json_number_is_read_as_a_decimal_never_as_a_float(api, seeded, finance):
    # As floats, 95.1235 is 95.12349999999999… and 12345678901.2345 is 12345678901.23450088…: the service would
    # refuse both as having more than 4 decimal places. (15 significant digits: what SQLite keeps of a decimal.)
    client = api(finance)
    for raw, as_of in (("95.1235", "2026-10-31"), ("12345678901.2345", "2026-11-20")):
        response = client.post(reports_url((2, 2)), f'{{"value": {raw}, "as_of": "{as_of}"}}',
                               content_type="application/json")
        assert response.status_code == 201, response.json()
        assert response.json()["report"]["value"] == raw
    assert IndicatorReport.objects.filter(value=Decimal("12345678901.2345")).exists()


def test_form_encoded_posts_work_too(api, seeded, finance):
    response = api(finance).post(reports_url(TRAINEES), "value=162&as_of=2026-11-20",
                                 content_type="application/x-www-form-urlencoded")
    assert response.status_code == 201


def test_a_qualitative_indicator_takes_a_tier_by_code_or_by_its_chinese_label(api, seeded, finance):
    client = api(finance)
    by_label = client.post(reports_url(QUALITATIVE), {"tier": "部分达成年度指标并具有一定效果", "tier_percent": "75%",
                                                       "as_of": "2026-10-31"}, format="json")
    assert by_label.status_code == 201, by_label.json()
    assert (by_label.json()["report"]["tier"], by_label.json()["report"]["tier_percent"]) == ("partial", "75.0000")
    # 30 × 75 % = 22.5 points; 部分达成 is not met.
    assert Decimal(by_label.json()["evaluation"]["points"]) == Decimal("22.5")
    by_code = client.post(reports_url(QUALITATIVE), {"tier": "achieved", "as_of": "2026-11-20"}, format="json")
    assert by_code.status_code == 201
    # No percentage given: the tier's default, 100 %.
    assert (by_code.json()["report"]["tier_percent"], by_code.json()["evaluation"]["status"]) == ("100.0000", "met")


BAD_INPUT = [
    (TRAINEES, {"value": "abc", "as_of": "2026-11-20"}, "value", "请输入数字：'abc'"),
    (TRAINEES, {"value": "20万人", "as_of": "2026-11-20"}, "value", "单位应为「人」，请按该单位只填数字：'20万人'"),
    (TRAINEES, {"value": "1.23456", "as_of": "2026-11-20"}, "value", "最多 4 位小数：'1.23456'"),
    (TRAINEES, {"value": "-3", "as_of": "2026-11-20"}, "value", "实际完成值不能为负数（只有下降率、增长率、节约率可以为负）。"),
    (TRAINEES, {"value": True, "as_of": "2026-11-20"}, "value", "请输入数字（文本或 JSON 数值）。"),
    (TRAINEES, {"value": "1e5", "as_of": "2026-11-20"}, "value", "请直接输入数字，不要用科学计数法：'1e5'"),
    (TRAINEES, {"as_of": "2026-11-20"}, "value", "请填写实际完成值。"),
    (TRAINEES, {"tier": "achieved", "as_of": "2026-11-20"}, "tier", "定量指标请填写数值，不选档次。"),
    (TRAINEES, {"value": "162"}, "as_of", "请填写截至日期。"),
    (TRAINEES, {"value": "162", "as_of": "2026/11/20"}, "as_of", "截至日期格式应为 YYYY-MM-DD。"),
    (TRAINEES, {"value": "162", "as_of": "2026-11-26"}, "as_of", "截至日期不能晚于今天：2026-11-26"),
    (TRAINEES, {"value": "162", "as_of": "2025-12-31"}, "as_of", "截至日期应在预算年度 2026 年内：2025-12-31"),
    (QUALITATIVE, {"value": "1", "as_of": "2026-11-20"}, "value", "定性指标请选择完成档次，不填数值。"),
    (QUALITATIVE, {"as_of": "2026-11-20"}, "tier", "请选择完成档次。"),
    (QUALITATIVE, {"tier": "excellent", "as_of": "2026-11-20"}, "tier", "“excellent” 不是合法选项。"),
    (QUALITATIVE, {"tier": "partial", "tier_percent": "85", "as_of": "2026-11-20"}, "tier_percent",
     "「部分达成年度指标并具有一定效果」的得分率应在 60% 至 80%（不含）之间：85"),
]


@pytest.mark.parametrize(("line", "body", "field", "message"), BAD_INPUT)
def test_bad_input_gets_a_chinese_message_on_its_field_and_stores_nothing(api, seeded, finance, line, body, field,
                                                                          message):
    response = api(finance).post(reports_url(line), body, format="json")
    assert response.status_code == 400
    assert response.json() == {field: [message]}
    assert not IndicatorReport.objects.exists()


def test_a_body_that_is_not_an_object_is_refused(api, seeded, finance):
    response = api(finance).post(reports_url(TRAINEES), [1, 2], format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]


@pytest.mark.parametrize(("who", "status"), [("manager", 403), ("auditor", 403), ("admin_user", 403), ("outsider", 404)])
def test_only_finance_of_the_department_may_report(request, api, seeded, who, status):
    user = request.getfixturevalue(who)
    response = api(user).post(reports_url(TRAINEES), {"value": "162", "as_of": "2026-11-20"}, format="json")
    assert response.status_code == status
    assert "detail" in response.json()
    assert not IndicatorReport.objects.exists()


def test_anonymous_posts_get_401(seeded):
    response = APIClient().post(reports_url(TRAINEES), {"value": "162", "as_of": "2026-11-20"}, format="json")
    assert response.status_code == 401


def test_a_second_report_on_the_same_date_is_a_correction_that_needs_a_reason(api, seeded, finance):
    client = api(finance)
    first = client.post(reports_url(TRAINEES), {"value": "150", "as_of": "2026-11-20"}, format="json").json()
    refused = client.post(reports_url(TRAINEES), {"value": "155", "as_of": "2026-11-20"}, format="json")
    assert refused.status_code == 400
    assert list(refused.json()) == ["reason"]
    assert "更正请填写更正原因" in refused.json()["reason"][0]
    corrected = client.post(reports_url(TRAINEES), {"value": "155", "as_of": "2026-11-20", "reason": "漏计一期"},
                            format="json")
    assert corrected.status_code == 201
    assert corrected.json()["report"]["corrects"] == first["report"]["id"]
    assert corrected.json()["evaluation"]["actual"] == "155.0000"
    assert IndicatorReport.objects.count() == 2


def test_a_row_already_corrected_cannot_be_corrected_again_409(api, seeded, finance, finance2):
    first = api(finance).post(reports_url(TRAINEES), {"value": "150", "as_of": "2026-11-20"}, format="json").json()
    claim = {"value": "155", "as_of": "2026-11-20", "corrects": first["report"]["id"], "reason": "漏计"}
    assert api(finance).post(reports_url(TRAINEES), claim, format="json").status_code == 201
    late = api(finance2).post(reports_url(TRAINEES), {**claim, "value": "160"}, format="json")
    assert late.status_code == 409
    assert late.json() == {"corrects": ["该记录已被更正过：请在最新记录的基础上更正。"]}
    assert sorted(IndicatorReport.objects.values_list("value", flat=True)) == [Decimal(150), Decimal(155)]


def test_a_stale_expected_current_row_is_refused_with_409(api, seeded, finance, finance2):
    first = api(finance).post(reports_url(TRAINEES), {"value": "150", "as_of": "2026-10-31"}, format="json").json()
    # finance2 loaded the line when it was still empty, and saves after finance did.
    stale = api(finance2).post(reports_url(TRAINEES), {"value": "158", "as_of": "2026-11-20",
                                                       "expected_current": None}, format="json")
    assert stale.status_code == 409
    assert "保存前已有人更新了此项" in stale.json()["value"][0]
    fresh = api(finance2).post(reports_url(TRAINEES), {"value": "158", "as_of": "2026-11-20",
                                                       "expected_current": first["report"]["id"]}, format="json")
    assert fresh.status_code == 201


def test_a_correction_must_name_a_row_of_the_same_indicator(api, seeded, finance):
    client = api(finance)
    other = client.post(reports_url((2, 2)), {"value": "95", "as_of": "2026-11-20"}, format="json").json()
    response = client.post(reports_url(TRAINEES), {"value": "150", "as_of": "2026-11-20",
                                                   "corrects": other["report"]["id"], "reason": "x"}, format="json")
    assert (response.status_code, response.json()) == (400, {"corrects": ["要更正的记录不属于此项。"]})


def test_the_ledger_lists_every_row_newest_first_with_its_correction(api, seeded, finance, manager):
    client = api(finance)
    client.post(reports_url(TRAINEES), {"value": "80", "as_of": "2026-06-30"}, format="json")
    wrong = client.post(reports_url(TRAINEES), {"value": "150", "as_of": "2026-11-20"}, format="json").json()
    client.post(reports_url(TRAINEES), {"value": "155", "as_of": "2026-11-20", "reason": "漏计"}, format="json")
    ledger = api(manager).get(reports_url(TRAINEES)).json()
    assert ledger["count"] == 3
    assert [r["value"] for r in ledger["results"]] == ["155.0000", "150.0000", "80.0000"]
    assert ledger["results"][1]["corrected_by"] == ledger["results"][0]["id"]
    assert ledger["results"][0]["corrects"] == wrong["report"]["id"]
    page = api(manager).get(reports_url(TRAINEES) + "?page_size=2&page=2").json()
    assert [r["value"] for r in page["results"]] == ["80.0000"]


def test_the_ledger_of_another_department_is_not_found(api, seeded, outsider):
    assert api(outsider).get(reports_url(TRAINEES)).status_code == 404
