"""The preview: status and points of the values being typed, computed by the server's rules layer; nothing saved."""
from decimal import Decimal

import pytest

from indicators.models import ExpenditureReport, IndicatorReport
from indicators.services.reports import record_indicator_report
from tests.conftest import project
from tests.entry.helpers import D, entry_data, preview_url


@pytest.fixture
def clerk(client, seeded, finance, year_end):
    client.force_login(finance)
    return client


def preview(clerk, p, lines=None, **kwargs) -> dict:
    response = clerk.post(preview_url(p), entry_data(p, lines, **kwargs))
    assert response.status_code == 200
    return response.json()


def by_order(p, data) -> dict[int, dict]:
    return {i.order: data["lines"][f"ind-{i.pk}"] for i in p.indicators.all()}


def test_the_preview_scores_the_typed_values_and_saves_nothing(clerk):
    training = project(2)
    data = preview(clerk, training, {1: "170人", 2: "９５%", 3: {"tier": "achieved"}, 4: "92", 5: "3"}, amount="25")
    lines = by_order(training, data)
    assert [(lines[o]["label"], lines[o]["points"], lines[o]["possible"]) for o in range(1, 6)] == [
        ("达成", "16.67", "16.67"), ("达成", "16.67", "16.67"), ("达成", "30.00", "30.00"),
        ("达成", "10.00", "10.00"), ("未达成", "12.50", "16.66"),  # 班次 takes 16.66 of 产出 50: 12.495 → 12.50
    ]
    assert lines[5]["explanation"] == (
        "目标 ≥ 4次，完成值 3次，未达成：完成值 3 ÷ 目标值 4 = 75%，得 12.5 分（分值 16.66 分）"
    )
    assert data["expenditure"] == {
        "rate": "94.95%", "points": "9.49", "possible": "10.00", "typed": True, "needs_reason": False, "error": "",
        "explanation": "支出 25 万元 ÷ 预算 26.33 万元 = 执行率 94.95%，得 9.49 分（分值 10 分）",
    }
    assert (data["total"], data["grade"], data["met"], data["not_met"], data["no_data"]) == ("95.33", "优", 4, 1, 0)
    assert not IndicatorReport.objects.exists() and not ExpenditureReport.objects.exists()


def test_lines_not_typed_keep_their_saved_value(clerk, finance):
    training = project(2)
    record_indicator_report(indicator=training.indicators.get(order=4), user=finance, as_of=D(2026, 6, 30),
                            value=Decimal(81))  # 81 / 90 = 90 % of 10 points
    lines = by_order(training, preview(clerk, training, {1: "81"}))  # 81 / 162 = 50 % of 16.67 = 8.335 → 8.34
    assert (lines[1]["points"], lines[1]["typed"]) == ("8.34", True)
    assert (lines[4]["label"], lines[4]["points"], lines[4]["typed"]) == ("未达成", "9.00", False)
    assert lines[2]["label"] == "未填报"


def test_a_refused_value_is_explained_and_left_out_of_the_score(clerk):
    training = project(2)
    lines = by_order(training, preview(clerk, training, {1: "很多"}))
    assert (lines[1]["error"], lines[1]["label"], lines[1]["typed"]) == ("请输入数字：'很多'", "未填报", False)


def test_over_achievement_is_pointed_out(clerk):
    training = project(2)
    lines = by_order(training, preview(clerk, training, {1: "200"}))  # above 1.2 × 162 = 194.4
    assert lines[1]["explanation"].endswith("超额较多：请分析原因，如系年初目标设定偏低，可适度调减分值")


def test_a_value_dated_like_the_current_row_is_flagged_as_needing_a_reason(clerk, finance):
    training = project(2)
    record_indicator_report(indicator=training.indicators.get(order=1), user=finance, as_of=D(2026, 12, 20),
                            value=Decimal(150))
    assert by_order(training, preview(clerk, training, {1: "160"}))[1]["needs_reason"] is True
    assert by_order(training, preview(clerk, training, {1: "160"}, as_of="2026-12-19"))[1]["needs_reason"] is False


def test_a_qualitative_tier_scores_its_percentage(clerk):
    training = project(2)
    lines = by_order(training, preview(clerk, training, {3: {"tier": "partial", "tier_percent": "65"}}))
    assert (lines[3]["label"], lines[3]["points"]) == ("未达成", "19.50")  # 30 × 65 %


def test_the_preview_only_answers_posts(clerk):
    assert clerk.get(preview_url(project(2))).status_code == 405
