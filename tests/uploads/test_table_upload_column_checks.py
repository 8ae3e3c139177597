"""/projects/upload/columns/ reads a choice of columns the one way the 自评表 page and both commands' --column do:
a needed field in no column, or one column for two fields, is named by its select and nothing is written; a table
whose headers name nothing is read once every column is chosen."""
import pytest

from projects.models import Indicator, Project
from tests.uploads.conftest import choose_columns, problems
from tests.uploads.test_table_upload_columns import (  # noqa: F401 (admin: a fixture)
    COLUMNS, CONFIRM, admin, unknown_target_header, upload,
)

pytestmark = pytest.mark.django_db


def choose(client, response, **letters):
    return choose_columns(client, COLUMNS, response, **letters)


@pytest.mark.parametrize("letters, expected", [
    ({"target": "C"}, {"target": ["「年度目标值」与「指标名称」都对应 C 列：每列只能对应一个字段"]}),
    ({"target": ""}, {"target": ["「年度目标值」是必需的：请选择它所在的列"]}),
])
def test_a_choice_that_cannot_be_read_is_named_by_its_select(admin, letters, expected):
    chosen = choose(admin, upload(admin, unknown_target_header()), **letters)
    assert chosen.status_code == 400
    assert problems(chosen) == expected
    assert f'id="col_target-errors" role="alert"><li>{expected["target"][0]}</li>' in chosen.content.decode()
    assert 'id="confirm-import"' not in chosen.content.decode()
    assert Project.objects.count() == 0


def test_a_table_whose_headers_name_nothing_is_read_with_its_columns_chosen(admin):
    rows = [["名称", "钱", "事项", "说明", "要求", "占比"], *unknown_target_header()[1:]]
    first = upload(admin, rows)
    assert first.status_code == 400 and first.context["upload"].refusals[0].startswith("找不到表头")
    chosen = choose(admin, first, project="A", budget="B", indicator="C", target="E", points="F")
    assert chosen.status_code == 200
    assert admin.post(CONFIRM, {"token": chosen.context["upload"].token}).status_code == 302
    assert [(i.name, i.operator, i.target_text, i.unit) for i in Indicator.objects.order_by("order")] == [
        ("议事会场次", "≥", "12", "场"), ("参与满意度", "≥", "90", "%")]
