"""The adjustment pages: who may open what, the proposal form's messages, one-click decisions, the list."""
import re

import pytest
from django.test import Client
from django.urls import reverse

from projects.choices import AdjustmentState
from projects.models import BudgetAdjustment, IndicatorAdjustment
from projects.services.adjustments import propose_budget_adjustment, propose_indicator_adjustment
from tests.adjustments.conftest import budget_change, target_change
from tests.bureau.helpers import submit

PASSWORD = "pw-for-tests-2026"


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def section(html: str, element_id: str) -> str:
    """The markup of the element with that id (up to its first closing tag of the same name)."""
    match = re.search(rf'<(\w+)[^>]*id="{element_id}"[^>]*>(.*?)</\1>', html, re.S)
    assert match, f"no #{element_id} on the page"
    return match.group(2)


def new_url(**query) -> str:
    (key, value), = query.items()
    return f"{reverse('adjustments:new')}?{key}={value}"


def form_data(change: dict) -> dict:
    return {k: ("" if v is None else v.isoformat() if hasattr(v, "isoformat") else str(v)) for k, v in change.items()}


@pytest.fixture
def pending(trainees, finance) -> IndicatorAdjustment:
    return propose_indicator_adjustment(indicator=trainees, user=finance, **target_change())


# --- Who may open what ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("who", "status"),
    [("finance", 200), ("finance2", 200), ("manager", 403), ("auditor", 403), ("admin_user", 403), ("outsider", 404)],
)
def test_only_finance_of_the_department_opens_the_proposal_form(request, trainees, training, who, status):
    client = client_for(request.getfixturevalue(who))
    assert client.get(new_url(indicator=trainees.pk)).status_code == status
    assert client.get(new_url(project=training.pk)).status_code == status
    assert client.post(new_url(indicator=trainees.pk), form_data(target_change())).status_code == (
        302 if status == 200 else status)
    expected = 1 if status == 200 else 0
    assert IndicatorAdjustment.objects.count() == expected


@pytest.mark.parametrize(
    ("who", "status"),
    [("finance", 403), ("manager", 403), ("auditor", 403), ("outsider", 404), ("admin_user", 302)],
)
def test_only_an_admin_approves_or_rejects(request, pending, who, status):
    client = client_for(request.getfixturevalue(who))
    assert client.post(reverse("adjustments:reject", args=["indicator", pending.pk]), {"reason": "不同意"}
                       ).status_code == status
    pending.refresh_from_db()
    assert pending.state == (AdjustmentState.REJECTED if status == 302 else AdjustmentState.PENDING)


@pytest.mark.parametrize("who", ["finance", "manager", "auditor", "admin_user"])
def test_every_role_of_the_department_reads_the_list(request, pending, who):
    response = client_for(request.getfixturevalue(who)).get(reverse("adjustments:list"))
    assert response.status_code == 200
    row = section(response.content.decode(), f"adjustment-indicator-{pending.pk}")
    assert "≥ 162 人" in row and "≥ 150 人" in row and "待审批" in row and "2026-09-01" in row
    assert ("批准</button>" in row) is (who == "admin_user")


def test_other_department_does_not_see_the_proposals(pending, outsider):
    html = client_for(outsider).get(reverse("adjustments:list")).content.decode()
    assert "培训人数" not in html
    assert "没有符合条件的调整" in html
    assert client_for(outsider).get(f"{reverse('adjustments:list')}?project={pending.indicator.project_id}"
                                    ).content.decode().count("adjustment-indicator-") == 0


