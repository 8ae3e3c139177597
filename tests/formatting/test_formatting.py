"""One form for each kind of figure (core.formatting), whoever shows it: pages, JSON, the text table, charts; and\nthe moments of narrow table columns (the `when` filter)."""
from datetime import datetime, timezone
from decimal import Decimal as D
from decimal import localcontext

import pytest
from django.template import Context, Template

from core import formatting


@pytest.mark.parametrize(
    ("value", "points", "money", "percent", "cents"),
    [
        (D("10"), "10.00", "10.00", "1000.00%", "10.00"),
        (D("9.259259"), "9.26", "9.26", "925.93%", "9.26"),
        (D("1386.3"), "1386.30", "1,386.30", "138630.00%", "1386.30"),
        (D("0.005"), "0.01", "0.01", "0.50%", "0.01"),  # half up, not to even
        (D("0.0423431"), "0.04", "0.04", "4.23%", "0.04"),
        (D("1E+2"), "100.00", "100.00", "10000.00%", "100.00"),  # never an exponent
    ],
)
def test_scores_money_percentages_and_chart_figures_have_two_places(value, points, money, percent, cents):
    assert formatting.points(value) == points
    assert formatting.money(value) == money
    assert formatting.percent(value) == percent
    assert formatting.cents(value) == cents


def test_a_missing_figure_is_a_dash_on_pages_and_null_for_machines():
    assert [formatting.points(None), formatting.money(None), formatting.percent(None), formatting.plain(None)] == [
        "—", "—", "—", "—"]
    assert formatting.decimal_string(None) is None and formatting.cents(None) is None


def test_values_as_entered_and_machine_strings_are_never_rounded():
    assert formatting.plain(D("150.0000")) == "150"
    assert formatting.plain(D("13.5000")) == "13.5"
    assert formatting.decimal_string(D("1E+1")) == "10"
    assert formatting.decimal_string(D("0.0423431000000000000000000000000001")) == "0.0423431000000000000000000000000001"


def test_a_sentence_drops_trailing_zeros():
    assert formatting.compact(D("10.00")) == "10"
    assert formatting.compact(D("9.2593")) == "9.26"
    assert formatting.compact_percent(D("0.8")) == "80%"
    assert formatting.compact_percent(D("0.925925")) == "92.59%"


def test_the_caller_s_decimal_context_does_not_change_what_is_shown():
    with localcontext(prec=3):
        assert formatting.money(D("123456.785")) == "123,456.79"
        assert formatting.percent(D("0.123456")) == "12.35%"


def test_a_moment_in_a_narrow_column_is_its_beijing_date_over_its_time():
    page = Template('{% load perf %}<td class="when">{{ at|when }}</td><td class="when">{{ at|when:"H:i:s" }}</td>'
                    '<td class="when">{{ nothing|when }}</td>')
    # 18:30 UTC on 31 December is 02:30 on 1 January in Beijing: the date shown is the day there.
    html = page.render(Context({"at": datetime(2026, 12, 31, 18, 30, 5, tzinfo=timezone.utc), "nothing": None}))
    assert html == ('<td class="when"><span>2027-01-01</span> <span>02:30</span></td>'
                    '<td class="when"><span>2027-01-01</span> <span>02:30:05</span></td><td class="when"></td>')
