"""import_reports refuses what the forms refuse (DOMAIN §3): the whole file, naming line and column; nothing stored."""
from datetime import datetime
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from indicators.models import ExpenditureReport, IndicatorReport

HEADER = "project_seq,indicator_order,value,tier,tier_percent,as_of,note\n"


@pytest.fixture(autouse=True)
def year_end():
    with time_machine.travel(datetime(2026, 12, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


def run(path) -> str:
    out = StringIO()
    call_command("import_reports", str(path), department="宁波市妇女联合会", year=2026, user="finance", stdout=out)
    return out.getvalue()


def refused(path) -> str:
    with pytest.raises(CommandError) as caught:
        run(path)
    assert not IndicatorReport.objects.exists() and not ExpenditureReport.objects.exists()
    return str(caught.value)


def csv_file(tmp_path, lines: str):
    path = tmp_path / "reports.csv"
    path.write_text(HEADER + lines, encoding="utf-8")
    return path


def test_rates_above_100_refuse_the_whole_file(seeded, finance, tmp_path):
    # 项目 1: 1 设备购置数 (fine), 2 使用人员满意度 1,000 %, 4 设备利用率 150 %.
    path = csv_file(tmp_path, '1,1,8,,,2026-11-20,\n1,2,"1,000",,,2026-11-20,\n1,4,150%,,,2026-11-20,\n')
    message = refused(path)
    assert "第 3 行「实际值」比率不能超过 100%" in message
    assert "第 4 行「实际值」比率不能超过 100%" in message


def test_12000_against_26_33_is_refused_as_yuan_for_wanyuan(seeded, finance, tmp_path):
    message = refused(csv_file(tmp_path, "2,,12000,,,2026-11-20,\n"))
    assert "第 2 行「实际值」金额单位为万元：12,000.00 万元是预算的 455.75 倍，是否按元填写？" in message


def test_overspending_without_a_note_is_refused_in_the_note_column(seeded, finance, tmp_path):
    message = refused(csv_file(tmp_path, "6,,7.00,,,2026-11-20,\n"))
    assert "第 2 行「说明」超支：累计支出 7.00 万元超过预算 6.50 万元，请填写超支说明。" in message


def test_overspending_with_its_note_is_stored_as_the_over_budget_reason(seeded, finance, tmp_path):
    workbook = Workbook()
    workbook.active.append(["project_seq", "indicator_order", "value", "tier", "tier_percent", "as_of", "note"])
    workbook.active.append([6, None, 7, None, None, "2026-11-20", "追加普法市集场地费"])
    path = tmp_path / "reports.xlsx"
    workbook.save(path)
    run(path)
    row = ExpenditureReport.objects.get()
    assert (row.amount, row.over_budget_reason, row.note) == (Decimal("7.00"), "追加普法市集场地费", "追加普法市集场地费")
