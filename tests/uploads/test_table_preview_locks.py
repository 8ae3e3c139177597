"""The published-table preview says which projects are locked (DOMAIN §9) before 确认导入 is offered: a table that
would change a project 已送审 or 已审核 is refused in the preview and in `import_targets --dry-run`, with the lock's
words; a table that leaves the locked project as it is previews and imports as before."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import CommandError

from projects.choices import ReviewAction
from projects.services.table_uploads import preview_table_upload
from tests.conftest import DEPARTMENT_NAME, project
from tests.importing.helpers import NAME, TARGET, Table, run_import
from tests.review.conftest import move, stored

pytestmark = pytest.mark.django_db
UPLOAD, CONFIRM = "/projects/upload/", "/projects/upload/confirm/"
PROJECT_1, PROJECT_2, PROJECT_3_LINE_2 = 7, 12, 18  # the seed's lines: 设备购置经费, 培训费, 补贴按规定及时发放率
SUBMITTED = "项目 1「设备购置经费」：该项目 2026 年自评已送审，如需修改请先退回"
APPROVED = "项目 3「三八红旗手困难补助」：该项目 2026 年自评已审核，如需修改请先退回"
WHAT_TO_DO = (
    "导入被拒绝：表中修改了以下项目，而它们的年终自评已送审或已审核，未作任何改动。"
    "须先由审核人员退回这些项目的自评（已审核的由管理员撤销审核），或在表中保留它们现有的内容，再重新上传。"
)


@pytest.fixture
def locked(seeded, finance):
    """Project 1 已送审, project 3 已审核; the others 填报中."""
    move(1, ReviewAction.SUBMIT, finance)
    move(3, ReviewAction.SUBMIT, finance)
    move(3, ReviewAction.APPROVE, finance)


def post(client, table: Table):
    return client.post(UPLOAD, {"department": DEPARTMENT_NAME, "year": 2026,
                                "file": SimpleUploadedFile("table.txt", table.text().encode())})


def test_the_preview_names_the_locked_projects_it_would_change_and_offers_no_confirmation(admin_client, locked):
    table = (Table().set(PROJECT_1, NAME, "设备购置经费（调整）").set(PROJECT_3_LINE_2, TARGET, "98")
             .set(PROJECT_2, NAME, "培训费（调整）"))
    before = stored()
    response = post(admin_client, table)
    assert response.status_code == 400
    upload = response.context["upload"]
    assert not upload.confirmable and upload.token == ""
    assert upload.refusals == [WHAT_TO_DO, SUBMITTED, APPROVED]  # project 2 is open: not named
    html = response.content.decode()
    assert "未写入任何数据" in html and "共 3 处问题" in html
    assert f"<li>{SUBMITTED}</li>" in html and f"<li>{APPROVED}</li>" in html and f"<li>{WHAT_TO_DO}</li>" in html
    assert 'id="confirm-import"' not in html and "确认导入" not in html
    assert stored() == before


def test_the_preview_marks_nothing_written(locked, admin_user, django_capture_on_commit_callbacks):
    """A written project's stored result is refreshed when its transaction commits; a preview, refused or not,
    writes nothing and asks for no refresh."""
    for table, refusals in ((Table().set(PROJECT_1, NAME, "设备购置经费（调整）"), [WHAT_TO_DO, SUBMITTED]),
                            (Table().set(PROJECT_2, NAME, "培训费（调整）"), [])):
        before = stored()
        with django_capture_on_commit_callbacks() as callbacks:
            upload = preview_table_upload(user=admin_user, department=DEPARTMENT_NAME, year=2026,
                                          filename="table.txt", data=table.text().encode())
        assert upload.refusals == refusals
        assert callbacks == []
        assert stored() == before


def test_a_table_that_leaves_the_locked_projects_unchanged_previews_and_imports(admin_client, locked):
    response = post(admin_client, Table().set(PROJECT_2, NAME, "培训费（调整）"))
    assert response.status_code == 200
    upload = response.context["upload"]
    assert upload.confirmable and upload.refusals == []
    assert upload.summary == ("【试运行，未写入数据库】宁波市妇女联合会 2026 年：新建项目 0 个、指标 0 个；"
                              "更新 1（项目 1 个、指标 0 个）；未变 99（项目 14 个、指标 85 个）。")
    assert 'id="confirm-import"' in response.content.decode()
    assert admin_client.post(CONFIRM, {"token": upload.token}).status_code == 302
    assert (project(1).name, project(2).name, project(3).name) == ("设备购置经费", "培训费（调整）", "三八红旗手困难补助")


def test_a_returned_project_may_be_changed_again(admin_client, locked, finance):
    move(1, ReviewAction.RETURN, finance, reason="设备数量有误")
    response = post(admin_client, Table().set(PROJECT_1, NAME, "设备购置经费（调整）"))
    upload = response.context["upload"]
    assert response.status_code == 200 and upload.confirmable and upload.refusals == []
    assert 'id="confirm-import"' in response.content.decode()
    assert admin_client.post(CONFIRM, {"token": upload.token}).status_code == 302
    assert project(1).name == "设备购置经费（调整）"


def test_the_dry_run_prints_the_same_refusal_and_writes_nothing(locked, tmp_path):
    path = tmp_path / "table.txt"
    path.write_text(Table().set(PROJECT_1, NAME, "设备购置经费（调整）").set(PROJECT_3_LINE_2, TARGET, "98").text(),
                    encoding="utf-8")
    before = stored()
    with pytest.raises(CommandError) as caught:
        run_import(path, dry_run=True)
    assert str(caught.value) == f"导入失败，未写入任何数据：\n  {WHAT_TO_DO}\n  {SUBMITTED}\n  {APPROVED}"
    assert stored() == before


def test_the_dry_run_of_a_table_that_leaves_them_unchanged_passes(locked, tmp_path):
    path = tmp_path / "table.txt"
    path.write_text(Table().set(PROJECT_2, NAME, "培训费（调整）").text(), encoding="utf-8")
    before = stored()
    printed = run_import(path, dry_run=True)
    assert ("【试运行，未写入数据库】宁波市妇女联合会 2026 年：新建项目 0 个、指标 0 个；"
            "更新 1（项目 1 个、指标 0 个）；未变 99（项目 14 个、指标 85 个）。") in printed
    assert stored() == before and project(2).name == "培训费"
