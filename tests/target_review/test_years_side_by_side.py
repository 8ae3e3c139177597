"""Last year beside this year in the 自评表 (page and sheet) and the workbook's 上年对比 sheet (issue #22).

2025 and 2026 are the published table imported twice (same codes and keys). Project 1 (设备购置经费, 4.60 万元):
- 2025: all spent, every line met: 100.00 (优).
- 2026: its 设备使用年限 line dropped before the year began, so 90 points go to 产出 75 (three lines of 25.00) and
  满意度 15; half spent (5.00), 购置数 4 of 8 (12.50), the rest met: 5 + 12.50 + 25 + 25 + 15 = 82.50 (良).
"""
import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from django.core.management import call_command

from indicators.exports.workbook import write_evaluation_workbook
from indicators.services.reports import record_expenditure, record_indicator_report
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import Indicator
from tests.conftest import DEPARTMENT_NAME, SEED, project
from tests.year_end.test_self_evaluation_page import PAGE_QUERIES

AS_OF = datetime.date(2026, 11, 25)
VALUES = {"设备利用率": "95", "设备质量合格率": "100", "设备使用年限": "6", "使用人员满意度": "96"}


@pytest.fixture
def two_years(department, finance):
    with time_machine.travel(datetime.datetime(2026, 11, 25, 12, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        for year in (2025, 2026):
            call_command("import_targets", str(SEED), department=DEPARTMENT_NAME, year=year, verbosity=0)
        Indicator.objects.get(project=project(1, 2026), name="设备使用年限").delete()
        for year, bought, spent in ((2025, "8", "4.60"), (2026, "4", "2.30")):
            when = datetime.date(year, 11, 1)
            for line in Indicator.objects.filter(project=project(1, year)):
                value = bought if line.name == "设备购置数" else VALUES[line.name]
                record_indicator_report(indicator=line, user=finance, as_of=when, value=Decimal(value))
            record_expenditure(project=project(1, year), user=finance, as_of=when, amount=Decimal(spent))
        yield department


@pytest.fixture
def workbook(two_years, tmp_path):
    path = tmp_path / "2026.xlsx"
    write_evaluation_workbook(department=two_years, year=2026, as_of=AS_OF, output=path)
    return openpyxl.load_workbook(path)


def values(sheet, first_column: str) -> list[list]:
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    start = next(number for number, row in enumerate(rows) if row[0] == first_column)
    return rows[start:]


def test_the_comparison_sheet_puts_each_line_of_2026_beside_2025(workbook):
    sheet = workbook["上年对比"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["项目序号", "项目名称", "项目编码", "指标名称", "指标编码", "2025年目标", "2025年实际",
                       "2026年目标", "2026年实际", "2025年项目得分", "2026年项目得分"]
    first = [row for row in rows if row[0] == 1]
    assert first == [
        [1, "设备购置经费", "nbfl-2025-01", "预算资金（万元）：预算数 / 执行数", None, 4.6, 4.6, 4.6, 2.3, 100, 82.5],
        [1, "设备购置经费", "nbfl-2025-01", "设备购置数", "nbfl-2025-01-01", "≥ 8台/件/组", "8台/件/组",
         "≥ 8台/件/组", "4台/件/组", None, None],
        [1, "设备购置经费", "nbfl-2025-01", "使用人员满意度", "nbfl-2025-01-02", "≥ 95%", "96%", "≥ 95%", "96%",
         None, None],
        [1, "设备购置经费", "nbfl-2025-01", "设备利用率", "nbfl-2025-01-04", "≥ 95%", "95%", "≥ 95%", "95%", None, None],
        [1, "设备购置经费", "nbfl-2025-01", "设备质量合格率", "nbfl-2025-01-05", "≥ 95%", "100%", "≥ 95%", "100%",
         None, None],
        [1, "设备购置经费", "nbfl-2025-01", "设备使用年限", "nbfl-2025-01-03", "≥ 6年", "6年", "本年无此指标", None,
         None, None],
    ]
    training = next(row for row in rows if row[0] == 2)
    assert training[5:] == [26.33, None, 26.33, None, 0, 0]  # nothing spent or reported either year
    assert sum(1 for row in rows[1:] if row[3] == "预算资金（万元）：预算数 / 执行数") == 15


def test_the_comparison_sheet_formats_amounts_and_scores_and_keeps_text_as_text(workbook):
    sheet = workbook["上年对比"]
    budget_row = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == 1)
    assert {cell.number_format for cell in budget_row[5:9]} == {"#,##0.00"}
    assert {cell.number_format for cell in budget_row[9:11]} == {"0.00"}
    assert {cell.data_type for row in sheet.iter_rows(min_row=2) for cell in row[5:9] if isinstance(cell.value, str)} \
        == {"s"}


def test_the_form_of_2026_shows_2025_under_it(workbook):
    block = values(workbook["1.设备购置经费"], "往年对比")
    assert block[0][:7] == ["往年对比", "三级指标", None, "2026年目标", "2026年实际", "2025年目标", "2025年实际"]
    assert block[1][:7] == ["项目总分", "2026年（截至评价日）", None, 82.5, "良", 100, "优"]
    assert block[2][1:7] == ["设备购置数", None, "≥ 8台/件/组", "4台/件/组", "≥ 8台/件/组", "8台/件/组"]
    assert [row[1] for row in block[2:]] == ["设备购置数", "使用人员满意度", "设备利用率", "设备质量合格率"]


def test_the_self_evaluation_page_shows_2025_beside_2026(two_years, client, manager):
    client.force_login(manager)
    page = client.get(f"/self-evaluation/{project(1, 2026).pk}/").content.decode()
    assert "往年对比" in page and "2025 年目标" in page and "2026 年实际" in page
    row = page[page.index('data-key="nbfl-2025-01-01"'):]
    row = row[:row.index("</tr>")]
    assert row.index("4台/件/组") < row.index("≥ 8台/件/组") < row.index(">8台/件/组<")
    assert "100.00 优 · 执行率 100.00%" in page  # 2025's project total


def test_a_form_without_an_earlier_year_has_no_comparison(seeded, tmp_path):
    path = tmp_path / "2026.xlsx"
    write_evaluation_workbook(department=seeded, year=2026, as_of=AS_OF, output=path)
    book = openpyxl.load_workbook(path)
    assert all(row[0] != "往年对比" for row in book["1.设备购置经费"].iter_rows(values_only=True))
    rows = list(book["上年对比"].iter_rows(values_only=True))
    assert rows[1][5:7] == ("上年无此项目", None) and len(rows) == 1 + 15 + 85



def test_earlier_years_cost_a_fixed_number_of_queries(two_years, client, manager, django_assert_num_queries):
    client.force_login(manager)
    # The page's own (the earlier years' projects among them), then 2025's evaluation (the one earlier year) by its
    # own year's rule profile (7: the earlier project, read with its department, is not read again).
    with django_assert_num_queries(PAGE_QUERIES + 7):
        assert client.get(f"/self-evaluation/{project(5, 2026).pk}/").status_code == 200


@pytest.mark.parametrize("chunk, chunks", [(200, 1), (4, 4)])
def test_the_workbook_reads_each_earlier_year_once(two_years, tmp_path, chunk, chunks):
    with CaptureQueriesContext(connection) as queries:
        write_evaluation_workbook(department=two_years, year=2026, as_of=AS_OF, output=tmp_path / "a.xlsx",
                                  chunk=chunk)
    # ids, adjustment flags (2), nine a chunk, the ledger sheets' six (调整记录 reads target, budget and 分值
    # adjustments), 佐证材料, 抽查复核, review states; then 2024's
    # projects (none) and 2025 evaluated whole once (7), not once per project or chunk; each year's rule profile
    # once (2026's for every chunk, 2024's and 2025's).
    assert len(queries) == 1 + 2 + 9 * chunks + 6 + 1 + 1 + 1 + 1 + 7 + 3
