"""Issue 18: a 监控表 save checks every line, then inserts the notes in bulk: the project locked once and its notes
read once, so that 11 lines take the same queries whether the ledger is empty or every line is a correction."""
from decimal import Decimal

import pytest

from indicators.ledger import current_rows
from indicators.models import MonitoringNote
from indicators.services.monitoring import NoteInput, save_monitoring_form
from tests.conftest import project
from tests.monitoring.round_scenario import ROUND

pytestmark = pytest.mark.usefixtures("august", "seeded")
# 项目 5 (幼儿园): its 10 lines' forecasts meet every target and no rate passes 100 %; the budget line's 万元.
FORECASTS = ["85", "72", "6", "1", "100", "4", "3", "2", "1.5", "99.5"]
# In the test's transaction: SAVEPOINT; the project locked for the sheet; the clerk's groups and departments; its
# review state (checked_once); the project's indicators and notes; the approved target and budget adjustments;
# one INSERT of the 11 notes; RELEASE SAVEPOINT; the year's rule profile (the forecasts' bounded rates).
# Then, before the commit, the project's stored result refreshed once (issue #21): the write scope's savepoint and
# release (2), the rows' latest dates (1), the year's rule profile and the evaluation's 7, the upsert (1).
REFRESH = 2 + 1 + 8 + 1
SAVE_QUERIES = 12 + REFRESH


def sheet(p, reason=""):
    seen = current_rows(MonitoringNote.objects.filter(project=p), key=lambda n: n.indicator_id, as_of=ROUND)
    lines = [NoteInput(indicator=i, forecast=Decimal(f), reasons=("funding",), reason=reason,
                       expected_current_id=seen[i.pk].id if i.pk in seen else None)
             for i, f in zip(p.indicators.order_by("order"), FORECASTS, strict=True)]
    budget = NoteInput(indicator=None, forecast=Decimal("500.00"), likelihood="有可能", measures="加快支付进度",
                       reason=reason, expected_current_id=seen[None].id if None in seen else None)
    return [*lines, budget]


def test_eleven_notes_are_saved_in_a_fixed_number_of_queries(finance, django_assert_num_queries):
    school = project(5)
    lines = sheet(school)
    clerk = type(finance).objects.get(pk=finance.pk)  # its groups and departments unread, as on a new request
    with django_assert_num_queries(SAVE_QUERIES):
        saved = save_monitoring_form(project=school, user=clerk, as_of=ROUND, lines=lines)
    assert len(saved) == 11 and all(n.pk for n in saved)
    assert sorted(MonitoringNote.objects.exclude(indicator=None).values_list("forecast", flat=True)) == sorted(
        Decimal(f) for f in FORECASTS)
    assert MonitoringNote.objects.get(indicator=None).measures == "加快支付进度"


def test_every_line_a_correction_takes_the_same_number(finance, django_assert_num_queries):
    school = project(5)
    save_monitoring_form(project=school, user=finance, as_of=ROUND, lines=sheet(school))
    lines = sheet(school, reason="按八月数据更正")
    clerk = type(finance).objects.get(pk=finance.pk)
    with django_assert_num_queries(SAVE_QUERIES):
        saved = save_monitoring_form(project=school, user=clerk, as_of=ROUND, lines=lines)
    assert [n.corrects_id is not None for n in saved] == [True] * 11
    assert MonitoringNote.objects.count() == 22
