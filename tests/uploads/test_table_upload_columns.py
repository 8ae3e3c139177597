"""Another unit's table on /projects/upload/: the columns found, a select per field to correct them, a preview of
everything as it will be stored (each interpreted cell marked), then 确认导入."""
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from projects.models import Indicator, Project
from tests.importing.tolerant_files import sichuan_form, tsv_bytes, xlsx_bytes
from tests.uploads.conftest import choices, choose_columns

pytestmark = pytest.mark.django_db
UPLOAD, COLUMNS, CONFIRM = "/projects/upload/", "/projects/upload/columns/", "/projects/upload/confirm/"
UNIT = "青神县发展和改革局"


@pytest.fixture
def admin(client, admin_user):
    client.force_login(admin_user)
    return client


def unknown_target_header() -> list[list]:
    """The list layout with its target under 目标 (no alias) and 指标值 holding a remark instead."""
    return [
        ["项目名称", "资金总额", "指标名称", "指标值", "目标", "权重"],
        ["妇女议事会", "12", "议事会场次", "见附件", "≥12场", "50"],
        ["妇女议事会", "", "参与满意度", "见附件", "≥90%", "40"],
    ]


def upload(client, rows, name="目标表.xlsx"):
    return client.post(UPLOAD, {"department": UNIT, "year": 2026,
                                "file": SimpleUploadedFile(name, xlsx_bytes({"表1": rows}))})


def test_a_refusal_names_sheet_cell_and_column(admin):
    rows = unknown_target_header()
    rows[2][5] = "四十"
    response = upload(admin, rows)
    assert response.status_code == 400
    assert "工作表「表1」F3「分值」请输入数字：&#x27;四十&#x27;" in response.content.decode()
    assert Project.objects.count() == 0


def test_a_wrong_column_is_corrected_previewed_and_confirmed(admin):
    first = upload(admin, unknown_target_header())
    assert choices(first)["target"] == "D" and choices(first)["points"] == "F"
    assert '<select name="col_target" id="col_target">' in first.content.decode()
    # Read as detected, 见附件 is a 定性 target: the preview shows it so, and a person sees the wrong column.
    lines = first.context["upload"].stored()[0]["indicators"]
    assert [(line.operator, line.target_text) for line in lines] == [("", "见附件"), ("", "见附件")]
    assert Project.objects.count() == 0

    second = choose_columns(admin, COLUMNS, first, target="E")
    assert second.status_code == 200
    page = second.content.decode()
    assert "「由“≥12场”解析」" in page and "「由“≥90%”解析」" in page
    assert Project.objects.count() == 0  # still only a preview

    assert admin.post(CONFIRM, {"token": second.context["upload"].token}).status_code == 302
    assert [(i.name, i.operator, i.target_text, i.target_value, i.unit, i.points, i.level1)
            for i in Indicator.objects.order_by("order")] == [
        ("议事会场次", "≥", "12", Decimal(12), "场", Decimal(50), "产出指标"),
        ("参与满意度", "≥", "90", Decimal(90), "%", Decimal(40), "满意度指标"),
    ]


def test_the_preview_lists_every_project_and_line_as_stored(admin):
    response = admin.post(UPLOAD, {"department": UNIT, "year": 2026,
                                   "file": SimpleUploadedFile("自评表.txt", tsv_bytes(sichuan_form()))})
    assert response.status_code == 200
    page = response.content.decode()
    assert "「由“51000021R000000019951-工资性支出”读出项目代码 51000021R000000019951」" in page
    assert "「一级指标“产出指标(50分)”读作 产出指标（括注分值为该类合计）」" in page
    stored = response.context["upload"].stored()
    assert [(b["project"].code, b["project"].name, [(i.name, i.points) for i in b["indicators"]])
            for b in stored] == [("51000021R000000019951", "工资性支出",
                                  [("足额保障率", Decimal(60)), ("按时发放率", Decimal(30))])]


def test_the_published_table_shows_no_column_choice(admin, seeded):
    from tests.conftest import DEPARTMENT_NAME, SEED

    response = admin.post(UPLOAD, {"department": DEPARTMENT_NAME, "year": 2027,
                                   "file": SimpleUploadedFile("table.txt", SEED.read_bytes())})
    assert response.status_code == 200
    assert response.context["upload"].detected is None
    assert 'id="columns-form"' not in response.content.decode()


def previewed_again(admin, rows, django_assert_num_queries, queries):
    """The preview of a table already imported (every project and line compared with the stored one)."""
    assert upload(admin, rows).status_code == 200
    assert admin.post(CONFIRM, {"token": upload(admin, rows).context["upload"].token}).status_code == 302
    with django_assert_num_queries(queries):
        assert upload(admin, rows).status_code == 200


# user; the dry run's savepoint and its release; the department (locked), its projects, their indicators; any
# report, any expenditure (projects.ledger_presence); groups (the role); the navigation badge.
PREVIEW_QUERIES = 12  # with the year's rule profile read by the request and by the import (its framework, its budget points)


@pytest.mark.parametrize("copies", [1, 3])
def test_the_preview_runs_in_a_fixed_number_of_queries(admin, django_assert_num_queries, copies):
    rows = unknown_target_header()
    for n in range(2, copies + 1):
        rows += [[f"妇女议事会{n}", "12", "议事会场次", "≥12场", "", "50"],
                 [f"妇女议事会{n}", "", "参与满意度", "≥90%", "", "40"]]
    previewed_again(admin, rows, django_assert_num_queries, PREVIEW_QUERIES)
