"""DOMAIN §9's lock at every door: while project 1 is 已送审 (or 已审核), every write that touches its year is refused
with 「该项目 2026 年自评已送审，如需修改请先退回」 and nothing is stored (the rows are counted before and after).

Runs on SQLite and, with DATABASE_URL, on PostgreSQL (where the check also takes the project's row lock).
"""
import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from rest_framework.test import APIClient

from core.errors import ConflictError
from indicators.api.tokens import issue_token
from indicators.exports.monitoring import write_monitoring_workbook
from indicators.services.entry import EntryErrors, IndicatorEntry, save_project_entries
from indicators.services.monitoring import record_monitoring_note
from indicators.services.reports import record_expenditure, record_indicator_report
from indicators.services.year_end import (
    record_budget_explanation,
    record_deduction,
    record_line_explanation,
    record_project_texts,
)
from indicators.models import IndicatorReport
from projects.choices import ReviewAction
from projects.services.adjustments import (
    approve_adjustment,
    propose_budget_adjustment,
    propose_indicator_adjustment,
    reject_adjustment,
    withdraw_adjustment,
)
from tests.conftest import SEED, project
from tests.importing.helpers import NAME, Table
from tests.review.conftest import move, stored

SUBMITTED = "该项目 2026 年自评已送审，如需修改请先退回"
APPROVED = "该项目 2026 年自评已审核，如需修改请先退回"
D = datetime.date(2026, 12, 18)


def line(seq: int, order: int):
    return project(seq).indicators.get(order=order)


@pytest.fixture
def submitted(scenario, finance):
    move(1, ReviewAction.SUBMIT, finance)
    return project(1)


def refused(write, message=SUBMITTED):
    """Runs a service call on the locked project: refused with the message, nothing stored."""
    before = stored()
    with pytest.raises(ConflictError) as caught:
        write()
    assert str(caught.value) == message
    assert caught.value.status == 409
    assert stored() == before


# --- The services every page, the API and the imports call ---------------------------------------------------


def test_a_report_is_refused(submitted, finance):
    refused(lambda: record_indicator_report(indicator=line(1, 1), user=finance, as_of=D, value=Decimal(9)))


def test_a_correction_is_refused(submitted, finance):
    current = IndicatorReport.objects.filter(indicator=line(1, 1)).latest("id")
    refused(lambda: record_indicator_report(indicator=line(1, 1), user=finance, as_of=current.as_of, value=Decimal(1),
                                            corrects=current, reason="录入错误"))


def test_an_expenditure_is_refused(submitted, finance):
    refused(lambda: record_expenditure(project=project(1), user=finance, as_of=D, amount=Decimal("4.00")))


def test_a_monitoring_note_is_refused(submitted, finance):
    refused(lambda: record_monitoring_note(project=project(1), indicator=line(1, 1), user=finance, as_of=D,
                                           forecast=Decimal(8), reasons=["funding"]))
    refused(lambda: record_monitoring_note(project=project(1), user=finance, as_of=D, forecast=Decimal(4),
                                           reasons=["funding"]))


def test_explanations_and_texts_are_refused(submitted, finance):
    refused(lambda: record_line_explanation(indicator=line(1, 1), user=finance, text="新的说明"))
    refused(lambda: record_budget_explanation(project=project(1), user=finance, text="新的说明"))
    refused(lambda: record_project_texts(project=project(1), user=finance, achievement="新的完成情况"))


def test_a_deduction_is_refused(submitted, reviewer):
    refused(lambda: record_deduction(indicator=line(1, 1), user=reviewer, points=Decimal(1), reason="目标偏低"))


def test_proposing_an_adjustment_is_refused(submitted, finance):
    refused(lambda: propose_indicator_adjustment(indicator=line(1, 1), user=finance, operator="≥", target_text="5",
                                                 unit="台", weight=None, reason="采购计划变更", effective_date=D))
    refused(lambda: propose_budget_adjustment(project=project(1), user=finance, budget=Decimal("9.00"),
                                              own_level=Decimal("9.00"), transfer=Decimal("0.00"), reason="追加",
                                              effective_date=D))


@pytest.mark.parametrize("decide", ["approve", "reject", "withdraw"])
def test_deciding_an_adjustment_is_refused(scenario, finance, admin_user, decide):
    # Proposed before 送审 (送审 itself refuses a project with one pending: tested with the review service).
    pending = propose_budget_adjustment(project=project(1), user=finance, budget=Decimal("9.00"),
                                        own_level=Decimal("9.00"), transfer=Decimal("0.00"), reason="追加",
                                        effective_date=D)
    move(1, ReviewAction.SUBMIT, finance)
    calls = {
        "approve": lambda: approve_adjustment(adjustment=pending, user=admin_user),
        "reject": lambda: reject_adjustment(adjustment=pending, user=admin_user, reason="不同意"),
        "withdraw": lambda: withdraw_adjustment(adjustment=pending, user=finance),
    }
    refused(calls[decide])


