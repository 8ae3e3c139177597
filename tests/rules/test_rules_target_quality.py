"""The target-quality checks on plain values (issue #22): each rule names what it finds and suggests a fix."""
from decimal import Decimal

from indicators.rules.target_quality import LineFacts, ProjectFacts, Rule, Severity, review_project

D = Decimal


def line(order, name, operator, text, unit, level1="产出指标", level2="数量指标", last=None):
    value = None if operator == "" else D(text.rstrip("%"))
    return LineFacts(order, name, operator, text, value, unit, level1, level2, last)


CLEAN = (
    line(1, "培训人数", "≥", "160", "人"),
    line(2, "培训合格率", "≥", "95", "%", level2="质量指标"),
    line(3, "培训成本", "≤", "20", "万元", level2="成本指标"),
    line(4, "学员就业率提高", "≥", "10", "%", "效益指标", "社会效益指标"),
    line(5, "学员满意度", "≥", "90", "%", "满意度指标", "服务对象满意度指标"),
)


def project(*lines, budget="26.33", own="26.33", transfer="0.00", texts="面向基层妇女干部的培训", name="培训费"):
    return ProjectFacts(2, name, texts, D(budget), D(own), D(transfer), tuple(lines))


def rules_of(findings):
    return [(f.indicator_order, f.rule, f.severity) for f in findings]


def test_a_clean_table_has_no_findings():
    assert review_project(project(*CLEAN)) == []


def test_a_vague_qualitative_target_is_a_warning_and_one_with_a_criterion_is_not():
    vague = line(6, "提升干部履职能力", "", "进一步提升", "", "效益指标", "社会效益指标")
    measured = line(7, "提升干部履职能力", "", "考核优秀率达到 30%", "", "效益指标", "社会效益指标")
    found = review_project(project(*CLEAN, vague))
    assert rules_of(found) == [(6, Rule.VAGUE_QUALITATIVE, Severity.WARNING)]
    assert "「进一步提升」只说明方向" in found[0].message
    assert review_project(project(*CLEAN[:4], CLEAN[4], measured)) == []


def test_a_duration_in_years_cannot_be_observed_within_the_year():
    found = review_project(project(*CLEAN, line(6, "设备使用年限", "≥", "6", "年", level2="质量指标")))
    assert rules_of(found) == [(6, Rule.UNOBSERVABLE_IN_YEAR, Severity.WARNING)]
    assert found[0].message == "「设备使用年限 ≥ 6 年」要到 6 年后才能验证，本年度自评时无法观测。"


def test_a_count_of_beneficiaries_under_a_cap_is_a_reverse_target_that_zero_meets():
    found = review_project(project(*CLEAN, line(6, "符合补贴标准的对象人数", "≤", "5", "人")))
    assert rules_of(found) == [(6, Rule.CAP_AS_REVERSE, Severity.WARNING)]


def test_a_unit_written_twice_is_an_error_with_the_bare_number_suggested():
    found = review_project(project(*CLEAN, line(6, "教师流失率", "≤", "5%", "%", level2="质量指标")))
    assert rules_of(found) == [(6, Rule.UNIT_REPEATED, Severity.ERROR)]
    assert found[0].suggestion == "目标值只写数字「5」，单位留在单位栏。"


def test_a_bounded_rate_above_100_is_an_error_but_a_growth_rate_is_not():
    found = review_project(project(*CLEAN, line(6, "资金发放率", "≥", "120", "%", level2="时效指标"),
                                   line(7, "参训人数增长率", "≥", "120", "%")))
    assert rules_of(found) == [(6, Rule.RATE_ABOVE_100, Severity.ERROR)]


def test_bounded_rates_are_compared_with_last_years_actual():
    low = line(2, "培训合格率", "≥", "95", "%", level2="质量指标", last=D("98.5"))
    leap = line(5, "学员满意度", "≥", "95", "%", "满意度指标", "服务对象满意度指标", last=D("70"))
    near = line(5, "学员满意度", "≥", "95", "%", "满意度指标", "服务对象满意度指标", last=D("80"))
    found = review_project(project(CLEAN[0], low, *CLEAN[2:4], leap))
    assert rules_of(found) == [(2, Rule.BELOW_LAST_ACTUAL, Severity.WARNING),
                               (5, Rule.FAR_ABOVE_LAST_ACTUAL, Severity.WARNING)]
    assert found[0].message == "「培训合格率」目标 95% 低于上年实际 98.5%（历史标准）。"
    assert "高出 25 个百分点" in found[1].message
    assert review_project(project(*CLEAN[:4], near)) == []  # 15 points: ambitious, not a leap


def test_a_cost_target_above_the_budget_is_an_error_in_yuan_or_wan():
    in_yuan = line(3, "培训成本", "≤", "300000", "元", level2="成本指标")
    found = review_project(project(CLEAN[0], CLEAN[1], in_yuan, *CLEAN[3:]))
    assert rules_of(found) == [(3, Rule.COST_ABOVE_BUDGET, Severity.ERROR)]
    within = line(3, "培训成本", "≤", "263300", "元", level2="成本指标")
    assert review_project(project(CLEAN[0], CLEAN[1], within, *CLEAN[3:])) == []


def test_the_same_name_twice_is_an_error_on_both_lines():
    twice = line(6, "培训人数", "≥", "10", "人")
    assert rules_of(review_project(project(*CLEAN, twice))) == [
        (1, Rule.DUPLICATE_NAME, Severity.ERROR), (6, Rule.DUPLICATE_NAME, Severity.ERROR)]


def test_project_level_findings_split_and_missing_classes():
    outputs_only = (CLEAN[0], CLEAN[1])
    found = review_project(project(*outputs_only, budget="26.33", own="20.00", transfer="6.00"))
    assert rules_of(found) == [(None, Rule.SPLIT_MISMATCH, Severity.ERROR),
                               (None, Rule.MISSING_CLASS, Severity.WARNING),
                               (None, Rule.MISSING_CLASS, Severity.WARNING)]
    assert [f.message for f in found[1:]] == ["项目「培训费」没有效益指标。", "项目「培训费」没有满意度指标。"]
    # A project that serves no one directly is not asked for a satisfaction line.
    internal = review_project(project(*CLEAN[:4], name="机房改造", texts="更新机房设备"))
    assert internal == []


def test_a_finding_as_json_names_its_place_rule_and_severity():
    finding = review_project(project(*CLEAN, line(6, "设备使用年限", "≥", "6", "年")))[0]
    assert finding.as_dict() == {
        "project_seq": 2, "indicator_order": 6, "rule": "unobservable_in_year", "severity": "warning",
        "message": "「设备使用年限 ≥ 6 年」要到 6 年后才能验证，本年度自评时无法观测。",
        "suggestion": finding.suggestion,
    }
