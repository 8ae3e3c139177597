"""The round as the selector reads it: levels, 待说明 counts, forecast scores (DOMAIN §5), equal to `evaluate --format json`."""
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from indicators import rules
from indicators.selectors.monitoring import monitoring_round, monitoring_sheet
from indicators.services.monitoring import record_monitoring_note
from tests.conftest import project
from tests.monitoring.round_scenario import ROUND, indicator

MICRO = Decimal("0.000001")


def by_seq(the_round):
    return {p.project.seq: p for p in the_round.projects}


def explain(user, seq, order, **fields):
    line = indicator(seq, order) if order else None
    return record_monitoring_note(project=project(seq), indicator=line, user=user, as_of=ROUND,
                                  **{"forecast": None, "reasons": [], **fields})


def test_lines_take_their_levels_at_the_end_of_july(scenario):
    p1 = by_seq(monitoring_round(department=scenario, year=2026, as_of=ROUND))[1]
    assert [line.level for line in p1.lines] == [
        rules.Level.RED, rules.Level.YELLOW, rules.Level.NONE, rules.Level.GREEN, rules.Level.RED, rules.Level.GREEN
    ]
    assert (p1.green, p1.yellow, p1.red, p1.needs_explanation, p1.level) == (2, 1, 2, 3, rules.Level.RED)


def test_needs_explanation_counts_drop_as_reasons_are_given(scenario, finance):
    the_round = monitoring_round(department=scenario, year=2026, as_of=ROUND)
    assert (by_seq(the_round)[1].needs_explanation, by_seq(the_round)[2].needs_explanation) == (3, 2)
    # Projects 3–15 have nothing reported: each budget is red (13 lines) and so is each 累计 indicator, whose
    # progress counts as 0 (0+4+5+3+3+3+3+4+2+4+3+4+3 = 41 lines); their 时点 and 定性 lines have no level
    # without data: 5 + 13 + 41 = 59.
    assert the_round.needs_explanation == 59
    explain(finance, 1, None, reasons=["funding"])  # the red budget line of project 1
    explain(finance, 2, 3, likelihood="确定能")  # a likelihood alone names no 偏差原因: still 待说明
    explain(finance, 2, 1, reasons=["其他"], reason_other="培训延期")
    the_round = monitoring_round(department=scenario, year=2026, as_of=ROUND)
    assert (by_seq(the_round)[1].needs_explanation, by_seq(the_round)[2].needs_explanation) == (2, 1)
    assert the_round.needs_explanation == 57


def test_durations_and_per_person_standards_are_no_lagging_counts_in_july(scenario):
    # Without data a 时点 line has no level; judged as counts growing through the year (before the 监控口径),
    # 设备使用年限 ≥ 6 年, 补贴人均标准 ≥ 9200 元/人 and 每期培训线下课时 ≥ 24 课时 were red and 待说明.
    the_round = by_seq(monitoring_round(department=scenario, year=2026, as_of=ROUND))
    standards = {(3, 4): "补贴人均标准", (5, 4): "持续发挥作用期限", (5, 8): "师资培训可以持续影响以后教学",
                 (7, 2): "每期培训线下课时", (15, 3): "每月网站访问量"}
    for (seq, order), name in standards.items():
        sheet_line = the_round[seq].lines[order]
        assert (sheet_line.name, sheet_line.level, sheet_line.needs_explanation) == (name, rules.Level.NONE, False)
    assert [line.level for line in the_round[3].lines] == [rules.Level.RED] + [rules.Level.NONE] * 5
    # A duration that is met is green at once, not a third of the way there.
    assert (the_round[1].lines[3].name, the_round[1].lines[3].level) == ("设备使用年限", rules.Level.GREEN)
    # A plan 80 % done by the end of July is ahead of time (p/t = 1.45): no longer red.
    rate = the_round[2].lines[2]
    assert (rate.level, rate.progress.quantize(MICRO), rate.needs_explanation) == (
        rules.Level.GREEN, Decimal("0.842105"), False)


def test_a_note_dated_after_the_round_does_not_explain_it(scenario, finance):
    explain(finance, 1, None, reasons=["funding"])
    earlier = monitoring_round(department=scenario, year=2026, as_of=ROUND.replace(day=30))
    assert by_seq(earlier)[1].lines[0].note is None


def test_projects_are_listed_worst_first(scenario):
    seqs = [p.project.seq for p in monitoring_round(department=scenario, year=2026, as_of=ROUND).projects]
    # All are red but 2 (yellow: its budget and its rate are on time). Among the red, most lines to explain first:
    # 5 (budget + 5 累计 lines), then 4, 10, 12, 14 with 5 each; 6, 7, 8, 9, 13, 15 with 4; with 3: 11 (3 red
    # lines), then 1 (2 red, 1 yellow); 3 has its budget only.
    assert seqs == [5, 4, 10, 12, 14, 6, 7, 8, 9, 13, 15, 11, 1, 3, 2]


