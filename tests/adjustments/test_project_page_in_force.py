"""The project page shows the target in force at its date, with the 年初 one beside an adjusted target."""
import datetime

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from projects.services.adjustments import approve_adjustment, propose_indicator_adjustment
from tests.adjustments.conftest import target_change


def page(client, training, as_of: str) -> str:
    response = client.get(f"/projects/{training.pk}/?as_of={as_of}")
    assert response.status_code == 200
    return response.content.decode()


def test_page_shows_the_new_target_from_its_date_and_the_old_one_before(training, trainees, finance, admin_user):
    approve_adjustment(adjustment=propose_indicator_adjustment(indicator=trainees, user=finance, **target_change()),
                       user=admin_user)
    client = Client()
    client.force_login(finance)

    after = page(client, training, "2026-09-30")
    assert "调整后：≥ 150 人" in after
    assert "2026-09-01 起" in after
    assert "年初：≥ 162 人" in after
    assert 'title="调整原因：上级压减培训班次，培训人数相应调减"' in after

    before = page(client, training, "2026-08-31")
    assert "≥ 162 人" in before
    assert "调整后" not in before and "年初：" not in before


def test_pending_proposal_does_not_show_on_the_page(training, trainees, finance):
    propose_indicator_adjustment(indicator=trainees, user=finance, **target_change())
    client = Client()
    client.force_login(finance)
    html = page(client, training, "2026-09-30")
    assert "≥ 162 人" in html and "调整后" not in html


def test_project_page_queries_do_not_grow_with_adjustments(training, trainees, finance, admin_user):
    client = Client()
    client.force_login(finance)
    page(client, training, "2026-09-30")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            page(client, training, "2026-09-30")
        return len(captured)

    without = queries()
    approve_adjustment(adjustment=propose_indicator_adjustment(indicator=trainees, user=finance, **target_change()),
                       user=admin_user)
    for indicator in training.indicators.exclude(pk=trainees.pk).filter(operator="≥")[:2]:
        approve_adjustment(
            adjustment=propose_indicator_adjustment(
                indicator=indicator, user=finance,
                **target_change(target_text="1", unit=indicator.unit, effective_date=datetime.date(2026, 5, 1))),
            user=admin_user,
        )
    assert queries() == without
