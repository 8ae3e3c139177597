"""The write path of monitoring notes: what it accepts, what it refuses (in Chinese), corrections and stale pages."""
import datetime
from decimal import Decimal

import pytest

from core.errors import ConflictError, DomainError
from indicators.models import MonitoringNote
from indicators.services.monitoring import MonitoringErrors, NoteInput, record_monitoring_note, save_monitoring_form
from tests.conftest import project
from tests.monitoring.round_scenario import ROUND, indicator

pytestmark = pytest.mark.usefixtures("august", "seeded")


def note(user, *, seq=1, order=1, **fields):
    line = indicator(seq, order) if order else None
    args = {"as_of": ROUND, "forecast": None, "reasons": [], **fields}
    return record_monitoring_note(project=project(seq), indicator=line, user=user, **args)


def refusal(user, **fields) -> dict:
    with pytest.raises(DomainError) as caught:
        note(user, **fields)
    assert MonitoringNote.objects.count() == 0
    return caught.value.errors


def test_a_full_note_is_stored_with_reasons_by_code_or_label(finance):
    saved = note(finance, forecast=Decimal("7"), reasons=["funding", "人员保障"], likelihood="有可能",
                 measures="九月集中采购")
    assert saved.reasons == ["funding", "staff"]
    assert (saved.forecast, saved.likelihood, saved.measures) == (Decimal("7"), "possible", "九月集中采购")
    assert saved.entered_by == finance and saved.indicator == indicator(1, 1)


def test_the_budget_line_takes_its_forecast_in_wan_yuan(finance):
    saved = note(finance, order=None, forecast=Decimal("4.30"), reasons=["制度保障"])
    assert saved.indicator is None and saved.forecast == Decimal("4.30") and saved.reasons == ["system"]


def test_an_unknown_reason_is_refused(finance):
    errors = refusal(finance, reasons=["资金不足"])
    assert errors == {"reasons": ["未知的偏差原因：'资金不足'（应为 经费保障、制度保障、人员保障、硬件条件保障、其他 之一）"]}


def test_other_without_its_text_is_refused(finance):
    assert refusal(finance, reasons=["其他"]) == {"reason_other": ["勾选「其他」时请写明具体原因。"]}


def test_a_text_for_other_ticks_other(finance):
    saved = note(finance, reasons=["经费保障"], reason_other="场地未落实")
    assert saved.reasons == ["funding", "other"] and saved.reason_other_text == "场地未落实"


def test_an_unknown_likelihood_is_refused(finance):
    assert refusal(finance, likelihood="大概能") == {
        "likelihood": ["未知的完成目标可能性：'大概能'（应为 确定能、有可能、完全不可能 之一）"]
    }


@pytest.mark.parametrize("likelihood", ["有可能", "impossible"])
def test_doubt_without_measures_is_refused(finance, likelihood):
    errors = refusal(finance, reasons=["funding"], likelihood=likelihood, measures="  ")
    assert list(errors) == ["measures"] and "请填写改进措施" in errors["measures"][0]


def test_certain_needs_no_measures(finance):
    assert note(finance, likelihood="确定能").measures == ""


def test_a_negative_forecast_is_refused(finance):
    assert refusal(finance, forecast=Decimal("-1")) == {
        "forecast": ["全年预计完成值不能为负数（只有下降率、增长率、节约率可以为负）。"]
    }


def test_a_rate_of_change_may_be_forecast_negative(finance):
    # Project 5, indicator 9: 成本节约率 ≥ 1 %.
    assert note(finance, seq=5, order=9, forecast=Decimal("-0.5")).forecast == Decimal("-0.5")


def test_a_negative_budget_forecast_is_refused(finance):
    assert refusal(finance, order=None, forecast=Decimal("-0.01")) == {"forecast": ["全年预计执行数不能为负数。"]}


def test_a_text_forecast_is_refused(finance):
    assert refusal(finance, forecast="八台") == {"forecast": ["全年预计完成值应为数字：'八台'"]}


def test_a_forecast_for_a_qualitative_line_is_refused(finance):
    errors = refusal(finance, seq=2, order=3, forecast=Decimal("1"))
    assert errors == {"forecast": ["定性指标按完成档次评价，全年预计完成值请留空（可在改进措施中说明）。"]}


