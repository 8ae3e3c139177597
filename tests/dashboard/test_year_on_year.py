"""与上年对比 on the dashboard (issue #22): 2026 beside 2025 as of the same day, through the same evaluation.

Project 1 (设备购置经费, 4.60 万元) is the only one reported either year. Its 分值: budget 10; 产出 50 over
购置数 16.67, 利用率 16.67, 合格率 16.66; 效益 (使用年限) 30; 满意度 10.
- 2025: all spent, every line met: 100.00. Simple average 100 / 15 = 6.67; by budget 100 × 4.60 / 1,386.30 = 0.33;
  execution 4.60 / 1,386.30 = 0.33 %; 5 of 85 lines met = 5.88 %.
- 2026: half spent (5.00), 购置数 4 of 8 (8.34), the rest met: 86.67. Simple average 5.78; by budget 0.29;
  execution 0.17 %; 4 of 85 = 4.71 %.
"""
import datetime
from decimal import Decimal

from django.core.management import call_command

from indicators.selectors.dashboard_compare import same_day_last_year
from indicators.services.reports import record_expenditure, record_indicator_report
from projects.models import Indicator
from tests.conftest import DEPARTMENT_NAME, SEED, project
from tests.dashboard.helpers import body_rows

VALUES = {"设备利用率": "95", "设备质量合格率": "100", "设备使用年限": "6", "使用人员满意度": "96"}


def import_year(year: int) -> None:
    call_command("import_targets", str(SEED), department=DEPARTMENT_NAME, year=year, verbosity=0)


def report_first_project(user, year: int, *, bought: str, spent: str) -> None:
    when = datetime.date(year, 11, 1)
    for line in Indicator.objects.filter(project=project(1, year)):
        value = bought if line.name == "设备购置数" else VALUES[line.name]
        record_indicator_report(indicator=line, user=user, as_of=when, value=Decimal(value))
    record_expenditure(project=project(1, year), user=user, as_of=when, amount=Decimal(spent))


def test_the_dashboard_shows_2026_beside_2025_as_of_the_same_day(client, department, finance, manager, today):
    import_year(2025)
    import_year(2026)
    report_first_project(finance, 2025, bought="8", spent="4.60")
    report_first_project(finance, 2026, bought="4", spent="2.30")
    client.force_login(manager)
    page = client.get("/").content.decode()
    assert "与上年对比" in page and "截至 2025年11月25日" in page
    assert body_rows(page, "year-on-year-table") == [
        ["平均得分（按预算加权）", "0.29", "0.33", "-0.04"],
        ["平均得分（简单平均）", "5.78", "6.67", "-0.89"],
        ["预算执行率", "0.17%", "0.33%", "-0.17 个百分点"],
        ["指标达成率", "4.71% （4 / 85）", "5.88% （5 / 85）", "-1.18 个百分点"],
        ["达成指标数", "4", "5", "-1"],
    ]


def test_a_year_reported_later_than_the_same_day_last_year_counts_as_not_yet_reported(
        client, department, finance, manager, today):
    import_year(2025)
    import_year(2026)
    report_first_project(finance, 2026, bought="8", spent="4.60")
    client.force_login(manager)
    rows = body_rows(client.get("/").content.decode(), "year-on-year-table")
    assert rows[0] == ["平均得分（按预算加权）", "0.33", "未填报", "—"]
    assert rows[2] == ["预算执行率", "0.33%", "0.00%", "+0.33 个百分点"]


def test_without_a_previous_year_the_block_says_so(client, seeded, manager, today):
    client.force_login(manager)
    page = client.get("/").content.decode()
    assert "与上年对比" in page
    assert "上年无数据：宁波市妇女联合会 2025 年没有项目。" in page
    assert 'id="year-on-year-table"' not in page


def test_29_february_is_compared_with_28_february():
    assert same_day_last_year(datetime.date(2028, 2, 29)) == datetime.date(2027, 2, 28)
    assert same_day_last_year(datetime.date(2026, 11, 25)) == datetime.date(2025, 11, 25)