def test_anonymous_visitor_is_sent_to_login(pending):
    response = client_for(None).get(reverse("adjustments:list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_approving_by_address_only_shows_the_confirmation(pending, admin_user):
    # Issue #17: 批准 asks for a confirmation showing old → new; only the POST of that page decides.
    response = client_for(admin_user).get(reverse("adjustments:approve", args=["indicator", pending.pk]))
    assert response.status_code == 200 and "确认批准该调整？" in response.content.decode()
    pending.refresh_from_db()
    assert pending.state == AdjustmentState.PENDING
    assert client_for(admin_user).get(reverse("adjustments:reject", args=["indicator", pending.pk])).status_code == 405


# --- The proposal form ---------------------------------------------------------------------------------------------

def test_form_starts_from_the_target_in_force_and_today(trainees, finance):
    html = client_for(finance).get(new_url(indicator=trainees.pk)).content.decode()
    assert 'name="target_text" value="162"' in html
    assert 'name="unit" value="人"' in html
    assert 'name="effective_date" value="2026-11-25"' in html
    assert "年初目标：≥ 162 人" in section(html, "current-values")


def test_finance_proposes_a_target_change_and_sees_it_pending(trainees, finance):
    client = client_for(finance)
    response = client.post(new_url(indicator=trainees.pk), form_data(target_change(target_text="１５０")), follow=True)
    adjustment = IndicatorAdjustment.objects.get()
    assert (adjustment.new_target_text, str(adjustment.new_target_value)) == ("１５０", "150.0000")
    html = response.content.decode()
    assert "调整申请已提交，待管理员审批后自生效日期起生效。" in html
    assert "待审批" in section(html, f"adjustment-indicator-{adjustment.pk}")


def test_finance_proposes_a_budget_change(training, finance):
    response = client_for(finance).post(new_url(project=training.pk), form_data(budget_change(budget="24", own_level="24")))
    assert response.status_code == 302
    adjustment = BudgetAdjustment.objects.get()
    assert (str(adjustment.new_budget), str(adjustment.old_budget)) == ("24.00", "26.33")


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"target_text": "约一百五十"}, "target_text", "目标值不是数字"),
        ({"operator": "", "target_text": "150"}, "target_text", "定性指标（无运算符）的目标值应为文字描述"),
        ({"effective_date": "2027-01-01"}, "effective_date", "生效日期应在预算年度 2026 年内"),
        ({"effective_date": "九月一日"}, "effective_date", "请输入有效的日期，如 2026-09-01。"),
        ({"reason": ""}, "reason", "请填写调整原因。"),
        ({"weight": "-1"}, "weight", "权重须大于 0"),
    ],
)
def test_bad_target_input_gets_its_message_next_to_the_field_keeps_what_was_typed(
    trainees, finance, change, field, message
):
    response = client_for(finance).post(new_url(indicator=trainees.pk), form_data(target_change(**change)))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in section(html, f"field-{field}")
    typed = change.get("target_text") or change.get("weight") or change.get("effective_date")
    if typed:
        assert f'value="{typed}"' in html
    if "reason" not in change:
        assert "上级压减培训班次，培训人数相应调减</textarea>" in html
    assert not IndicatorAdjustment.objects.exists()


def test_budget_split_that_does_not_add_up_is_shown_next_to_the_budget(training, finance):
    response = client_for(finance).post(
        new_url(project=training.pk), form_data(budget_change(budget="24.00", own_level="20.00", transfer="0")))
    assert response.status_code == 400
    assert "本级支出 + 转移支付支出须等于预算金额：20.00 + 0.00 = 20.00，预算金额为 24.00。" in section(
        response.content.decode(), "field-budget")
    assert 'value="20.00"' in section(response.content.decode(), "field-own_level")
    assert not BudgetAdjustment.objects.exists()


def test_second_pending_proposal_is_refused_at_the_top_of_the_form(pending, trainees, finance2):
    response = client_for(finance2).post(new_url(indicator=trainees.pk), form_data(target_change(target_text="140")))
    assert response.status_code == 400
    assert "该指标已有一项待审批的调整（财务甲 于 2026-11-25 10:00 提出）" in response.content.decode()
    assert IndicatorAdjustment.objects.count() == 1


# --- Decisions -----------------------------------------------------------------------------------------------------

def test_admin_approves_with_one_click(pending, admin_user):
    response = client_for(admin_user).post(
        reverse("adjustments:approve", args=["indicator", pending.pk]), {"next": "/adjustments/?state=pending"},
        follow=True)
    assert response.redirect_chain[-1][0] == "/adjustments/?state=pending"
    assert "已批准该调整，自 2026-09-01 起生效。" in response.content.decode()
    pending.refresh_from_db()
    assert pending.state == AdjustmentState.APPROVED


def test_second_admin_gets_a_clear_message_when_the_first_decided(pending, admin_user, admin2):
    first, second = client_for(admin_user), client_for(admin2)
    # Both see the proposal pending.
    assert "批准</button>" in second.get(reverse("adjustments:list")).content.decode()
    first.post(reverse("adjustments:approve", args=["indicator", pending.pk]))
    response = second.post(reverse("adjustments:reject", args=["indicator", pending.pk]), {"reason": "不同意"},
                           follow=True)
    assert "该调整已由 admin 于 2026-11-25 10:00 批准，您的操作未生效。" in response.content.decode()
    pending.refresh_from_db()
    assert (pending.state, pending.decided_by) == (AdjustmentState.APPROVED, admin_user)


