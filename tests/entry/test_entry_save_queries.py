"""Issue 18: the entry page's save is batched: the project locked once, its rows read once, the rows inserted in
bulk, so that 10 reports and an expenditure take the same few queries however many rows the ledger holds."""
import datetime
from decimal import Decimal

import pytest

from indicators.ledger import current_rows
from indicators.models import ExpenditureReport, IndicatorReport
from indicators.services.entry import ExpenditureEntry, IndicatorEntry, save_project_entries
from tests.conftest import project
from tests.entry.helpers import D, entry_data, entry_url

# Inside the test's transaction (the outer atomic is a savepoint here; in production it costs no query):
#  1 SAVEPOINT (the write scope)      2 the project locked, with its review state (checked_once)
#  3 the project's indicators         4 the indicators' reports
#  5 the project's expenditures       6 the clerk's groups and 7 departments (once per request)
#  8 the approved target adjustments  9 the approved budget adjustments
# 10 INSERT of the 10 reports        11 INSERT of the expenditure
# 12 RELEASE SAVEPOINT               13 the year's rule profile (once for every line of the project)
# Then, before the release, the project's stored result refreshed once (issue #21), inside the same savepoint: the
# rows' latest dates (1), the evaluation's 7 (the year's profile is read once for the save and the refresh), the
# upsert (1).
REFRESH = 1 + 7 + 1
SAVE_QUERIES = 13 + REFRESH
# 幼儿园 project 5: 10 quantitative lines; these values meet every target and no rate passes 100 %.
# The page's POST: the user (the session from the cache), the project with its department (access), the clerk's
# groups and departments, the form's evaluation (7: the year's rule profile, read once for the whole request,
# indicators, reports, expenditures, notes, target and budget adjustments; the project is the one access read),
# then the save's own under its lock (the savepoint pair, the lock, the indicators, the two ledgers, the two
# adjustments' reads, one INSERT per table).
PAGE_SAVE_QUERIES = 21 + REFRESH
VALUES = ["85", "72", "6", "1", "100", "4", "3", "2", "1.5", "99.5"]


@pytest.fixture
def school(seeded, year_end):
    return project(5)


def form(p, values, amount, reason=""):
    """What the page sends: every line with the id of the row the clerk saw as current."""
    indicators = list(p.indicators.order_by("order"))
    seen = current_rows(IndicatorReport.objects.filter(indicator__project=p), key=lambda r: r.indicator_id,
                        as_of=datetime.date.max)
    spent = current_rows(ExpenditureReport.objects.filter(project=p), key=lambda r: r.project_id,
                         as_of=datetime.date.max)
    return dict(
        entries=[IndicatorEntry(indicator=i, value=Decimal(v), reason=reason,
                                expected_current_id=seen[i.pk].id if i.pk in seen else None)
                 for i, v in zip(indicators, values, strict=True)],
        expenditure=ExpenditureEntry(amount=Decimal(amount), reason=reason,
                                     expected_current_id=spent[p.pk].id if p.pk in spent else None),
    )


def save(p, user, as_of, values, amount, reason=""):
    return save_project_entries(project=p, user=user, as_of=as_of, **form(p, values, amount, reason))


def test_ten_reports_and_the_expenditure_are_saved_in_thirteen_queries(school, finance, django_assert_num_queries):
    typed = form(school, VALUES, "300.25")
    finance = type(finance).objects.get(pk=finance.pk)  # its groups and departments not yet read: a new request
    with django_assert_num_queries(SAVE_QUERIES):
        saved = save_project_entries(project=school, user=finance, as_of=D(2026, 12, 20), **typed)
    assert saved.count == 11
    stored = dict(IndicatorReport.objects.values_list("indicator__order", "value"))
    assert stored == {order: Decimal(v) for order, v in enumerate(VALUES, start=1)}
    assert ExpenditureReport.objects.get().amount == Decimal("300.25")
    assert all(r.pk for r in saved.reports) and saved.expenditure.pk


def test_the_count_is_the_same_over_a_year_of_rows_and_with_every_line_a_correction(
        school, finance, django_assert_num_queries):
    for month in range(1, 12):
        save(school, finance, D(2026, month, 28), VALUES, f"{month * 20}.00")
    save(school, finance, D(2026, 12, 20), VALUES, "290.00")
    corrected = ["86", "73", "7", "1", "100", "5", "2", "3", "2", "99"]
    typed = form(school, corrected, "300.25", reason="补录遗漏的数据")
    finance = type(finance).objects.get(pk=finance.pk)
    with django_assert_num_queries(SAVE_QUERIES):
        saved = save_project_entries(project=school, user=finance, as_of=D(2026, 12, 20), **typed)
    # Each new row corrects the row of the same date it replaces, and is the line's current value now.
    assert [r.corrects_id is not None for r in saved.reports] == [True] * 10
    assert saved.expenditure.corrects.amount == Decimal("290.00")
    now = current_rows(IndicatorReport.objects.filter(indicator__project=school), key=lambda r: r.indicator.order,
                       as_of=D(2026, 12, 20))
    assert {order: row.value for order, row in now.items()} == {
        order: Decimal(v) for order, v in enumerate(corrected, start=1)}
    assert IndicatorReport.objects.count() == 130 and ExpenditureReport.objects.count() == 13


@pytest.mark.parametrize("orders", [[1, 2], list(range(1, 11))])
def test_the_pages_save_costs_the_same_for_two_lines_or_ten(client, school, finance, django_assert_num_queries,
                                                            orders):
    data = entry_data(school, {order: VALUES[order - 1] for order in orders}, amount="300.25")
    client.force_login(finance)
    with django_assert_num_queries(PAGE_SAVE_QUERIES):
        response = client.post(entry_url(school), data)
    assert response.status_code == 302
    assert IndicatorReport.objects.count() == len(orders) and ExpenditureReport.objects.get().amount == Decimal(
        "300.25")
