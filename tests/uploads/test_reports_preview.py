"""Finance uploads a reports file on /entry/: the preview shows what would be written, and nothing is written yet."""
import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from indicators.models import ExpenditureReport, IndicatorReport
from indicators.services.reports import record_indicator_report
from tests.conftest import project
from tests.uploads.conftest import csv_file

pytestmark = pytest.mark.django_db
UPLOAD = "/entry/upload/"


@pytest.fixture
def clerk(client, seeded, finance):
    client.force_login(finance)
    return client


def upload(client, file, *, department: str = "nbfl", year: int = 2026):
    return client.post(UPLOAD, {"department": department, "year": year, "file": file})


def preview_rows(response) -> list[tuple]:
    return [(r.line, r.project_seq, r.item, r.old, r.new, f"{r.as_of:%Y-%m-%d}", r.note)
            for r in response.context["upload"].preview.rows]


def test_the_preview_lists_each_row_with_its_old_and_new_value_and_writes_nothing(clerk, finance):
    satisfaction = project(1).indicators.get(order=2)
    record_indicator_report(indicator=satisfaction, user=finance, as_of=datetime.date(2026, 6, 30),
                            value=Decimal("90"))
    response = upload(clerk, csv_file(
        "1,,4.14,,,2026-11-20,设备采购已付款",
        "1,2,96,,,2026-11-20,问卷 50 份",
        "3,3,,部分达成年度指标并具有一定效果,,2026-11-20,走访慰问 5 人",
        '7,1,"1,500",,,2026-11-20,',
    ))
    assert response.status_code == 200
    assert preview_rows(response) == [
        (2, 1, "累计支出", "（无）", "4.14 万元", "2026-11-20", "设备采购已付款"),
        (3, 1, "指标 2「使用人员满意度」", "90 %", "96 %", "2026-11-20", "问卷 50 份"),
        (4, 3, "指标 3「进一步关心关爱困难全国三八红旗手」", "（无）", "部分达成年度指标并具有一定效果 70%",
         "2026-11-20", "走访慰问 5 人"),
        (5, 7, "指标 1「家庭教育指导师培训人数」", "（无）", "1500 人", "2026-11-20", ""),
    ]
    html = response.content.decode()
    assert "确认导入" in html and "尚未写入" in html
    assert "指标完成值 3 条、支出 1 条" in html
    # Nothing but the report recorded above is in the ledger.
    assert IndicatorReport.objects.count() == 1 and ExpenditureReport.objects.count() == 0


def test_a_bad_row_is_refused_with_its_line_and_column_and_nothing_can_be_confirmed(clerk):
    response = upload(clerk, csv_file(
        "1,,4.14,,,2026-11-20,",
        "1,2,-3,,,2026-11-20,",
        "1,9,5,,,2026-11-20,",
    ))
    assert response.status_code == 400
    refusals = response.context["upload"].preview.refusals
    assert refusals == [
        "第 3 行「实际值」实际完成值不能为负数（只有下降率、增长率、节约率可以为负）。",
        "第 4 行「指标序号」项目 1 没有这个指标：'9'",
    ]
    html = response.content.decode()
    assert "未写入任何记录" in html and "第 3 行「实际值」" in html
    assert "确认导入" not in html and 'name="token"' not in html
    assert IndicatorReport.objects.count() == 0 and ExpenditureReport.objects.count() == 0


def test_rows_left_blank_in_the_template_are_named_and_not_imported(clerk):
    response = upload(clerk, csv_file("1,1,,,,2026-11-20,", "1,2,96,,,2026-11-20,", "1,3,,,,2026-11-20,"))
    preview = response.context["upload"].preview
    assert [row.line for row in preview.rows] == [3]
    assert preview.blank_lines == [2, 4]
    assert "2 行未填写数值，不导入（第 2、4 行）" in response.content.decode()


def test_a_date_already_reported_is_shown_as_a_correction_with_its_reason(clerk, finance):
    count = project(1).indicators.get(order=1)
    record_indicator_report(indicator=count, user=finance, as_of=datetime.date(2026, 11, 20), value=Decimal("3"))
    response = upload(clerk, csv_file("1,1,4,,,2026-11-20,,补录漏报的 1 台",
                                      header="项目序号,指标序号,实际值,档次,得分率,截至日期,说明,更正原因"))
    (row,) = response.context["upload"].preview.rows
    assert (row.old, row.new, row.corrects, row.reason) == ("3 台/件/组", "4 台/件/组", True, "补录漏报的 1 台")
    assert "更正" in response.content.decode()


def test_the_same_date_without_a_reason_is_refused_as_the_form_refuses_it(clerk, finance):
    count = project(1).indicators.get(order=1)
    record_indicator_report(indicator=count, user=finance, as_of=datetime.date(2026, 11, 20), value=Decimal("3"))
    response = upload(clerk, csv_file("1,1,4,,,2026-11-20,"))
    (message,) = response.context["upload"].preview.refusals
    assert message.startswith("第 2 行「更正原因」截至 2026-11-20 已填报 3（截至 2026-11-20，财务甲")
    assert IndicatorReport.objects.count() == 1


@pytest.mark.parametrize(("file", "message"), [
    (SimpleUploadedFile("reports.txt", b"1,2,3"), "不支持的文件类型「.txt」：请上传 .csv、.xlsx 文件。"),
    (SimpleUploadedFile("reports.csv", b""), "文件是空的：请选择填好的文件。"),
    (SimpleUploadedFile("reports.csv", b" \n \n"), "文件是空的：请选择填好的文件。"),
])
def test_a_wrong_type_or_an_empty_file_is_a_message_next_to_the_field(clerk, file, message):
    response = upload(clerk, file)
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [message]
    html = response.content.decode()
    assert f'<ul class="errorlist" id="id_file-errors" role="alert"><li>{message}</li></ul>' in html


def test_no_file_at_all_is_a_message_next_to_the_field(clerk):
    response = clerk.post(UPLOAD, {"department": "nbfl", "year": 2026})
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == ["请选择要上传的文件。"]


def test_a_broken_workbook_is_refused_in_chinese(clerk):
    response = upload(clerk, SimpleUploadedFile("reports.xlsx", b"PK\x03\x04 not really a workbook"))
    assert response.status_code == 400
    (message,) = response.context["upload"].preview.refusals
    assert message.startswith("无法读取 Excel 文件")


def test_a_file_without_the_required_columns_says_which_are_missing(clerk):
    response = upload(clerk, csv_file("1,2,3", header="项目序号,指标,数值"))
    (message,) = response.context["upload"].preview.refusals
    assert message == "第 1 行缺少列：指标序号（indicator_order）、实际值（value）、截至日期（as_of）；无法识别的列：指标、数值"