def test_an_approved_project_refuses_with_its_state(submitted, finance, reviewer):
    move(1, ReviewAction.APPROVE, reviewer)
    refused(lambda: record_expenditure(project=project(1), user=finance, as_of=D, amount=Decimal("4.00")), APPROVED)


def test_a_returned_project_takes_writes_again(submitted, finance, reviewer):
    move(1, ReviewAction.RETURN, reviewer, "请补充说明")
    record_expenditure(project=project(1), user=finance, as_of=D, amount=Decimal("4.00"))


def test_a_whole_entry_form_is_refused_once_above_the_form(submitted, finance):
    before = stored()
    with pytest.raises(EntryErrors) as caught:
        save_project_entries(project=project(1), user=finance, as_of=D,
                             entries=[IndicatorEntry(line(1, 1), value=Decimal(9)),
                                      IndicatorEntry(line(1, 2), value=Decimal(9))])
    assert caught.value.errors == {"": [SUBMITTED]} and caught.value.status == 409
    assert stored() == before


# --- Pages ------------------------------------------------------------------------------------------------------


def test_the_entry_page_refuses_a_post(submitted, finance):
    client = Client()
    client.force_login(finance)
    before = stored()
    response = client.post(f"/entry/{project(1).pk}/", {"as_of": "2026-12-18", f"ind-{line(1, 1).pk}-value": "9"})
    assert SUBMITTED in response.content.decode()
    assert stored() == before


def test_the_self_evaluation_page_refuses_a_post(submitted, finance):
    client = Client()
    client.force_login(finance)
    before = stored()
    response = client.post(f"/self-evaluation/{project(1).pk}/", {"project-achievement": "改过的完成情况"})
    assert SUBMITTED in response.content.decode()
    assert stored() == before


def test_the_monitoring_page_refuses_a_post(submitted, finance):
    client = Client()
    client.force_login(finance)
    before = stored()
    key = f"ind-{line(1, 1).pk}"
    response = client.post(f"/monitoring/{project(1).pk}/?as_of=2026-12-18",
                           {"as_of": "2026-12-18", f"{key}-forecast": "8", f"{key}-reasons": ["funding"]})
    assert SUBMITTED in response.content.decode()
    assert stored() == before


# --- The API ------------------------------------------------------------------------------------------------------


def test_the_api_answers_409_with_the_message(submitted, finance):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(username='finance')[0].key}")
    before = stored()
    response = client.post(f"/api/indicators/{line(1, 1).pk}/reports/", {"value": "9", "as_of": "2026-12-18"},
                           format="json")
    assert response.status_code == 409
    assert response.json() == {"non_field_errors": [SUBMITTED]}
    response = client.post(f"/api/projects/{project(1).pk}/expenditures/", {"amount": "4", "as_of": "2026-12-18"},
                           format="json")
    assert response.status_code == 409
    assert stored() == before


# --- Commands -----------------------------------------------------------------------------------------------------


def test_import_reports_is_refused_row_by_row(submitted, tmp_path):
    path = tmp_path / "reports.csv"
    path.write_text("project_seq,indicator_order,value,tier,tier_percent,as_of,note\n"
                    "1,1,9,,,2026-12-18,\n2,1,3,,,2026-12-18,\n", encoding="utf-8")
    before = stored()
    with pytest.raises(CommandError) as caught:
        call_command("import_reports", str(path), department="宁波市妇女联合会", year=2026, user="finance",
                     stdout=StringIO())
    assert f"第 2 行「实际值」{SUBMITTED}" in str(caught.value)
    assert "第 3 行" not in str(caught.value)  # project 2 is open, but the file is all or nothing
    assert stored() == before


def test_import_targets_is_refused_for_a_changed_locked_project(submitted, tmp_path):
    path = tmp_path / "table.txt"
    table = Table()
    first = next(n for n, cells in enumerate(table.lines, 1) if cells[0] == "1")
    path.write_text(table.set(first, NAME, "设备购置经费（调整）").text(), encoding="utf-8")
    before = stored()
    with pytest.raises(CommandError) as caught:
        call_command("import_targets", str(path), department="宁波市妇女联合会", year=2026, stdout=StringIO())
    assert f"项目 1「设备购置经费」：{SUBMITTED}" in str(caught.value)
    assert stored() == before


