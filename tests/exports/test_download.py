"""/exports/<year>.xlsx: who may download, the Chinese file name, the workbook it streams, its query count."""
import io
from urllib.parse import quote

import openpyxl
import pytest
from django.urls import reverse

from tests.exports.conftest import JUL_31, NOV_20

FILENAME = "2026年宁波市妇女联合会项目绩效目标完成情况.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(client, user, **params):
    if user is not None:
        client.force_login(user)
    return client.get(reverse("exports:workbook", args=[2026]), params)


def workbook_of(response):
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


@pytest.mark.parametrize("who", ["auditor", "manager", "admin_user", "finance"])
def test_everyone_who_sees_the_department_downloads_the_workbook(seeded, request, client, who):
    response = download(client, request.getfixturevalue(who), department="nbfl", as_of="2026-07-31")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    workbook = workbook_of(response)
    assert workbook.sheetnames[0] == "汇总表" and len(workbook.sheetnames) == 21
    assert workbook["汇总表"]["A1"].value == "2026年宁波市妇女联合会项目绩效目标完成情况（截至 2026-07-31）"


def test_the_file_name_is_chinese_with_an_ascii_fallback(seeded, auditor, client):
    response = download(client, auditor, department="nbfl")
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"2026-nbfl-performance.xlsx\"; filename*=UTF-8''{quote(FILENAME)}"
    )
    assert response["Cache-Control"] == "private, no-store"


def test_a_clerk_of_another_department_gets_404(seeded, outsider, client):
    assert download(client, outsider, department="nbfl").status_code == 404
    assert download(client, outsider).status_code == 404  # their own department has no 2026 table


def test_an_unknown_department_or_year_without_projects_is_404(seeded, auditor, client):
    assert download(client, auditor, department="nosuch").status_code == 404
    client.force_login(auditor)
    assert client.get(reverse("exports:workbook", args=[2025]), {"department": "nbfl"}).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login_page(seeded, client):
    response = download(client, None, department="nbfl")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("as_of", ["2026-13-01", "31/07/2026", "2025-12-31"])
def test_a_bad_as_of_date_is_refused_with_a_chinese_message(seeded, auditor, client, as_of):
    response = download(client, auditor, department="nbfl", as_of=as_of)
    assert response.status_code == 400
    assert f"截至日期应为 2026 年内的日期，格式 YYYY-MM-DD：{as_of}" in response.content.decode()


def test_the_as_of_date_defaults_to_today(scenario, auditor, client):
    sheet = workbook_of(download(client, auditor, department="nbfl"))["汇总表"]
    assert sheet["A1"].value.endswith("（截至 2026-11-25）")


def test_exports_index_redirects_to_this_years_workbook(seeded, auditor, client):
    client.force_login(auditor)
    response = client.get(reverse("exports:index"), {"department": "nbfl", "as_of": "2026-07-31"})
    assert response.status_code == 302
    assert response["Location"] == "/exports/2026.xlsx?department=nbfl&as_of=2026-07-31"


@pytest.mark.parametrize("data", ["seeded", "scenario"])
def test_the_download_takes_a_fixed_number_of_queries(request, data, auditor, client, django_assert_num_queries):
    request.getfixturevalue(data)
    client.force_login(auditor)
    url = reverse("exports:workbook", args=[2026])
    # the user (the session from the cache: cached_db), the user's groups, the department by code; the project ids; whether any budget and any target
    # adjustment is in force (the 汇总表's columns); evaluate() of the one chunk: the year's rule profile, projects, indicators, reports,
    # expenditures, monitoring notes, target and budget adjustments in force, and the 自评表's year-end line
    # explanations and project texts; 填报记录: reports, expenditures, notes; 调整记录: target, budget and 分值
    # adjustments;
    # 佐证材料: the files; 抽查复核: the spot-check notes; each project's review state; the two earlier years' rule
    # profiles and projects (往年对比 and 上年对比: none here; a year with projects adds the rest of its evaluation).
    with django_assert_num_queries(3 + 1 + 2 + 10 + 3 + 3 + 1 + 1 + 1 + 2 + 2):
        response = client.get(url, {"department": "nbfl", "as_of": NOV_20.isoformat()})
        b"".join(response.streaming_content)
    assert response.status_code == 200


def test_the_dates_of_the_download_and_the_command_give_the_same_sheet(scenario, auditor, client, tmp_path):
    from tests.exports.conftest import export, open_workbook

    downloaded = workbook_of(download(client, auditor, department="nbfl", as_of=JUL_31.isoformat()))["汇总表"]
    written = open_workbook(export(scenario, tmp_path, JUL_31))["汇总表"]
    assert list(downloaded.values) == list(written.values)