def test_rejection_without_reason_shows_the_message_in_that_row(pending, admin_user):
    response = client_for(admin_user).post(
        reverse("adjustments:reject", args=["indicator", pending.pk]), {"reason": "", "next": "/adjustments/"})
    assert response.status_code == 400
    assert "请填写驳回原因。" in section(response.content.decode(), f"adjustment-indicator-{pending.pk}")
    pending.refresh_from_db()
    assert pending.state == AdjustmentState.PENDING


def test_rejection_reason_is_shown_in_the_list(pending, admin_user, finance):
    client_for(admin_user).post(reverse("adjustments:reject", args=["indicator", pending.pk]), {"reason": "依据不足"})
    row = section(client_for(finance).get(reverse("adjustments:list")).content.decode(),
                  f"adjustment-indicator-{pending.pk}")
    assert "已驳回" in row and "驳回原因：依据不足" in row and "admin" in row


def test_unsafe_next_goes_back_to_the_list(pending, admin_user):
    response = client_for(admin_user).post(
        reverse("adjustments:approve", args=["indicator", pending.pk]), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("adjustments:list")


# --- The list ------------------------------------------------------------------------------------------------------

def test_list_filters_by_state_and_kind(pending, training, finance, admin_user):
    budget = propose_budget_adjustment(project=training, user=finance, **budget_change())
    client_for(admin_user).post(reverse("adjustments:approve", args=["budget", budget.pk]))
    client = client_for(finance)
    html = client.get(reverse("adjustments:list") + "?state=pending").content.decode()
    assert f"adjustment-indicator-{pending.pk}" in html and f"adjustment-budget-{budget.pk}" not in html
    html = client.get(reverse("adjustments:list") + "?state=approved").content.decode()
    assert f"adjustment-indicator-{pending.pk}" not in html and f"adjustment-budget-{budget.pk}" in html
    html = client.get(reverse("adjustments:list") + "?kind=budget").content.decode()
    assert "26.33 万元（本级 26.33，转移支付 0.00）" in section(html, f"adjustment-budget-{budget.pk}")
    assert f"adjustment-indicator-{pending.pk}" not in html


def test_list_takes_a_constant_number_of_queries(seeded, finance, admin_user, django_assert_num_queries):
    indicators = list(seeded.projects.get(seq=2).indicators.filter(operator="≥"))
    client = client_for(admin_user)
    client.get(reverse("adjustments:list"))  # warm the session

    def count_queries():
        # the user (the session from the cache), indicator adjustments, budget adjustments, 分值 adjustments with
        # their lines, the user's groups (role in the header), the navigation badge
        with django_assert_num_queries(6):
            client.get(reverse("adjustments:list"))

    count_queries()
    for indicator in indicators:
        propose_indicator_adjustment(indicator=indicator, user=finance,
                                     **target_change(target_text="1", unit=indicator.unit))
    propose_budget_adjustment(project=seeded.projects.get(seq=2), user=finance, **budget_change())
    count_queries()


def test_an_id_too_long_to_be_one_is_not_found(pending, admin_user):
    response = client_for(admin_user).post(f"/adjustments/indicator/{'9' * 5000}/approve/")
    assert response.status_code == 404
    assert IndicatorAdjustment.objects.get().state == AdjustmentState.PENDING


def test_a_filter_id_too_long_to_be_one_lists_everything_instead_of_failing(pending, finance):
    response = client_for(finance).get(reverse("adjustments:list"), {"project": "9" * 5000})
    assert response.status_code == 200
    assert "待审批" in response.content.decode()


def test_a_submitted_project_takes_no_proposal_and_offers_no_link_to_one(training, trainees, finance):
    clerk = client_for(finance)
    pages = (f"/projects/{training.pk}/", f"/entry/{training.pk}/")
    for address in pages:
        assert f"/adjustments/new/?indicator={trainees.pk}" in clerk.get(address).content.decode(), address
    submit(training, finance)
    # 已送审: the pages no longer offer a proposal, and the form says why instead of refusing what was typed.
    for address in pages:
        assert "/adjustments/new/" not in clerk.get(address).content.decode(), address
    for query in ({"indicator": trainees.pk}, {"project": training.pk}):
        html = clerk.get(new_url(**query)).content.decode()
        assert section(html, "adjustment-locked").startswith("该项目 2026 年自评已送审，如需修改请先退回。")
        assert 'id="adjustment-form"' not in html
    response = clerk.post(new_url(indicator=trainees.pk), form_data(target_change()))
    assert response.status_code == 409
    assert IndicatorAdjustment.objects.count() == 0
