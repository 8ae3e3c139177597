"""A pending proposal can be withdrawn by its department's finance; a rejected or withdrawn one proposed again."""
from decimal import Decimal

import pytest
from django.urls import reverse

from projects.choices import AdjustmentState
from projects.models import IndicatorAdjustment
from projects.services.adjustments import reject_adjustment, withdraw_adjustment
from tests.adjustments.conftest import target_change
from tests.adjustments.test_adjustment_pages import client_for, pending, section  # noqa: F401 (fixture)


def test_finance_withdraws_a_pending_proposal_and_it_never_takes_effect(pending, finance2):
    response = client_for(finance2).post(reverse("adjustments:withdraw", args=["indicator", pending.pk]),
                                         {"next": "/adjustments/"}, follow=True)
    assert "已撤回该调整申请：它不会生效，可以重新提出。" in response.content.decode()
    pending.refresh_from_db()
    assert (pending.state, pending.decided_by.username) == (AdjustmentState.WITHDRAWN, "finance2")
    assert "已撤回" in section(response.content.decode(), f"adjustment-indicator-{pending.pk}")


@pytest.mark.parametrize("who", ["manager", "admin_user", "outsider"])
def test_only_finance_of_the_department_withdraws(request, pending, who):
    response = client_for(request.getfixturevalue(who)).post(
        reverse("adjustments:withdraw", args=["indicator", pending.pk]))
    assert response.status_code in (403, 404)
    pending.refresh_from_db()
    assert pending.state == AdjustmentState.PENDING


def test_a_decided_proposal_cannot_be_withdrawn(pending, finance, admin_user):
    reject_adjustment(adjustment=pending, user=admin_user, reason="依据不足")
    response = client_for(finance).post(reverse("adjustments:withdraw", args=["indicator", pending.pk]), follow=True)
    assert "该调整已由 admin 于 2026-11-25 10:00 驳回，您的操作未生效。" in response.content.decode()


def test_the_list_offers_withdraw_to_finance_only(pending, finance, manager):
    row = section(client_for(finance).get("/adjustments/").content.decode(), f"adjustment-indicator-{pending.pk}")
    assert "撤回</button>" in row
    row = section(client_for(manager).get("/adjustments/").content.decode(), f"adjustment-indicator-{pending.pk}")
    assert "撤回</button>" not in row


def test_a_rejected_proposal_is_proposed_again_with_its_values_prefilled(pending, trainees, finance, admin_user):
    reject_adjustment(adjustment=pending, user=admin_user, reason="请补充依据")
    row = section(client_for(finance).get("/adjustments/").content.decode(), f"adjustment-indicator-{pending.pk}")
    again = f"/adjustments/new/?indicator={trainees.pk}&amp;again={pending.pk}"
    assert f'href="{again}"' in row and "重新提出" in row
    form = client_for(finance).get(again.replace("&amp;", "&")).content.decode()
    assert 'value="150"' in form and target_change()["reason"] in form


def test_after_withdrawing_a_new_proposal_may_be_made(pending, trainees, finance):
    from projects.services.adjustments import propose_indicator_adjustment

    withdraw_adjustment(adjustment=pending, user=finance)
    again = propose_indicator_adjustment(indicator=trainees, user=finance, **target_change(target_text="155"))
    assert again.new_target_value == Decimal("155")
    assert IndicatorAdjustment.objects.filter(state=AdjustmentState.PENDING).count() == 1


def test_the_api_withdraws_for_finance_and_refuses_others(pending, finance, manager):
    url = f"/api/adjustments/indicator/{pending.pk}/withdraw/"
    assert client_for(manager).post(url).status_code == 403
    response = client_for(finance).post(url)
    assert response.status_code == 200 and response.json()["state"] == "withdrawn"
    assert client_for(finance).post(url).status_code == 409
