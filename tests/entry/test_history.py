"""History pages: every report, expenditure, note and adjustment, newest first, read-only, per department."""
import datetime
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from indicators.models import MonitoringNote
from indicators.services.reports import record_expenditure, record_indicator_report
from projects.choices import AdjustmentState
from projects.models import BudgetAdjustment, IndicatorAdjustment
from tests.conftest import project
from tests.entry.helpers import D

BEIJING = ZoneInfo("Asia/Shanghai")
HISTORY_PROJECT_QUERIES = 10 + 1  # (+ the navigation badge) user (the session from the cache), project, groups, memberships + reports, expenditures, notes, 3 adjustments
HISTORY_INDICATOR_QUERIES = 8 + 1  # (+ the navigation badge) user (the session from the cache), indicator, groups, memberships + reports, notes, target adjustments, 分值 adjustment lines


def at(month, day, hour=9):
    return time_machine.travel(datetime.datetime(2026, month, day, hour, tzinfo=BEIJING), tick=False)


@pytest.fixture
def training(seeded):
    return project(2)


@pytest.fixture
def story(training, finance, finance2, admin_user):
    """A year of project 2, told in order; returns the rows by name."""
    trainees = training.indicators.get(order=1)
    rows = {}
    with at(7, 31):
        rows["july"] = record_indicator_report(indicator=trainees, user=finance, as_of=D(2026, 7, 31),
                                               value=Decimal(80), note="上半年两期")
    with at(8, 5):
        rows["spent"] = record_expenditure(project=training, user=finance2, as_of=D(2026, 7, 31), amount=Decimal(10))
    with at(8, 6):
        rows["note"] = MonitoringNote.objects.create(
            project=training, indicator=trainees, as_of=D(2026, 7, 31), forecast=Decimal(160), reason_staff=True,
            likelihood="possible", measures="下半年加开两期", entered_by=finance,
        )
    with at(9, 1):
        rows["target"] = IndicatorAdjustment.objects.create(
            indicator=trainees, reason="场地受限", effective_date=D(2026, 9, 1), state=AdjustmentState.APPROVED,
            proposed_by=finance, proposed_at=datetime.datetime(2026, 8, 20, 9, tzinfo=BEIJING),
            decided_by=admin_user, decided_at=datetime.datetime(2026, 9, 1, 9, tzinfo=BEIJING),
            old_operator="≥", old_target_text="162", old_target_value=Decimal(162), old_unit="人",
            new_operator="≥", new_target_text="150", new_target_value=Decimal(150), new_unit="人",
        )
    with at(10, 8):
        rows["budget"] = BudgetAdjustment.objects.create(
            project=training, reason="追加培训", effective_date=D(2026, 10, 1), state=AdjustmentState.REJECTED,
            proposed_by=finance2, proposed_at=datetime.datetime(2026, 10, 8, 9, tzinfo=BEIJING),
            decided_by=admin_user, decided_at=datetime.datetime(2026, 10, 9, 9, tzinfo=BEIJING),
            rejection_reason="超出年度预算", old_budget=Decimal("26.33"), old_own_level=Decimal("26.33"),
            old_transfer=0, new_budget=Decimal(30), new_own_level=Decimal(30), new_transfer=0,
        )
    with at(12, 10):
        rows["december"] = record_indicator_report(indicator=trainees, user=finance2, as_of=D(2026, 12, 10),
                                                   value=Decimal(150))
    with at(12, 11, 14):
        rows["fixed"] = record_indicator_report(indicator=trainees, user=finance, as_of=D(2026, 12, 10),
                                                value=Decimal(155), reason="补录一期 5 人")
    return rows


def row_ids(html: str) -> list[str]:
    return re.findall(r'<tr id="([a-z_]+-\d+)"', html)


def test_the_project_history_interleaves_everything_newest_first(client, finance, story):
    client.force_login(finance)
    html = client.get(f"/history/project/{project(2).pk}/").content.decode()
    assert row_ids(html) == [
        f"report-{story['fixed'].pk}", f"report-{story['december'].pk}",
        f"budget_adjustment-{story['budget'].pk}", f"target_adjustment-{story['target'].pk}",
        f"note-{story['note'].pk}", f"expenditure-{story['spent'].pk}", f"report-{story['july'].pk}",
    ]


def test_a_report_shows_when_who_value_as_of_and_note(client, finance, story):
    client.force_login(finance)
    html = client.get(f"/history/project/{project(2).pk}/").content.decode()
    july = html[html.index(f'id="report-{story["july"].pk}"'):]
    july = july[:july.index("</tr>")]
    for shown in ("2026-07-31 09:00", "完成值填报", "培训人数", "80 人", "2026-07-31", "上半年两期", "财务甲"):
        assert shown in july
    assert "10.00 万元" in html and "财务乙" in html


