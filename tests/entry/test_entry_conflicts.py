"""No lost updates: a line changed by someone else since the page was loaded is refused, showing their value."""
from decimal import Decimal

import pytest
from django.test import Client

from indicators.models import ExpenditureReport, IndicatorReport
from indicators.services.reports import record_expenditure, record_indicator_report
from tests.conftest import project
from tests.entry.helpers import D, entry_data, entry_url, field, seen_ids


@pytest.fixture
def training(seeded, year_end):
    return project(2)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_second_save_of_a_changed_line_is_refused_with_the_other_persons_value(training, finance, finance2):
    page_seen = seen_ids(training)  # finance opens the page: nothing reported yet
    logged_in(finance2).post(entry_url(training), entry_data(training, {1: "170"}))
    response = logged_in(finance).post(entry_url(training), entry_data(training, {1: "165", 5: "4"}, seen=page_seen))
    assert response.status_code == 409
    assert response.context["form"].lines[0].errors["value"] == [
        "保存前已有人更新了此项：170（截至 2026-12-20，财务乙 于 2026-12-20 10:00 填报）。"
        "您填写的内容未保存，请核对后重新提交。"
    ]
    html = response.content.decode()
    assert f'name="{field(training, 1)}" value="165"' in html and f'name="{field(training, 5)}" value="4"' in html
    assert "在您打开本页后已被他人更新" in html
    # Nothing of the loser is stored, not even the line nobody else touched.
    assert [(r.value, r.entered_by.username) for r in IndicatorReport.objects.all()] == [(Decimal(170), "finance2")]


def test_the_refused_page_carries_the_winning_row_so_a_deliberate_resubmit_saves(training, finance, finance2):
    page_seen = seen_ids(training)
    winner = record_indicator_report(indicator=training.indicators.get(order=1), user=finance2,
                                     as_of=D(2026, 12, 20), value=Decimal(170))
    clerk = logged_in(finance)
    refused = clerk.post(entry_url(training), entry_data(training, {1: "165"}, seen=page_seen))
    assert f'name="{field(training, 1, "seen")}" value="{winner.pk}"' in refused.content.decode()
    resubmit = {**entry_data(training, {1: {"value": "165", "reason": "以签到表为准"}}, seen=page_seen),
                field(training, 1, "seen"): str(winner.pk)}
    assert clerk.post(entry_url(training), resubmit).status_code == 302
    latest = IndicatorReport.objects.latest("id")
    assert (latest.value, latest.corrects_id) == (Decimal(165), winner.pk)


def test_a_conflicting_expenditure_is_refused_too(training, finance, finance2):
    page_seen = seen_ids(training)
    record_expenditure(project=training, user=finance2, as_of=D(2026, 11, 30), amount=Decimal("20"))
    response = logged_in(finance).post(entry_url(training), entry_data(training, amount="21", seen=page_seen))
    assert response.status_code == 409
    assert response.context["form"].expenditure.errors["amount"] == [
        "保存前已有人更新了此项：20.00 万元（截至 2026-11-30，财务乙 于 2026-12-20 10:00 填报）。"
        "您填写的内容未保存，请核对后重新提交。"
    ]
    assert ExpenditureReport.objects.get().amount == Decimal(20)


def test_lines_changed_by_others_but_left_blank_here_are_no_conflict(training, finance, finance2):
    page_seen = seen_ids(training)
    record_indicator_report(indicator=training.indicators.get(order=1), user=finance2,
                            as_of=D(2026, 12, 20), value=Decimal(170))
    response = logged_in(finance).post(entry_url(training), entry_data(training, {5: "4"}, seen=page_seen))
    assert response.status_code == 302
    assert IndicatorReport.objects.count() == 2


def test_a_save_landing_while_the_form_is_checked_is_caught_under_lock(training, finance, finance2, monkeypatch):
    from indicators.views import entry as entry_views

    save = entry_views.save_project_entries
    landed = []

    def other_clerk_saves_first(**kwargs):
        landed.append(record_indicator_report(indicator=training.indicators.get(order=1), user=finance2,
                                              as_of=D(2026, 12, 20), value=Decimal(170)))
        return save(**kwargs)

    monkeypatch.setattr(entry_views, "save_project_entries", other_clerk_saves_first)
    response = logged_in(finance).post(entry_url(training), entry_data(training, {1: "165", 5: "4"}))
    assert response.status_code == 409
    assert "170（截至 2026-12-20，财务乙 于 2026-12-20 10:00 填报）" in response.context["form"].lines[0].errors["value"][0]
    assert f'name="{field(training, 1, "seen")}" value="{landed[0].pk}"' in response.content.decode()
    assert list(IndicatorReport.objects.all()) == landed
