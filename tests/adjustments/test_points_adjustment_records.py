"""A 分值 adjustment where every adjustment is recorded: the project's and the line's history, and the workbook's
「调整记录」 sheet (one row per line, marked 评价日有效 from its effective date on)."""
import datetime
from decimal import Decimal

from django.urls import reverse

from projects.services.adjustments import approve_adjustment, reject_adjustment
from projects.services.points_adjustments import propose_points_adjustment
from tests.adjustments.conftest import NEW_POINTS, NOW, points_change
from tests.adjustments.test_adjustment_pages import client_for, section
from tests.exports.conftest import export, open_workbook


def approved(project, finance, admin_user):
    adjustment = propose_points_adjustment(project=project, user=finance, **points_change(project, NEW_POINTS))
    return approve_adjustment(adjustment=adjustment, user=admin_user)


def test_the_project_history_shows_every_lines_old_and_new_points(explicit, finance, admin_user):
    adjustment = approved(explicit, finance, admin_user)
    html = client_for(finance).get(reverse("history:project", args=[explicit.pk])).content.decode()
    event = section(html, f"points_adjustment-{adjustment.pk}")
    assert "分值调整" in event and "各指标分值" in event
    assert "培训人数：分值 30.00 → 10.00" in event and "培训班次：分值 10.00 → 10.00" in event
    assert "生效 2026-09-01" in event and "已批准" in event


def test_the_lines_history_shows_its_own_points_change(explicit, finance, admin_user):
    adjustment = approved(explicit, finance, admin_user)
    line = explicit.indicators.get(order=2)
    html = client_for(finance).get(reverse("history:indicator", args=[line.pk])).content.decode()
    assert "分值 20.00 → 30.00" in section(html, f"points_adjustment-{adjustment.pk}")


def test_the_adjustments_sheet_has_a_row_per_line_in_force_from_the_effective_date(
        explicit, finance, admin_user, tmp_path):
    adjustment = approved(explicit, finance, admin_user)
    rejected = propose_points_adjustment(project=explicit, user=finance, **points_change(
        explicit, ["20", "20", "10", "20", "20"], effective_date=datetime.date(2026, 10, 1)))
    reject_adjustment(adjustment=rejected, user=admin_user, reason="班次未减少")
    now = NOW.replace(tzinfo=None)

    rows = list(open_workbook(export(explicit.department, tmp_path, datetime.date(2026, 11, 20)))["调整记录"]
                .iter_rows(min_row=2, values_only=True))
    points_rows = [row for row in rows if row[0] == "分值调整"]
    assert points_rows[0] == (
        "分值调整", adjustment.pk, 2, "培训费", "培训人数", "分值 30.00", "分值 10.00", Decimal("30"), Decimal("10"),
        "培训班次减少，分值向完成度和满意度倾斜", datetime.datetime(2026, 9, 1), "已批准", "财务甲（finance）", now,
        "admin", now, None, "是")
    # The October proposal replaces what was in force on 1 October: the approved September 分值.
    assert [(row[1], row[7], row[8], row[11], row[-1]) for row in points_rows] == [
        *[(adjustment.pk, old, new, "已批准", "是") for old, new in [(30, 10), (20, 30), (10, 10), (20, 30), (10, 10)]],
        *[(rejected.pk, old, new, "已驳回", None) for old, new in [(10, 20), (30, 20), (10, 10), (30, 20), (10, 20)]],
    ]
    assert [row[4] for row in points_rows[:5]] == list(explicit.indicators.order_by("order").values_list("name", flat=True))
    before = open_workbook(export(explicit.department, tmp_path, datetime.date(2026, 8, 31), name="august.xlsx"))
    assert [row[-1] for row in before["调整记录"].iter_rows(min_row=2, values_only=True) if row[0] == "分值调整"] == [
        None] * 10
