"""Names, notes and reasons are written as text in both workbooks, whatever they start with (issue 23, item 3).

A project imported as `=HYPERLINK("http://x","y")` must read back as those characters, not as a live link in a file
that offices mail around; the only formulas in either workbook are the ones the workbooks compute (合计, 执行率, 得分).
"""
import io
import re
from decimal import Decimal

import openpyxl
import pytest

from indicators.exports.monitoring import write_monitoring_workbook
from indicators.services.monitoring import record_monitoring_note
from projects.models import Department, Indicator, Project
from projects.services.adjustments import propose_indicator_adjustment, reject_adjustment
from tests.exports.conftest import JUL_31, NOV_20, SEPT_1, export, indicator, report, spend
from tests.conftest import project

HYPERLINK = '=HYPERLINK("http://x","y")'
# XlsxWriter copies a text shaped <r>…</r> into the file unescaped: this one would add a cell Z1 holding =1+1.
MARKUP = '<r><t>a</t></r></is></c><c r="Z1" t="str"><f>1+1</f><v>2</v></c><c r="Z2" t="inlineStr"><is><r><t>b</t></r>'
PROJECT_NAMES = {1: HYPERLINK, 2: "+1+1", 3: "-1+1", 4: "@SUM(1,1)", 5: MARKUP}
DEPARTMENT = "=1+1部门"
INDICATOR = "=2+2指标"
OTHER_REASON, MEASURES = "-3+3其他", "@SUM(3,3)措施"
REPORT_NOTE, CORRECTION, ADJUSTMENT, REJECTION = "=4+4说明", "+5+5更正", "=6+6调整", "-7+7驳回"
OVERVIEW, GOAL, STANDARD = "=8+8概况", "+9+9目标", "@10民生"
# What the workbooks compute: references, SUM, IF, ROUND, ISNUMBER, MIN and MAX over them, comparisons and the
# 自评表's targets and tier percentages as numbers, nothing else.
OWN_FORMULA = re.compile(r"=(SUM\(|IF\(|ROUND\(|\$?[A-Z]{1,3}\$?\d+)[A-Z0-9$:(),+*/\"=.<>%-]*")


@pytest.fixture
def payloads(seeded, finance, admin_user):
    """Every free text a clerk types or a table imports, each starting with = + - @ (or markup)."""
    for seq, name in PROJECT_NAMES.items():
        Project.objects.filter(pk=project(seq).pk).update(name=name)
    Project.objects.filter(pk=project(6).pk).update(overview=OVERVIEW, annual_goal=GOAL, livelihood_standard=STANDARD)
    Indicator.objects.filter(pk=indicator(6, 1).pk).update(name=INDICATOR)
    target = indicator(6, 1)
    first = report(finance, 6, 1, "1", note=REPORT_NOTE)
    report(finance, 6, 1, "2", corrects=first, reason=CORRECTION)
    spend(finance, 6, "1.00", as_of=JUL_31)
    record_monitoring_note(
        project=project(6), indicator=target, user=finance, as_of=JUL_31, forecast=Decimal(3),
        reasons=["other"], reason_other=OTHER_REASON, likelihood="possible", measures=MEASURES,
    )
    adjustment = propose_indicator_adjustment(
        indicator=target, user=finance, operator="≥", target_text="1", unit=target.unit, weight=None,
        reason=ADJUSTMENT, effective_date=SEPT_1,
    )
    reject_adjustment(adjustment=adjustment, user=admin_user, reason=REJECTION)
    finance.first_name = "=财务甲"
    finance.save(update_fields=["first_name"])
    Department.objects.filter(pk=seeded.pk).update(name=DEPARTMENT)
    seeded.refresh_from_db()
    return seeded


def cells(book) -> list:
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value is not None]


def evaluation_workbook(department, tmp_path):
    return openpyxl.load_workbook(export(department, tmp_path, NOV_20))


def monitoring_workbook(department):
    buffer = io.BytesIO()
    write_monitoring_workbook(department=department, year=2026, as_of=JUL_31, output=buffer)
    buffer.seek(0)
    return openpyxl.load_workbook(buffer)


def written_as(book, text: str) -> set[str]:
    """The data types of the cells holding exactly `text` (empty when no cell does)."""
    return {cell.data_type for cell in cells(book) if cell.value == text}


def test_project_names_starting_with_a_formula_sign_are_plain_strings_in_both_workbooks(payloads, tmp_path):
    for book in (evaluation_workbook(payloads, tmp_path), monitoring_workbook(payloads)):
        for name in PROJECT_NAMES.values():
            assert written_as(book, name) == {"s"}, name
        assert written_as(book, DEPARTMENT) == {"s"}
        assert written_as(book, INDICATOR) == {"s"}


def test_every_free_text_of_the_evaluation_workbook_stays_text(payloads, tmp_path):
    book = evaluation_workbook(payloads, tmp_path)
    for text in (OVERVIEW, GOAL, STANDARD, REPORT_NOTE, CORRECTION, ADJUSTMENT, REJECTION):
        assert written_as(book, text) == {"s"}, text
    assert written_as(book, "=财务甲（finance）") == {"s"}


def test_the_owner_columns_of_the_monitoring_workbook_stay_text(payloads):
    book = monitoring_workbook(payloads)
    assert written_as(book, OTHER_REASON) == written_as(book, MEASURES) == {"s"}


def test_the_only_formulas_are_the_workbooks_own(payloads, tmp_path):
    for book in (evaluation_workbook(payloads, tmp_path), monitoring_workbook(payloads)):
        formulas = [cell.value for cell in cells(book) if cell.data_type == "f"]
        assert formulas and [f for f in formulas if not OWN_FORMULA.fullmatch(f)] == []
        assert all(sheet["Z1"].value is None and sheet["Z2"].value is None for sheet in book.worksheets)