def test_forecast_score_of_project_1_by_hand(scenario, finance):
    # Classes: 产出 50 over 3 indicators (16.67 购置数, 16.67 利用率, 16.66 合格率), 效益 30 (设备使用年限), 满意度 10.
    # Forecasts: budget 4.30 → 10 × 4.30/4.60; 购置数 8 → 16.67; 利用率 93 → 93/95 × 16.67; 满意度 90 → 90/95 × 10;
    # 合格率 has no forecast and keeps its actual 96 (met) → 16.66; 年限 keeps 6 → 30. Each line in hundredths.
    explain(finance, 1, None, forecast=Decimal("4.30"), reasons=["funding"])
    explain(finance, 1, 1, forecast=Decimal("8"))
    explain(finance, 1, 4, forecast=Decimal("93"))
    explain(finance, 1, 2, forecast=Decimal("90"))
    p1 = by_seq(monitoring_round(department=scenario, year=2026, as_of=ROUND))[1]
    # Score as reported: 10 × 1.2/4.6 = 2.61 + 3/8 × 16.67 = 6.25 + 90/95 × 16.67 = 15.79 + 16.66 + 30 = 71.31
    assert p1.evaluation.total == Decimal("71.31")
    # 9.35 + 16.67 + 16.32 (16.319…) + 16.66 + 30 + 9.47 = 98.47
    assert p1.evaluation.forecast_score == Decimal("98.47")


def test_forecast_score_of_project_2_by_hand(scenario, finance):
    # 产出 16.67 培训人数, 16.67 按期完成度, 16.66 培训班次; 效益 30 (定性); 满意度 10.
    # Forecasts: budget 26.00 → 10 × 26/26.33; 培训人数 162 → 16.67; 按期完成度 95 → 16.67; 满意度 92 (met) → 10;
    # 班次 keeps 2 → 1/2 × 16.66; the 定性 line keeps its tier 部分达成 70 % → 21. Each line in hundredths.
    explain(finance, 2, None, forecast=Decimal("26.00"))
    explain(finance, 2, 1, forecast=Decimal("162"), reasons=["staff"])
    explain(finance, 2, 2, forecast=Decimal("95"), reasons=["system"])
    explain(finance, 2, 4, forecast=Decimal("92"))
    p2 = by_seq(monitoring_round(department=scenario, year=2026, as_of=ROUND))[2]
    # Score as reported: 10 × 20/26.33 = 7.60 + 60/162 × 16.67 = 6.17 + 80/95 × 16.67 = 14.04 + 8.33 + 21 = 57.14
    assert p2.evaluation.total == Decimal("57.14")
    # 9.87 (9.8747) + 16.67 + 16.67 + 10.00 + 8.33 + 21.00 = 82.54
    assert p2.evaluation.forecast_score == Decimal("82.54")
    assert p2.evaluation.grade == "差"  # the forecast is shown beside the score, never instead of it


def test_evaluate_json_carries_the_same_monitoring_figures(scenario, finance):
    explain(finance, 1, 1, forecast=Decimal("8"), reasons=["经费保障"], likelihood="有可能", measures="九月采购")
    out = StringIO()
    call_command("evaluate", department="nbfl", year=2026, as_of="2026-07-31", format="json", stdout=out)
    data = {p["seq"]: p for p in json.loads(out.getvalue())["projects"]}
    p1 = by_seq(monitoring_round(department=scenario, year=2026, as_of=ROUND))[1]
    assert data[1]["monitoring_level"] == "red"
    assert data[1]["needs_explanation"] == p1.needs_explanation == 2
    assert Decimal(data[1]["forecast_score"]) == p1.evaluation.forecast_score
    first = data[1]["indicators"][0]
    assert first["needs_explanation"] is False and first["monitoring_level"] == "yellow"
    assert first["monitoring"] == {
        "id": p1.lines[1].note.pk, "as_of": "2026-07-31", "forecast": "8.0000", "reasons": ["funding"],
        "reason_other": "", "likelihood": "possible", "measures": "九月采购",
    }
    assert data[1]["indicators"][3]["needs_explanation"] is True and data[1]["indicators"][3]["monitoring"] is None


@pytest.mark.parametrize("seqs", [[1], list(range(1, 16))])
def test_the_round_reads_in_eight_queries_whatever_its_size(scenario, django_assert_num_queries, seqs):
    from projects.models import Project
    Project.objects.filter(department=scenario).exclude(seq__in=seqs).update(year=2027)
    # the year's rule profile, projects, indicators, indicator reports, expenditures, monitoring notes, indicator
    # adjustments, budget adjustments
    with django_assert_num_queries(8):
        the_round = monitoring_round(department=scenario, year=2026, as_of=ROUND)
        assert sum(len(p.lines) for p in the_round.projects) == (6 if seqs == [1] else 100)


def test_a_submitted_sheet_reads_the_notes_it_saw_in_one_more_query(scenario, finance, django_assert_num_queries):
    seen = explain(finance, 1, 1, reasons=["funding"])
    first = project(1)
    with django_assert_num_queries(9):  # the evaluation's 8, then the notes named by the form
        sheet = monitoring_sheet(project=first, as_of=ROUND, seen_ids=[seen.pk])
    assert sheet.seen == {seen.pk: seen}