def test_import_targets_still_changes_the_open_projects(submitted, tmp_path):
    table = Table()
    line_of_project_2 = next(n for n, cells in enumerate(table.lines, 1) if cells[0] == "2")
    path = tmp_path / "table.txt"
    path.write_text(table.set(line_of_project_2, NAME, "培训费（调整）").text(), encoding="utf-8")
    call_command("import_targets", str(path), department="宁波市妇女联合会", year=2026, stdout=StringIO())
    assert project(2).name == "培训费（调整）"
    call_command("import_targets", str(SEED), department="宁波市妇女联合会", year=2026, stdout=StringIO())


def test_import_monitoring_is_refused(submitted, finance, tmp_path):
    path = tmp_path / "监控表.xlsx"
    write_monitoring_workbook(department=submitted.department, year=2026, as_of=D, output=path)
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    sheet = next(title for title in workbook.sheetnames if title.startswith("1."))
    workbook[sheet]["H11"], workbook[sheet]["I11"] = 8, "✓"
    workbook.save(path)
    before = stored()
    with pytest.raises(CommandError) as caught:
        call_command("import_monitoring", str(path), department="nbfl", year=2026, user="finance", stdout=StringIO())
    assert SUBMITTED in str(caught.value)
    assert stored() == before


# --- The admin ----------------------------------------------------------------------------------------------------


@pytest.fixture
def admin_client(admin_user) -> Client:
    client = Client()
    client.force_login(admin_user)
    return client


def test_the_admin_shows_a_locked_project_read_only_and_refuses_its_post(submitted, admin_client):
    page = admin_client.get(f"/admin/projects/project/{submitted.pk}/change/").content.decode()
    assert SUBMITTED in page and 'name="name"' not in page
    before = stored()
    response = admin_client.post(f"/admin/projects/project/{submitted.pk}/change/",
                                 {"name": "改名", "department": submitted.department_id, "year": 2026, "seq": 1,
                                  "budget": "1", "own_level": "1", "transfer": "0"})
    assert response.status_code == 403
    assert stored() == before


def test_the_admin_refuses_an_indicator_change_and_a_new_indicator(submitted, admin_client):
    indicator = line(1, 1)
    before = stored()
    response = admin_client.post(f"/admin/projects/indicator/{indicator.pk}/change/", {"name": "改名"})
    assert response.status_code == 403
    data = {"project": submitted.pk, "order": 99, "name": "新指标", "operator": "≥", "target_text": "1",
            "target_value": "1", "unit": "个", "level1": indicator.level1, "level2": indicator.level2,
            "basis": indicator.basis, "weight": ""}
    response = admin_client.post("/admin/projects/indicator/add/", data)
    assert response.status_code == 200 and SUBMITTED in response.content.decode()
    assert stored() == before


def test_the_admin_cannot_delete_a_locked_projects_indicator(scenario, finance, admin_client):
    first = line(1, 1)
    fresh = first.project.indicators.create(order=99, name="新指标", operator="≥", target_text="1",
                                            target_value=1, unit="个", level1=first.level1, level2=first.level2,
                                            basis=first.basis)  # nothing recorded against it: only the lock holds it
    move(1, ReviewAction.SUBMIT, finance)
    # Refused either way: by the lock (403) or, the year having reports, by the published-values rule (back to the
    # change page with the message); the bulk action is not offered at all.
    refused = admin_client.post(f"/admin/projects/indicator/{fresh.pk}/delete/", {"post": "yes"})
    assert refused.status_code in (302, 403)
    admin_client.post("/admin/projects/indicator/", {"action": "delete_selected", "post": "yes",
                                                     "_selected_action": [fresh.pk]})
    assert project(1).indicators.filter(pk=fresh.pk).exists()


# --- Evidence (佐证材料): no file added, none removed -----------------------------------------------------------


def test_evidence_is_neither_added_nor_removed(scenario, finance, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from indicators.models import EvidenceFile
    from indicators.services.evidence import add_evidence, remove_evidence
    from tests.evidence.files import PDF

    settings.MEDIA_ROOT = tmp_path / "media"
    kept = add_evidence(project=project(1), user=finance, upload=SimpleUploadedFile("发票.pdf", PDF))
    move(1, ReviewAction.SUBMIT, finance)
    files = EvidenceFile.objects.count()
    refused(lambda: add_evidence(project=project(1), user=finance, upload=SimpleUploadedFile("合同.pdf", PDF)))
    refused(lambda: remove_evidence(evidence=kept, user=finance, reason="传错了"))
    assert EvidenceFile.objects.count() == files
    assert sorted(p.name for p in (tmp_path / "media").rglob("*") if p.is_file()) == [kept.stored_as.split("/")[-1]]
