"""The workbook is written a chunk of projects at a time; the chunks must not show in what an auditor gets."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.exports.workbook import write_evaluation_workbook
from tests.exports.conftest import NOV_20, open_workbook


def sheets_of(path) -> dict[str, dict]:
    book = open_workbook(path)
    return {
        sheet.title: {
            "cells": [tuple(row) for row in sheet.iter_rows(values_only=True)],
            "merged": sorted(str(r) for r in sheet.merged_cells.ranges),
            "filter": sheet.auto_filter.ref,
            "frozen": sheet.freeze_panes,
        }
        for sheet in book.worksheets
    }


def test_four_projects_at_a_time_write_the_same_workbook_as_all_at_once(scenario, tmp_path):
    whole, chunked = tmp_path / "whole.xlsx", tmp_path / "chunked.xlsx"
    write_evaluation_workbook(department=scenario, year=2026, as_of=NOV_20, output=str(whole))
    with CaptureQueriesContext(connection) as queries:
        summary = write_evaluation_workbook(department=scenario, year=2026, as_of=NOV_20, output=str(chunked),
                                            chunk=4)
    expected, actual = sheets_of(whole), sheets_of(chunked)
    assert list(actual) == list(expected)
    assert len(actual) == 21 and (summary.projects, summary.indicators, summary.sheets) == (15, 85, 21)
    for title in expected:
        assert actual[title] == expected[title], title
    # The 合计 row still sums every project row (rows 4 to 88: 85 indicators, one row each).
    total_row = next(row for row in actual["汇总表"]["cells"] if row[0] == "合计")
    assert total_row[3] == "=SUM(D4:D88)"
    # ids, adjustment flags, the year's rule profile (once for every chunk), then nine queries per chunk (15
    # projects: 4 chunks; the evaluation's seven and the year-end texts' two), then the two ledger sheets' six
    # (填报记录 three, 调整记录 target, budget and 分值 adjustments), the evidence sheet's one and the spot-check
    # notes' one.
    # … the review states, the two earlier years (each its rule profile and its projects)
    assert len(queries) == 1 + 2 + 1 + 9 * 4 + 3 + 3 + 1 + 1 + 1 + 2 + 2


def test_a_department_without_projects_is_refused_in_chinese(other_department, tmp_path):
    from core.errors import DomainError

    with pytest.raises(DomainError, match="没有项目"):
        write_evaluation_workbook(department=other_department, year=2026, as_of=NOV_20,
                                  output=str(tmp_path / "x.xlsx"))
