"""The 「调整分值」 pages: a clerk proposes new 分值 for a whole project, an admin approves or rejects it on the list,
and the project page scores with the 分值 in force (project 2 with its own 分值, tests/adjustments/conftest.py)."""
import datetime

import pytest
from django.urls import reverse

from projects.choices import AdjustmentState
from projects.models import PointsAdjustment
from projects.services.points_adjustments import points_field, propose_points_adjustment
from tests.adjustments.conftest import NEW_POINTS, points_change
from tests.adjustments.test_adjustment_pages import client_for, section


def points_url(project) -> str:
    return f"{reverse('adjustments:new')}?points={project.pk}"


def form_data(project, points: list[str]) -> dict:
    data = {points_field(pk): value for pk, value in points_change(project, points)["points"].items()}
    return data | {"reason": "培训班次减少", "effective_date": "2026-09-01"}


def test_the_form_lists_every_line_with_its_points_and_the_budget_line(explicit, finance):
    html = client_for(finance).get(points_url(explicit)).content.decode()
    table = section(html, "points-lines")
    assert "培训人数" in table and "培训班次" in table and "预算执行" in table
    assert f'name="{points_field(explicit.indicators.get(order=1).pk)}" value="30.00"' in table
    assert 'data-budget-points="10"' in html and 'id="points-total"' in html


def test_points_that_do_not_foot_are_refused_on_the_form_with_the_total(explicit, finance):
    response = client_for(finance).post(points_url(explicit), form_data(explicit, ["10", "30", "10", "30", "20"]))
    assert response.status_code == 400
    assert ("调整后的分值不合计：各指标分值合计 100.00 分，加预算执行 10.00 分为 110.00 分，应为 100.00 分。"
            in response.content.decode())
    assert not PointsAdjustment.objects.exists()


def test_a_clerk_proposes_and_an_admin_approves_then_the_project_page_scores_with_the_new_points(
        explicit, finance, admin_user):
    response = client_for(finance).post(points_url(explicit), form_data(explicit, NEW_POINTS))
    assert response.status_code == 302
    adjustment = PointsAdjustment.objects.get()

    admin = client_for(admin_user)
    listed = section(admin.get(reverse("adjustments:list")).content.decode(), f"adjustment-points-{adjustment.pk}")
    assert "项目分值" in listed and "培训人数 30.00" in listed and "培训人数 10.00" in listed
    approve = reverse("adjustments:approve", args=["points", adjustment.pk])
    assert "培训计划按期完成度 30.00" in admin.get(approve).content.decode()
    assert admin.post(approve, {"next": reverse("adjustments:list")}).status_code == 302
    assert PointsAdjustment.objects.get().state == AdjustmentState.APPROVED

    page = client_for(finance).get(reverse("projects:detail", args=[explicit.pk]), {"as_of": "2026-11-25"})
    html = page.content.decode()
    # 培训人数 10 × 0.5, 完成度 30, 定性 10, 满意度 30, 班次 10 × 0.5, budget 10: 90.00
    lines = section(html, "indicator-table")
    assert ">5.00 / 10.00</td>" in lines and ">30.00 / 30.00</td>" in lines
    assert "预算执行 10 分 + 产出指标 40 分 + 效益指标 10 分 + 满意度指标 30 分 = 90 分" in section(html, "score-card")
    assert '<span id="fig-total">90.00</span>' in html and 'id="points-adjusted"' in html
    before = client_for(finance).get(reverse("projects:detail", args=[explicit.pk]), {"as_of": "2026-08-31"})
    assert '<span id="fig-total">80.00</span>' in before.content.decode()