def test_a_correction_and_the_row_it_corrects_link_to_each_other(client, finance, story):
    client.force_login(finance)
    html = client.get(f"/history/project/{project(2).pk}/").content.decode()
    fixed, december = story["fixed"].pk, story["december"].pk
    assert f'更正 <a href="#report-{december}">#{december}</a>' in html
    assert f'已被 <a href="#report-{fixed}">#{fixed}</a> 更正' in html
    assert "更正原因：补录一期 5 人" in html
    current = html[html.index(f'id="report-{fixed}"'):]
    assert current[:current.index("</tr>")].count("当前值") == 1
    assert html.count('<span class="badge met">当前值</span>') == 3  # the indicator, the expenditure, the note


def test_adjustments_show_old_and_new_state_reason_and_dates(client, finance, story):
    client.force_login(finance)
    html = client.get(f"/history/project/{project(2).pk}/").content.decode()
    assert "≥ 162 人 → ≥ 150 人" in html and "调整原因：场地受限" in html and "生效 2026-09-01" in html
    assert '<span class="badge met">已批准</span>' in html
    assert "26.33 → 30.00 万元" in html and "驳回原因：超出年度预算" in html
    assert '<span class="badge not_met">已驳回</span>' in html


def test_a_monitoring_note_shows_forecast_reason_likelihood_and_measures(client, finance, story):
    client.force_login(finance)
    html = client.get(f"/history/project/{project(2).pk}/").content.decode()
    assert "预计全年 160" in html and "偏差原因：人员保障" in html
    assert "完成目标可能性：有可能" in html and "改进措施：下半年加开两期" in html


def test_the_indicator_history_shows_only_its_own_rows(client, finance, story):
    client.force_login(finance)
    trainees = project(2).indicators.get(order=1)
    html = client.get(f"/history/indicator/{trainees.pk}/").content.decode()
    assert row_ids(html) == [
        f"report-{story['fixed'].pk}", f"report-{story['december'].pk}",
        f"target_adjustment-{story['target'].pk}", f"note-{story['note'].pk}", f"report-{story['july'].pk}",
    ]


@pytest.mark.parametrize("who", ["finance", "finance2", "manager", "auditor"])
def test_finance_managers_and_auditors_can_read_it(request, story, who):
    client = Client()
    client.force_login(request.getfixturevalue(who))
    trainees = project(2).indicators.get(order=1)
    assert client.get(f"/history/project/{project(2).pk}/").status_code == 200
    assert client.get(f"/history/indicator/{trainees.pk}/").status_code == 200


def test_another_department_sees_nothing(client, outsider, story):
    client.force_login(outsider)
    trainees = project(2).indicators.get(order=1)
    assert client.get(f"/history/project/{project(2).pk}/").status_code == 404
    assert client.get(f"/history/indicator/{trainees.pk}/").status_code == 404


def test_anonymous_visitors_are_sent_to_the_login_page(client, training):
    response = client.get(f"/history/project/{training.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_nobody_can_change_history(client, finance, story, method):
    client.force_login(finance)
    assert getattr(client, method)(f"/history/project/{project(2).pk}/").status_code == 405
    assert getattr(client, method)(f"/history/indicator/{story['july'].indicator_id}/").status_code == 405


def test_history_pages_run_in_a_fixed_number_of_queries(client, finance, training, django_assert_num_queries):
    client.force_login(finance)
    trainees = training.indicators.get(order=1)
    with django_assert_num_queries(HISTORY_PROJECT_QUERIES):
        client.get(f"/history/project/{training.pk}/")
    with django_assert_num_queries(HISTORY_INDICATOR_QUERIES):
        client.get(f"/history/indicator/{trainees.pk}/")


def test_history_pages_stay_at_that_number_with_a_year_of_rows(client, finance, story, django_assert_num_queries):
    client.force_login(finance)
    url = f"/history/project/{project(2).pk}/"
    with django_assert_num_queries(HISTORY_PROJECT_QUERIES):
        client.get(url)
    with django_assert_num_queries(HISTORY_INDICATOR_QUERIES):
        client.get(f"/history/indicator/{story['july'].indicator_id}/")


def test_an_empty_history_says_so(client, finance, training):
    client.force_login(finance)
    assert "还没有任何填报、说明或调整记录" in client.get(f"/history/project/{training.pk}/").content.decode()


def test_the_history_index_leads_to_the_projects(client, finance):
    client.force_login(finance)
    assert client.get("/history/")["Location"] == "/projects/"