def test_too_many_places_are_refused(finance):
    assert "最多 2 位小数" in refusal(finance, order=None, forecast=Decimal("4.301"))["forecast"][0]


@pytest.mark.parametrize("as_of, message", [
    (datetime.date(2025, 12, 31), "截至日期应在预算年度 2026 年内：2025-12-31"),
    (datetime.date(2026, 8, 11), "截至日期不能晚于今天：2026-08-11"),
])
def test_an_as_of_outside_the_year_or_in_the_future_is_refused(finance, as_of, message):
    assert refusal(finance, as_of=as_of, reasons=["funding"]) == {"as_of": [message]}


def test_an_empty_first_note_is_refused(finance):
    assert refusal(finance) == {"": ["请至少填写全年预计完成值、偏差原因、完成目标可能性或改进措施中的一项。"]}


@pytest.mark.parametrize("who", ["manager", "auditor", "outsider"])
def test_only_finance_of_the_department_writes(request, who):
    user = request.getfixturevalue(who)
    assert refusal(user, reasons=["funding"]) == {"": ["只有本部门的财务人员可以填报。"]}


def test_an_indicator_of_another_project_is_refused(finance):
    with pytest.raises(DomainError, match="该指标不属于此项目"):
        record_monitoring_note(project=project(2), indicator=indicator(1, 1), user=finance, as_of=ROUND,
                               forecast=None, reasons=["funding"])


def test_a_second_note_of_the_same_date_is_a_correction_and_needs_a_reason(finance):
    first = note(finance, reasons=["funding"])
    with pytest.raises(DomainError) as caught:
        note(finance, reasons=["staff"])
    assert list(caught.value.errors) == ["reason"] and "更正请填写更正原因" in caught.value.errors["reason"][0]
    second = note(finance, reasons=["staff"], reason="勾错了")
    assert second.corrects == first and second.reason == "勾错了"
    assert MonitoringNote.objects.count() == 2  # the first is kept


def test_a_later_round_is_a_new_note_not_a_correction(finance):
    june = note(finance, as_of=datetime.date(2026, 6, 30), reasons=["funding"])
    july = note(finance, reasons=["funding"], likelihood="确定能")
    assert july.corrects is None and not MonitoringNote.objects.filter(corrects=june).exists()


def test_a_stale_page_is_refused_with_the_other_note(finance, finance2):
    seen = None  # the page was loaded before anything was written
    winner = note(finance, reasons=["funding"], expected_current_id=seen)
    with pytest.raises(ConflictError) as caught:
        note(finance2, reasons=["staff"], reason="我的看法", expected_current_id=seen)
    assert caught.value.other == winner and "保存前已有人更新了此项：偏差原因 经费保障" in str(caught.value)
    assert MonitoringNote.objects.count() == 1


def test_correcting_an_already_corrected_note_is_a_conflict(finance):
    first = note(finance, reasons=["funding"])
    note(finance, reasons=["staff"], reason="改正")
    with pytest.raises(ConflictError, match="该记录已被更正过"):
        note(finance, reasons=["system"], corrects=first.pk, reason="再改")


def test_saving_a_form_writes_one_note_per_line_or_none(finance):
    good = NoteInput(indicator=indicator(1, 1), reasons=("funding",), expected_current_id=None)
    bad = NoteInput(indicator=indicator(1, 4), reasons=("other",), expected_current_id=None)
    budget = NoteInput(indicator=None, forecast=Decimal("-3"), expected_current_id=None)
    with pytest.raises(MonitoringErrors) as caught:
        save_monitoring_form(project=project(1), user=finance, as_of=ROUND, lines=[good, bad, budget])
    assert caught.value.errors == {
        f"ind-{indicator(1, 4).pk}-reason_other": ["勾选「其他」时请写明具体原因。"],
        "budget-forecast": ["全年预计执行数不能为负数。"],
    }
    assert MonitoringNote.objects.count() == 0
    saved = save_monitoring_form(project=project(1), user=finance, as_of=ROUND, lines=[good])
    assert [n.indicator for n in saved] == [indicator(1, 1)]