def test_a_rejection_needs_a_reason_and_changes_nothing(explicit, finance, admin_user):
    adjustment = propose_points_adjustment(project=explicit, user=finance, **points_change(explicit, NEW_POINTS))
    reject = reverse("adjustments:reject", args=["points", adjustment.pk])
    admin = client_for(admin_user)
    unreasoned = admin.post(reject, {"reason": "", "next": "/adjustments/"})
    assert unreasoned.status_code == 400
    assert "请填写驳回原因。" in section(unreasoned.content.decode(), f"adjustment-points-{adjustment.pk}")
    assert PointsAdjustment.objects.get().state == AdjustmentState.PENDING
    assert admin.post(reject, {"reason": "班次未减少"}).status_code == 302
    rejected = PointsAdjustment.objects.get()
    assert (rejected.state, rejected.rejection_reason) == (AdjustmentState.REJECTED, "班次未减少")
    row = section(client_for(finance).get(reverse("adjustments:list")).content.decode(),
                  f"adjustment-points-{adjustment.pk}")
    assert "已驳回" in row and "驳回原因：班次未减少" in row
    page = client_for(finance).get(reverse("projects:detail", args=[explicit.pk])).content.decode()
    assert '<span id="fig-total">80.00</span>' in page


def test_a_project_scored_by_class_has_no_button_and_the_form_says_why(training, finance):
    page = client_for(finance).get(reverse("projects:detail", args=[training.pk])).content.decode()
    assert 'id="propose-points"' not in page
    html = client_for(finance).get(points_url(training)).content.decode()
    assert "该项目按一级指标分配分值（各指标没有逐项分值），不能调整分值" in section(html, "points-refusal")
    assert 'id="adjustment-form"' not in html


@pytest.mark.parametrize(("who", "status"), [("manager", 403), ("auditor", 403), ("outsider", 404)])
def test_only_finance_of_the_department_opens_the_form(request, explicit, who, status):
    client = client_for(request.getfixturevalue(who))
    assert client.get(points_url(explicit)).status_code == status
    assert client.post(points_url(explicit), form_data(explicit, NEW_POINTS)).status_code == status
    assert not PointsAdjustment.objects.exists()


def test_the_list_reads_points_adjustments_in_a_constant_number_of_queries(
        explicit, finance, admin_user, django_assert_num_queries):
    client = client_for(admin_user)
    client.get(reverse("adjustments:list"))  # warm the session
    first = propose_points_adjustment(project=explicit, user=finance, **points_change(explicit, NEW_POINTS))
    first.state, first.decided_by, first.decided_at = AdjustmentState.REJECTED, admin_user, first.proposed_at
    first.rejection_reason = "重新测算"
    first.save()
    second = propose_points_adjustment(project=explicit, user=finance,
                                       **points_change(explicit, ["20", "20", "10", "20", "20"],
                                                       effective_date=datetime.date(2026, 10, 1)))
    # the user (the session from the cache), indicator adjustments, budget adjustments, 分值 adjustments with
    # their lines, the user's groups (role in the header), the navigation badge
    with django_assert_num_queries(6):
        html = client.get(reverse("adjustments:list")).content.decode()
    # Each row shows its own lines, old → new, read with the one query for every 分值 adjustment's lines.
    rejected, pending = (section(html, f"adjustment-points-{pk}") for pk in (first.pk, second.pk))
    assert "项目分值" in rejected and "培训人数 30.00" in rejected and "培训人数 10.00" in rejected
    assert "已驳回" in rejected and "驳回原因：重新测算" in rejected
    assert "项目分值" in pending and "培训人数 30.00" in pending and "培训人数 20.00" in pending
    assert "待审批" in pending and "2026-10-01" in pending


def test_a_rejected_proposal_is_proposed_again_with_its_points_prefilled(explicit, finance, admin_user):
    from projects.services.adjustments import reject_adjustment

    adjustment = propose_points_adjustment(project=explicit, user=finance, **points_change(explicit, NEW_POINTS))
    reject_adjustment(adjustment=adjustment, user=admin_user, reason="请先与培训科核对")
    listed = client_for(finance).get(reverse("adjustments:list")).content.decode()
    again = f"?points={explicit.pk}&amp;again={adjustment.pk}"
    assert again in section(listed, f"adjustment-points-{adjustment.pk}")
    html = client_for(finance).get(points_url(explicit) + f"&again={adjustment.pk}").content.decode()
    first = explicit.indicators.get(order=1)
    assert f'name="{points_field(first.pk)}" value="10.00"' in html and "培训班次减少" in html
