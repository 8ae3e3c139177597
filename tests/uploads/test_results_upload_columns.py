"""/entry/results/: a 自评表 whose headers the import does not know: the clerk sees the column each field was read
from, chooses the others on the page (the command's --column), previews the kept file again and confirms it with the
columns previewed; a choice that cannot be read is named by its select and nothing is written."""
import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import IndicatorReport
from tests.importing.test_results_import import HEADER, reports, self_evaluation
from tests.uploads.conftest import choices, choose_columns, problems
from tests.uploads.test_results_upload import CONFIRM, PROJECT, UPLOAD, clerk, preview, unit  # noqa: F401

D = Decimal
COLUMNS = "/entry/results/columns/"
END = datetime.date(2025, 12, 31)
NOTE = "导入自评表：自评表.txt"
RECORDED = [
    ("购置安可电脑台数", END, D(13), "", NOTE),
    ("验收合格率", END, D(90), "", NOTE),
    ("办公保障能力", END, None, "achieved", NOTE),
]
NO_ACTUAL = ("第 4 行的表头中没有「实际完成值」列（可识别的表头：实际完成值、完成值、全年实际值）："
             "请指定它所在的列")


def with_header(rows: list[list], header: list[str]) -> list[list]:
    return [*rows[:3], header, *rows[4:]]


def unknown_actual_header() -> list[list]:
    """The 自评表 with its actuals (column H) under 本年完成情况, a header no alias knows."""
    return with_header(self_evaluation(), [*HEADER[:7], "本年完成情况", *HEADER[8:]])


def choose(client, response, **letters):
    return choose_columns(client, COLUMNS, response, **letters)


def test_an_unknown_actual_header_is_refused_then_chosen_on_the_page_previewed_and_imported(client, unit, clerk):
    client.force_login(clerk)
    first = preview(client, unit, unknown_actual_header())
    assert first.status_code == 400
    assert first.context["upload"].refusals == [NO_ACTUAL]
    assert problems(first) == {"actual": [NO_ACTUAL]}
    # The columns found by their headers, and the actuals in none.
    assert choices(first) == {"project": "", "code": "", "budget": "", "level1": "B", "level2": "C", "indicator": "D",
                              "operator": "E", "target": "F", "unit": "G", "points": "I", "actual": "", "score": "J"}
    html = first.content.decode()
    assert "列的对应（按第 4 行的表头识别）" in html and '<option value="H">H　本年完成情况</option>' in html
    assert f'<ul class="errorlist" id="col_actual-errors" role="alert"><li>{NO_ACTUAL}</li></ul>' in html
    assert 'id="confirm-import"' not in html
    assert IndicatorReport.objects.count() == 0

    second = choose(client, first, actual="H")
    assert second.status_code == 200
    assert [(line.where, line.indicator, line.value) for line in second.context["upload"].result.lines] == [
        ("第 5 行「实际完成值」", "购置安可电脑台数", "13 台"),
        ("第 6 行「实际完成值」", "验收合格率", "90 %"),
        ("第 7 行「实际完成值」", "办公保障能力", "达成"),
    ]
    html = second.content.decode()
    assert "预览（尚未写入）：大英县司法局 2025 年自评表：导入实际完成值 3 条" in html
    assert '<option value="H" selected>H　本年完成情况</option>' in html and 'id="col_actual-errors"' not in html
    assert IndicatorReport.objects.count() == 0  # still only a preview

    confirmed = client.post(CONFIRM, {"token": second.context["upload"].token}, follow=True)
    assert confirmed.redirect_chain == [("/entry/?year=2025", 302)]
    assert "已导入「自评表.txt」：大英县司法局 2025 年自评表：导入实际完成值 3 条（截至 2025-12-31）" in confirmed.content.decode()
    assert reports() == RECORDED


def test_the_confirmation_reads_the_columns_previewed_not_those_the_headers_name(client, unit, clerk):
    # 完成值 (H, known) holds a remark; the actuals are under 核实完成值 in K, a header no alias knows.
    rows = [row + [value] for row, value in zip(self_evaluation(actuals=("见说明",) * 3), [
        "", "", "", "核实完成值", "13", "90", "完成", ""])]
    client.force_login(clerk)
    first = preview(client, unit, rows)
    assert first.status_code == 400 and choices(first)["actual"] == "H"
    assert "第 5 行「实际完成值」请输入数字：'见说明'" in first.context["upload"].refusals[0]

    chosen = choose(client, first, actual="K")
    assert chosen.status_code == 200 and chosen.context["upload"].result.recorded == 3
    assert client.post(CONFIRM, {"token": chosen.context["upload"].token}).status_code == 302
    assert reports() == RECORDED


