"""Saving a project's form: one report per changed line, one transaction, the evaluation shown after saving."""
from decimal import Decimal

import pytest

from indicators.models import ExpenditureReport, IndicatorReport
from tests.conftest import project
from tests.entry.helpers import D, entry_data, entry_url

# Project 2 (培训费, 26.33 万元): 1 培训人数 ≥ 162 人, 2 培训计划按期完成度 ≥ 95 %, 3 定性, 4 培训人员满意度 ≥ 90 %,
# 5 培训班次 ≥ 4 次. Points: 产出 50 / 3 lines, 效益 30, 满意度 10, budget 10.
GOOD = {1: "170人", 2: "95%", 3: {"tier": "achieved"}, 4: "92", 5: "3"}


@pytest.fixture
def clerk(client, seeded, finance, year_end):
    client.force_login(finance)
    return client


def test_saving_writes_one_report_per_filled_line_and_the_expenditure(clerk, finance):
    training = project(2)
    response = clerk.post(entry_url(training), entry_data(training, GOOD, amount="25"))
    assert response.status_code == 302 and response["Location"] == entry_url(training)
    reports = IndicatorReport.objects.filter(indicator__project=training).order_by("indicator__order")
    assert [(r.value, r.tier) for r in reports] == [
        (Decimal(170), ""), (Decimal(95), ""), (None, "achieved"), (Decimal(92), ""), (Decimal(3), "")
    ]
    assert reports[2].tier_percent == Decimal(100)  # the tier's default
    assert {r.as_of for r in reports} == {D(2026, 12, 20)} and {r.entered_by for r in reports} == {finance}
    assert ExpenditureReport.objects.get(project=training).amount == Decimal(25)


def test_the_page_after_saving_shows_status_and_score(clerk):
    training = project(2)
    page = clerk.post(entry_url(training), entry_data(training, GOOD, amount="25"), follow=True)
    text = page.content.decode()
    assert "已保存 6 项（截至 2026-12-20）" in text
    # 产出 16.67 + 16.67 + 16.66 × 3/4 = 12.495 → 12.50 (45.84), 效益 30, 满意度 10, budget 10 × 25/26.33 = 9.49
    # → 95.33 优
    assert '<span id="total">95.33</span>' in text and 'class="badge grade-优">优</span>' in text
    assert '<div class="value" id="counts">4 / 1 / 0</div>' in text
    assert "12.50</span> / 16.66 分" in text and "94.95%" in text


def test_lines_left_blank_are_not_written(clerk):
    training = project(2)
    clerk.post(entry_url(training), entry_data(training, {1: "100", 5: "2"}))
    assert IndicatorReport.objects.filter(indicator__project=training).count() == 2
    assert not ExpenditureReport.objects.exists()


def test_saving_the_same_values_again_writes_nothing(clerk):
    training = project(2)
    clerk.post(entry_url(training), entry_data(training, GOOD, amount="25"))
    again = clerk.post(entry_url(training), entry_data(training, GOOD, amount="25.00"), follow=True)
    assert "没有需要保存的修改" in again.content.decode()
    assert IndicatorReport.objects.count() == 5 and ExpenditureReport.objects.count() == 1


def test_a_later_date_appends_a_new_report_and_keeps_the_old_one(clerk):
    training = project(2)
    clerk.post(entry_url(training), entry_data(training, {1: "90"}, as_of="2026-07-31"))
    response = clerk.post(entry_url(training), entry_data(training, {1: "170"}))
    assert response.status_code == 302
    rows = IndicatorReport.objects.filter(indicator__project=training).order_by("as_of")
    assert [(r.as_of, r.value, r.corrects_id) for r in rows] == [
        (D(2026, 7, 31), Decimal(90), None), (D(2026, 12, 20), Decimal(170), None)
    ]


def test_a_new_value_on_the_current_date_asks_for_the_reason_and_stores_nothing(clerk):
    training = project(2)
    clerk.post(entry_url(training), entry_data(training, {1: "150"}))
    response = clerk.post(entry_url(training), entry_data(training, {1: "160", 5: "4"}))
    assert response.status_code == 400
    form = response.context["form"]
    assert form.lines[0].errors["reason"] == [
        "截至 2026-12-20 已填报 150（截至 2026-12-20，财务甲 于 2026-12-20 10:00 填报）：更正请填写更正原因。"
    ]
    assert IndicatorReport.objects.count() == 1  # neither the correction nor line 5
    assert 'value="160"' in response.content.decode() and 'value="4"' in response.content.decode()


def test_a_correction_with_its_reason_names_the_row_it_corrects(clerk):
    training = project(2)
    clerk.post(entry_url(training), entry_data(training, {1: "150"}))
    first = IndicatorReport.objects.get()
    response = clerk.post(entry_url(training), entry_data(training, {1: {"value": "160", "reason": "漏计第四期 10 人"}}))
    assert response.status_code == 302
    fixed = IndicatorReport.objects.exclude(pk=first.pk).get()
    assert (fixed.value, fixed.corrects_id, fixed.reason) == (Decimal(160), first.pk, "漏计第四期 10 人")
    assert IndicatorReport.objects.get(pk=first.pk).value == Decimal(150)  # the old row stays


def test_a_qualitative_line_takes_a_tier_and_a_percentage_inside_it(clerk):
    training = project(2)
    clerk.post(entry_url(training), entry_data(training, {3: {"tier": "partial", "tier_percent": "75%"}}))
    row = IndicatorReport.objects.get()
    assert (row.value, row.tier, row.tier_percent) == (None, "partial", Decimal(75))


def test_a_note_is_saved_with_its_value(clerk):
    training = project(2)
    clerk.post(entry_url(training), entry_data(training, {1: {"value": "170", "note": "含线上培训 20 人"}}))
    assert IndicatorReport.objects.get().note == "含线上培训 20 人"


def test_a_refused_line_saves_none_of_the_good_lines(clerk):
    training = project(2)
    response = clerk.post(entry_url(training), entry_data(training, {1: "170", 2: "很多", 5: "3"}, amount="25"))
    assert response.status_code == 400
    assert not IndicatorReport.objects.exists() and not ExpenditureReport.objects.exists()
    assert "有 1 处需要修改" in response.content.decode()
