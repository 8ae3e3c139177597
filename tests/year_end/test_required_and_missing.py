"""What the year-end self-evaluation requires of each line of the seeded 2026 table, and what is still missing
(DOMAIN §9), read from the one evaluation."""
import datetime
from decimal import Decimal

from indicators.selectors.year_end import self_evaluation
from indicators.services.monitoring import record_monitoring_note
from indicators.services.year_end import record_budget_explanation, record_line_explanation, record_project_texts
from tests.conftest import project
from tests.year_end.conftest import line


def by_order(state):
    return {s.line.indicator.order: s for s in state.lines}


def test_project_1_needs_its_budget_line_its_over_achieved_and_its_missed_line_and_the_three_texts(scenario):
    state = self_evaluation(project=project(1))
    lines = by_order(state)
    # 4.14 of 4.60 万元: 90 %; 设备购置数 10 ≥ 8 台 is 125 %; 设备利用率 90 < 95 %.
    assert state.budget.cause == "预算执行率 90%，未达 100%"
    assert {order: s.cause for order, s in lines.items()} == {1: "超额较多", 2: None, 3: None, 4: "未达成", 5: None}
    assert not any(s.basis_required for s in lines.values())
    assert [m.message for m in state.missing] == [
        "预算执行（预算执行率 90%，未达 100%）：请填写偏差原因分析及改进措施。",
        "第 1 项指标「设备购置数」超额较多：请填写偏差原因分析及改进措施。",
        "第 4 项指标「设备利用率」未达成：请填写偏差原因分析及改进措施。",
        "请填写项目的实际完成情况。",
        "请填写项目的存在问题。",
        "请填写项目的改进措施。",
    ]
    assert not state.complete


def test_a_qualitative_line_needs_its_basis_and_when_not_achieved_its_explanation_too(scenario):
    state = self_evaluation(project=project(3))
    caring = by_order(state)[3]  # 进一步关心关爱困难全国三八红旗手: 部分达成, 70 %
    assert caring.qualitative
    assert caring.line.score.points == Decimal("21")
    assert (caring.text_required, caring.basis_required) == (True, True)
    assert [(m.field, m.indicator) for m in state.missing if m.line == "indicator"] == [
        ("text", caring.line.indicator.pk), ("basis", caring.line.indicator.pk),
        ("text", by_order(state)[5].line.indicator.pk),  # 受益对象满意度 85 < 90 %
    ]
    assert state.budget.cause is None  # 4.60 of 4.60 万元


def test_an_achieved_qualitative_line_still_needs_its_basis(scenario, finance):
    from indicators.services.reports import record_indicator_report

    record_indicator_report(indicator=line(3, 3), user=finance, as_of=datetime.date(2026, 12, 20), tier="achieved",
                            reason="年底走访后重新评定")
    caring = by_order(self_evaluation(project=project(3)))[3]
    assert caring.line.status == "met"
    assert (caring.text_required, caring.basis_required, caring.basis_missing) == (False, True, True)


def test_a_project_without_reports_needs_every_line(seeded):
    state = self_evaluation(project=project(2))
    assert state.budget.cause == "未填报支出"
    assert all(s.cause == "未填报" for s in state.lines)
    assert len(state.missing) == 1 + 5 + 1 + 3  # budget, five lines, the 定性 line's basis, three texts


def test_what_is_written_is_no_longer_missing(scenario, finance):
    p1 = project(1)
    record_budget_explanation(project=p1, user=finance, text="设备尾款待验收后支付。")
    record_line_explanation(indicator=line(1, 1), user=finance, text="年初按 8 台测算，实际采购合并了两批。")
    record_line_explanation(indicator=line(1, 4), user=finance, text="新设备上半年调试，利用率偏低。")
    record_project_texts(project=p1, user=finance, achievement="完成设备购置 10 台。", problems="验收偏晚。",
                         measures="提前安排验收。")
    state = self_evaluation(project=p1)
    assert state.missing == []
    assert state.complete
    assert by_order(state)[1].text == "年初按 8 台测算，实际采购合并了两批。"


def test_the_entry_note_is_the_starting_text_and_the_monitoring_note_never_stands_in(scenario, finance):
    p7 = project(7)
    record_monitoring_note(project=p7, indicator=line(7, 1), user=finance, as_of=datetime.date(2026, 7, 31),
                           forecast=Decimal(150), reasons=["other"], reason_other="场地受限",
                           likelihood="possible", measures="下半年加开一期")
    state = self_evaluation(project=p7)
    trained = by_order(state)[1]  # 家庭教育指导师培训人数 150 of 200: 未达成, 说明「两期合计」
    assert trained.starting_text == "两期合计"
    assert trained.text == ""
    assert trained.text_missing
    record_line_explanation(indicator=line(7, 1), user=finance, text="场地所限只办两期。")
    trained = by_order(self_evaluation(project=p7))[1]
    assert trained.starting_text == ""  # offered only while the line has no text of its own
    assert trained.text == "场地所限只办两期。"


def test_the_self_evaluation_reads_in_ten_queries(scenario, finance, django_assert_num_queries):
    record_line_explanation(indicator=line(1, 4), user=finance, text="利用率偏低。")
    p1 = project(1)
    # The evaluation's 8 (the year's rule profile, projects … budget adjustments), the line explanations, the
    # project texts.
    with django_assert_num_queries(10):
        self_evaluation(project=p1)
