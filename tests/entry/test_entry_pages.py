"""The entry pages as a clerk sees them: the list of projects still to fill in, one form per project."""
from decimal import Decimal

import pytest

from indicators.services.reports import record_expenditure, record_indicator_report
from tests.conftest import project
from tests.entry.helpers import D, entry_url

# Every page: the user (the session comes from the cache: cached_db), the user's groups (role); project pages also the project and the memberships.
# + evaluate_project's 7: the year's rule profile, indicators, reports, expenditures, notes, 2 adjustments (the project
# is the one the access check read); + the 佐证材料 list's 1.
ENTRY_PAGE_QUERIES = 12 + 1  # … + the navigation badge (what waits for the user)
ENTRY_INDEX_QUERIES = 11 + 1  # (+ the navigation badge) user, groups + evaluate's 8 (departments written to are a subquery) + the
# departments of the upload form


@pytest.fixture
def clerk(client, seeded, finance, year_end):
    client.force_login(finance)
    return client


def report_everything(p, user, day=D(2026, 12, 20)):
    for indicator in p.indicators.all():
        if indicator.operator:
            record_indicator_report(indicator=indicator, user=user, as_of=day, value=Decimal(1))
        else:
            record_indicator_report(indicator=indicator, user=user, as_of=day, tier="achieved")
    record_expenditure(project=p, user=user, as_of=day, amount=Decimal(1))


def test_the_list_shows_every_project_with_how_many_indicators_have_no_report(clerk, finance):
    training = project(2)
    for order in (1, 5):
        record_indicator_report(indicator=training.indicators.get(order=order), user=finance,
                                as_of=D(2026, 12, 1), value=Decimal(100))
    report_everything(project(3), finance)
    response = clerk.get("/entry/")
    overview = response.context["overview"]
    assert len(overview.projects) == 15
    assert [p.score.no_data for p in overview.projects][:5] == [5, 3, 0, 6, 10]
    html = response.content.decode()
    assert "3 项未填报" in html and "已全部填报" in html
    assert f'href="/entry/{training.pk}/">培训费</a>' in html


@pytest.mark.parametrize("seq", [1, 5])  # 5 and 10 indicators (project 5 is the largest)
def test_the_list_runs_in_a_fixed_number_of_queries(clerk, finance, django_assert_num_queries, seq):
    report_everything(project(seq), finance)
    with django_assert_num_queries(ENTRY_INDEX_QUERIES):
        assert clerk.get("/entry/").status_code == 200


@pytest.mark.parametrize(("seq", "reported"), [(1, False), (5, False), (5, True)])
def test_the_entry_page_runs_in_a_fixed_number_of_queries(clerk, finance, django_assert_num_queries, seq, reported):
    p = project(seq)
    if reported:
        report_everything(p, finance)
    with django_assert_num_queries(ENTRY_PAGE_QUERIES):
        response = clerk.get(entry_url(p))
    assert len(response.context["form"].lines) == p.indicators.count()


def test_every_line_shows_target_unit_current_value_and_its_date(clerk, finance):
    training = project(2)
    record_indicator_report(indicator=training.indicators.get(order=1), user=finance, as_of=D(2026, 11, 30),
                            value=Decimal(150))
    record_indicator_report(indicator=training.indicators.get(order=3), user=finance, as_of=D(2026, 11, 30),
                            tier="partial", tier_percent=Decimal(75))
    html = clerk.get(entry_url(training)).content.decode()
    assert "≥ 162 人" in html and "≥ 95 %" in html and "定性：</span>进一步提升" in html
    assert "150 人<div class=\"muted small\">截至 2026-11-30 · 财务甲</div>" in html
    assert "部分达成年度指标并具有一定效果 75%" in html
    # Three indicators and the expenditure have no current value; the three also show 未填报 as their status.
    assert html.count('<td data-label="当前值"><span class="badge no_data">未填报</span></td>') == 3
    assert html.count('<td data-label="当前累计支出"><span class="badge no_data">未填报</span></td>') == 1
    assert html.count('<span class="badge no_data">未填报</span>\n') == 3
    assert 'value="2026-12-20"' in html  # the as-of date defaults to today


def test_the_form_lists_the_fields_in_table_order_with_one_save_button(clerk):
    training = project(2)
    html = clerk.get(entry_url(training)).content.decode()
    names = [f"ind-{i.pk}-" for i in training.indicators.order_by("order")] + ["exp-amount"]
    positions = [html.index(f'name="{name}') for name in names]
    assert positions == sorted(positions)
    entry_form = html[html.index('id="entry-form"'):html.index("</form>", html.index('id="entry-form"'))]
    assert entry_form.count('type="submit"') == 1  # one save for the whole table
    # Outside it: the header's logout, and the 佐证材料 section's upload form per line (the project, the budget line, each indicator).
    assert html.count('type="submit"') == 1 + 1 + 2 + training.indicators.count()
    assert 'src="/static/js/entry.js"' in html


def test_the_page_of_another_year_lists_nothing_to_fill(clerk):
    response = clerk.get("/entry/?year=2025")
    assert "2025 年没有可填报的项目" in response.content.decode()
