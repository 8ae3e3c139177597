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
    assert (by_seq(the_round)[1].needs_explanation, by_seq(the_round)[2].needs_explanation) == (3, 3)
    # Projects 3–15 have nothing reported: each budget is red (13 lines) and so is each cumulative indicator,
    # whose progress counts as 0 (1+3+6+2+3+2+2+3+1+3+2+3+3 = 34 lines): 6 + 13 + 34 = 53.
    assert the_round.needs_explanation == 53
    explain(finance, 1, None, reasons=["funding"])  # the red budget line of project 1
    explain(finance, 2, 3, likelihood="确定能")  # a likelihood alone names no 偏差原因: still 待说明
    explain(finance, 2, 2, reasons=["其他"], reason_other="培训延期")
    the_round = monitoring_round(department=scenario, year=2026, as_of=ROUND)
    assert (by_seq(the_round)[1].needs_explanation, by_seq(the_round)[2].needs_explanation) == (2, 2)
    assert the_round.needs_explanation == 51


def test_a_note_dated_after_the_round_does_not_explain_it(scenario, finance):
    explain(finance, 1, None, reasons=["funding"])
    earlier = monitoring_round(department=scenario, year=2026, as_of=ROUND.replace(day=30))
    assert by_seq(earlier)[1].lines[0].note is None


def test_projects_are_listed_worst_first(scenario):
    seqs = [p.project.seq for p in monitoring_round(department=scenario, year=2026, as_of=ROUND).projects]
    # All are red. Then most lines to explain first: 5 (budget + 6 cumulative lines), then 4, 7, 10, 12, 14, 15
    # with 4 each; with 3: 6, 8, 9, 13 (3 red lines), 1 (2 red, 1 yellow), 2 (1 red, 2 yellow); with 2: 3, 11.
    assert seqs == [5, 4, 7, 10, 12, 14, 15, 6, 8, 9, 13, 1, 2, 3, 11]


def test_forecast_score_of_project_1_by_hand(scenario, finance):
    # Classes: 产出 50 over 3 indicators (50/3 each), 效益 30 (设备使用年限), 满意度 10.
    # Forecasts: budget 4.30 → 10 × 4.30/4.60; 购置数 8 → 50/3; 利用率 93 → 93/95 × 50/3; 满意度 90 → 90/95 × 10;
    # 合格率 has no forecast and keeps its actual 96 (met) → 50/3; 年限 keeps 6 → 30.
    explain(finance, 1, None, forecast=Decimal("4.30"), reasons=["funding"])
    explain(finance, 1, 1, forecast=Decimal("8"))
    explain(finance, 1, 4, forecast=Decimal("93"))
    explain(finance, 1, 2, forecast=Decimal("90"))
    p1 = by_seq(monitoring_round(department=scenario, year=2026, as_of=ROUND))[1]
    # Score as reported: 10 × 1.2/4.6 + 3/8 × 50/3 + 90/95 × 50/3 + 50/3 + 30 = 71.314836
    assert p1.evaluation.total.quantize(MICRO) == Decimal("71.314836")
    # 9.347826 + 16.666667 + 16.315789 + 16.666667 + 30 + 9.473684 = 98.470633
    assert p1.evaluation.forecast_score.quantize(MICRO) == Decimal("98.470633")


def test_forecast_score_of_project_2_by_hand(scenario, finance):
    # 产出 50/3 each for 培训人数, 按期完成度, 培训班次; 效益 30 (定性); 满意度 10.
    # Forecasts: budget 26.00 → 10 × 26/26.33; 培训人数 162 → 50/3; 按期完成度 95 → 50/3; 满意度 92 (met) → 10;
    # 班次 keeps 2 → 1/2 × 50/3; the 定性 line keeps its tier 部分达成 70 % → 21.
    explain(finance, 2, None, forecast=Decimal("26.00"))
    explain(finance, 2, 1, forecast=Decimal("162"), reasons=["staff"])
    explain(finance, 2, 2, forecast=Decimal("95"), reasons=["system"])
    explain(finance, 2, 4, forecast=Decimal("92"))
    p2 = by_seq(monitoring_round(department=scenario, year=2026, as_of=ROUND))[2]
    # Score as reported: 10 × 20/26.33 + 60/162 × 50/3 + 80/95 × 50/3 + 1/2 × 50/3 + 21 = 57.137159
    assert p2.evaluation.total.quantize(MICRO) == Decimal("57.137159")
    # 9.874668 + 16.666667 + 16.666667 + 10 + 8.333333 + 21 = 82.541334
    assert p2.evaluation.forecast_score.quantize(MICRO) == Decimal("82.541334")
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
def test_the_round_reads_in_seven_queries_whatever_its_size(scenario, django_assert_num_queries, seqs):
    from projects.models import Project
    Project.objects.filter(department=scenario).exclude(seq__in=seqs).update(year=2027)
    # projects, indicators, indicator reports, expenditures, monitoring notes, indicator adjustments,
    # budget adjustments
    with django_assert_num_queries(7):
        the_round = monitoring_round(department=scenario, year=2026, as_of=ROUND)
        assert sum(len(p.lines) for p in the_round.projects) == (6 if seqs == [1] else 100)


def test_a_submitted_sheet_reads_the_notes_it_saw_in_one_more_query(scenario, finance, django_assert_num_queries):
    seen = explain(finance, 1, 1, reasons=["funding"])
    first = project(1)
    with django_assert_num_queries(8):  # the evaluation's 7, then the notes named by the form
        sheet = monitoring_sheet(project=first, as_of=ROUND, seen_ids=[seen.pk])
    assert sheet.seen == {seen.pk: seen}