def test_a_column_chosen_for_two_fields_is_named_by_its_select_and_nothing_is_written(client, unit, clerk):
    client.force_login(clerk)
    first = preview(client, unit, unknown_actual_header())
    twice = choose(client, first, actual="F")
    assert twice.status_code == 400
    message = "「实际完成值」与「年度目标值」都对应 F 列：每列只能对应一个字段"
    assert problems(twice) == {"actual": [message]}
    html = twice.content.decode()
    assert f'<ul class="errorlist" id="col_actual-errors" role="alert"><li>{message}</li></ul>' in html
    assert 'id="confirm-import"' not in html and twice.context["upload"].token == ""
    assert IndicatorReport.objects.count() == 0

    # The kept file is offered again: the choice corrected, it previews.
    assert choose(client, twice, actual="H").status_code == 200


def test_the_actuals_chosen_in_no_column_are_asked_for(client, unit, clerk):
    client.force_login(clerk)
    none = choose(client, preview(client, unit, self_evaluation()), actual="")
    assert none.status_code == 400
    assert problems(none) == {"actual": ["「实际完成值」是必需的：请选择它所在的列"]}
    assert IndicatorReport.objects.count() == 0


def test_a_column_beyond_the_sheet_is_named_by_its_select(client, unit, clerk):
    client.force_login(clerk)
    first = preview(client, unit, unknown_actual_header())
    beyond = choose(client, first, actual="Z")
    assert beyond.status_code == 400
    assert problems(beyond) == {"actual": ["「实际完成值」选的 Z 列超出了表格：表中只有 A–J 列"]}
    assert IndicatorReport.objects.count() == 0


def test_a_table_whose_headers_name_nothing_is_read_with_every_column_chosen(client, unit, clerk):
    client.force_login(clerk)
    first = preview(client, unit, with_header(self_evaluation(), [f"第{n}栏" for n in range(1, 11)]))
    assert first.status_code == 400 and first.context["upload"].refusals[0].startswith("找不到表头")
    html = first.content.decode()
    assert "<h3>列的对应</h3>" in html and '<option value="J">J</option>' in html
    assert set(choices(first).values()) == {""}

    chosen = choose(client, first, level1="B", level2="C", indicator="D", operator="E", target="F", unit="G",
                    actual="H", points="I", score="J")
    assert chosen.status_code == 200 and chosen.context["upload"].result.recorded == 3
    assert client.post(CONFIRM, {"token": chosen.context["upload"].token}).status_code == 302
    assert reports() == RECORDED


def test_an_expired_choice_leads_back_to_the_form(client, unit, clerk):
    client.force_login(clerk)
    response = client.post(COLUMNS, {"token": "x" * 32, "col_actual": "H"}, follow=True)
    assert response.redirect_chain == [("/entry/results/", 302)]
    assert "上传的文件已过期或不存在" in response.content.decode()


def test_choosing_again_costs_what_a_preview_costs(client, unit, clerk):
    client.force_login(clerk)
    with CaptureQueriesContext(connection) as previewed:
        first = preview(client, unit, self_evaluation())
    with CaptureQueriesContext(connection) as chosen:
        assert choose(client, first).status_code == 200
    # One more: the kept file's department is read again by its key (the upload's came with the clerk's
    # departments, which the form read to check it; here they are read only to show the form again).
    assert len(chosen) == len(previewed) + 1


@pytest.mark.parametrize("who", ["manager", "admin"])
def test_only_finance_may_choose_columns(client, unit, who):
    from tests.conftest import make_user

    client.force_login(make_user(who, department=unit, is_staff=who == "admin", is_superuser=who == "admin"))
    refused = client.post(COLUMNS, {"token": "x" * 32})
    assert refused.status_code == 403 and "批量导入仅限本部门的财务人员" in refused.content.decode()
