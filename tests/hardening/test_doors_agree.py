"""Every door takes the same texts and numbers: one length limit per field, no broken bytes, ids as plain digits.

import_reports, import_targets and the API used to store what the page refused (100,000 characters, a UTF-8 file
read as GB18030, `1_0` read as 10), and a NUL crashed import_reports with a traceback.
"""
import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from core.errors import DomainError
from core.limits import TEXT_LIMITS
from core.parsing import parse_whole_number
from indicators.models import ExpenditureReport, IndicatorReport
from projects.services.adjustments import propose_indicator_adjustment
from tests.conftest import DEPARTMENT_NAME, SEED, project
from tests.importing.helpers import OVERVIEW, Table, counts

pytestmark = pytest.mark.django_db
HEADER = "project_seq,indicator_order,value,as_of,note\n"


def import_reports(tmp_path, content: bytes | str, name: str = "reports.csv") -> str:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    out = StringIO()
    call_command("import_reports", str(path), department=DEPARTMENT_NAME, year=2026, user="finance", stdout=out)
    return out.getvalue()


def import_targets(tmp_path, content: bytes) -> str:
    path = tmp_path / "table.txt"
    path.write_bytes(content)
    out = StringIO()
    call_command("import_targets", str(path), department=DEPARTMENT_NAME, year=2026, stdout=out)
    return out.getvalue()


def nothing_reported() -> bool:
    return not IndicatorReport.objects.exists() and not ExpenditureReport.objects.exists()


def test_import_reports_refuses_a_note_of_100000_characters_with_its_line_and_column(seeded, finance, tmp_path):
    with pytest.raises(CommandError) as refused:
        import_reports(tmp_path, HEADER + f"2,1,155,2026-08-20,{'长' * 100_000}\n")
    assert "第 2 行第 5 列「说明」过长：100000 字，最多 2000 字" in str(refused.value)
    assert nothing_reported()


def test_a_note_at_the_limit_is_imported_whole(seeded, finance, tmp_path):
    assert "已导入指标完成值 1 条" in import_reports(tmp_path, HEADER + f"2,1,155,2026-08-20,{'长' * 2000}\n")
    assert len(IndicatorReport.objects.get().note) == TEXT_LIMITS["note"] == 2000


def test_a_nul_in_import_reports_is_a_chinese_message_not_a_traceback(seeded, finance, tmp_path):
    with pytest.raises(CommandError) as refused:
        import_reports(tmp_path, HEADER + "2,1,155,2026-08-20,两期\x00\n")
    assert "文件第 2 行第 22 个字符处含有空字符（NUL）" in str(refused.value)
    assert nothing_reported()


def test_a_broken_byte_in_a_utf8_file_is_refused_not_read_as_gb18030(seeded, finance, tmp_path):
    broken = (HEADER + "2,1,155,2026-08-20,培训").encode("utf-8") + b"\xe8\xaf" + "两期\n".encode("utf-8")
    with pytest.raises(CommandError) as refused:
        import_reports(tmp_path, broken)
    assert "文件第 2 行第 22 个字符处有无效的 UTF-8 字节（0xE8）" in str(refused.value)
    assert nothing_reported()


def test_a_replacement_character_already_in_the_file_is_refused(seeded, finance, tmp_path):
    with pytest.raises(CommandError, match="含有乱码替换符"):
        import_reports(tmp_path, HEADER + "2,1,155,2026-08-20,培训\ufffd两期\n")
    assert nothing_reported()


def test_a_gb18030_file_still_imports(seeded, finance, tmp_path):
    import_reports(tmp_path, (HEADER + "2,1,155,2026-08-20,两期培训\n").encode("gb18030"))
    assert IndicatorReport.objects.get().note == "两期培训"


def test_an_id_with_an_underscore_is_not_ten(seeded, finance, tmp_path):
    with pytest.raises(CommandError) as refused:
        import_reports(tmp_path, HEADER + "1_0,,1.00,2026-08-20,\n")
    assert "第 2 行「项目序号」不是整数：'1_0'" in str(refused.value)
    assert nothing_reported()


def test_full_width_digits_are_read_as_the_page_reads_them(seeded, finance, tmp_path):
    import_reports(tmp_path, HEADER + "１０,,1.00,2026-08-20,\n")
    assert ExpenditureReport.objects.get().project == project(10)


def test_import_targets_refuses_an_overview_of_100000_characters(db, tmp_path):
    table = Table().set(7, OVERVIEW, "概" * 100_000)
    with pytest.raises(CommandError) as refused:
        import_targets(tmp_path, table.text().encode("utf-8"))
    assert "第 7 行「项目概况」过长：100000 字，最多 5000 字" in str(refused.value)
    assert counts() == (0, 0, 0)


def test_import_targets_names_the_place_of_a_broken_byte(db, tmp_path):
    data = SEED.read_bytes()
    cut = data.index("设备购置经费".encode("utf-8")) + 2  # inside 设's three bytes
    with pytest.raises(CommandError) as refused:
        import_targets(tmp_path, data[:cut] + data[cut + 1:])
    assert "有无效的 UTF-8 字节" in str(refused.value) and "第 7 行" in str(refused.value)
    assert counts() == (0, 0, 0)


def test_the_api_takes_a_note_no_longer_than_the_page_does(seeded, finance):
    client = APIClient()
    client.force_authenticate(finance)
    line = project(2).indicators.get(order=1)
    response = client.post(f"/api/indicators/{line.pk}/reports/",
                           {"value": "155", "as_of": "2026-08-20", "note": "长" * 2001}, format="json")
    assert response.status_code == 400
    assert "note" in response.json()
    assert nothing_reported()


def test_a_qualitative_target_adjusted_to_an_empty_text_is_refused(seeded, finance):
    qualitative = project(2).indicators.get(order=3)
    assert qualitative.operator == ""
    with pytest.raises(DomainError, match="定性指标（无运算符）须有文字目标"):
        propose_indicator_adjustment(indicator=qualitative, user=finance, operator="", target_text=" ", unit="",
                                     weight=None, reason="目标调整", effective_date=datetime.date(2026, 9, 1))
    assert not qualitative.adjustments.exists()



@pytest.mark.parametrize(("typed", "read"), [
    ("10", 10), ("１０", 10), (" 7 ", 7), ("12.0", 12),
    ("1_0", None), ("+1", None), ("-1", None), ("1e1", None), ("١٠", None), ("", None), ("Infinity", None),
])
def test_row_numbers_are_plain_digits(typed, read):
    assert parse_whole_number(typed) == read
