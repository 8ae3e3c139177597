"""Sheet names every spreadsheet accepts: ≤ 31 UTF-16 units, no []:*?/\\, no edge apostrophe, unique ignoring case."""
import pytest

from indicators.exports.names import SheetNames, utf16_length


@pytest.fixture(autouse=True)
def _frozen_now():
    """These tests need neither a database nor a date (overrides the package's frozen clock)."""
    yield


def test_a_project_sheet_is_its_number_and_name():
    assert SheetNames().project(3, "三八红旗手困难补助") == "3.三八红旗手困难补助"


def test_a_long_name_is_cut_to_31_characters():
    name = SheetNames().project(12, "宁波市妇女联合会关于开展家庭教育指导服务进社区进学校进企业的专项经费")
    assert name == "12.宁波市妇女联合会关于开展家庭教育指导服务进社区进学校进企"
    assert len(name) == 31


def test_characters_excel_refuses_become_full_width_look_alikes():
    assert SheetNames().project(1, "设备[一期]/维修:调试?*\\") == "1.设备【一期】／维修：调试？＊＼"


def test_characters_outside_the_bmp_count_twice():
    name = SheetNames().claim("𠀀" * 20)
    assert utf16_length(name) == 30 and len(name) == 15


def test_duplicates_get_a_number_ignoring_case_and_reserved_names():
    names = SheetNames()
    assert [names.claim("Budget"), names.claim("budget"), names.claim("BUDGET")] == ["Budget", "budget~2", "BUDGET~3"]
    assert names.claim("History") == "History~2"


def test_a_cut_duplicate_still_fits():
    names = SheetNames()
    long = "项" * 40
    first, second = names.claim(long), names.claim(long)
    assert (len(first), len(second)) == (31, 31) and second.endswith("~2") and first != second


def test_apostrophes_at_the_edges_and_empty_names_are_avoided():
    names = SheetNames()
    assert names.claim("'引号'") == "引号"
    assert names.claim("''") == "工作表"
    assert names.project(7, "   ") == "7."
