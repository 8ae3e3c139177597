"""Issue 18: import_reports checks every row, then inserts in bulk: the file's projects locked once, their rows read
once, so the queries do not grow with the rows; a row correcting an earlier row of the same file waits for it."""
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from indicators.models import ExpenditureReport, IndicatorReport
from indicators.reports_import.service import import_reports
from projects.models import Department

HEADER = "project_seq,indicator_order,value,tier,tier_percent,as_of,note,reason\n"
# 项目 5 (幼儿园): 10 quantitative lines; these values meet every target and no rate passes 100 %.
SCHOOL = ["85", "72", "6", "1", "100", "4", "3", "2", "1.5", "99.5"]
# In the test's transaction: SAVEPOINT; the department's projects, their indicators; the named projects locked;
# their reports and expenditures; the clerk's groups and departments; the approved target and budget adjustments;
# one INSERT per table; RELEASE SAVEPOINT; the year's rule profile (read once for each project of the file).
# Then, before the commit, each project's stored result refreshed once, together (issue #21): the rows' latest
# dates (1), the year's rule profile and the evaluation's 7, the upsert (1).
REFRESH = 1 + 8 + 1
IMPORT_QUERIES = 14 + REFRESH


@pytest.fixture(autouse=True)
def year_end():
    with time_machine.travel(datetime(2026, 12, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


def school_rows(as_of: str, values=SCHOOL, reason: str = "") -> str:
    lines = [f"5,{order},{value},,,{as_of},,{reason}" for order, value in enumerate(values, start=1)]
    return "\n".join([*lines, f"5,,300.25,,,{as_of},,{reason}"]) + "\n"


def run(finance, text: str, department=None):
    return import_reports(data=(HEADER + text).encode(), filename="reports.csv",
                          department=department or Department.objects.get(), year=2026, user=finance)


def test_eleven_rows_are_imported_in_a_fixed_number_of_queries(seeded, finance, django_assert_num_queries):
    clerk = type(finance).objects.get(pk=finance.pk)  # its groups and departments unread
    with django_assert_num_queries(IMPORT_QUERIES):
        preview = run(clerk, school_rows("2026-11-30"), seeded)
    assert (preview.reports, preview.expenditures, preview.refusals) == (10, 1, [])
    assert dict(IndicatorReport.objects.values_list("indicator__order", "value")) == {
        order: Decimal(v) for order, v in enumerate(SCHOOL, start=1)}


def test_three_months_of_two_projects_take_the_same_number(seeded, finance, django_assert_num_queries):
    text = "".join(school_rows(f"2026-{month:02d}-28") for month in (9, 10, 11)) + "1,1,8,,,2026-11-20,,\n"
    clerk = type(finance).objects.get(pk=finance.pk)
    with django_assert_num_queries(IMPORT_QUERIES + 1):  # the second project's read of the year's rule profile
        preview = run(clerk, text, seeded)
    assert (preview.reports, preview.expenditures) == (31, 3)
    assert IndicatorReport.objects.count() == 31 and ExpenditureReport.objects.count() == 3


def test_a_row_correcting_an_earlier_row_of_the_file_is_inserted_after_it(seeded, finance, django_assert_num_queries):
    text = "5,1,80,,,2026-11-30,,\n5,1,85,,,2026-11-30,,少录了一个班\n5,,300.25,,,2026-11-30,,\n"
    clerk = type(finance).objects.get(pk=finance.pk)
    with django_assert_num_queries(IMPORT_QUERIES + 1):  # the correction's own INSERT, once the first row has its id
        preview = run(clerk, text, seeded)
    first, second = IndicatorReport.objects.order_by("id")
    assert (first.value, second.value, second.corrects_id, second.reason) == (
        Decimal(80), Decimal(85), first.id, "少录了一个班")
    assert [(row.line, row.old, row.old_line, row.corrects) for row in preview.rows] == [
        (2, "（无）", None, False), (3, "80 人次", 2, True), (4, "（无）", None, False)]
    assert first.as_of == second.as_of == date(2026, 11, 30)


def test_a_second_row_of_the_same_date_without_a_reason_refuses_the_file(seeded, finance):
    with pytest.raises(Exception) as refused:
        run(finance, "5,1,80,,,2026-11-30,,\n5,1,85,,,2026-11-30,,\n")
    assert "第 3 行「更正原因」截至 2026-11-30 已填报 80（截至 2026-11-30，财务甲 于 2026-12-20 10:00 填报）：更正请填写更正原因。" in (
        str(refused.value))
    assert not IndicatorReport.objects.exists()
