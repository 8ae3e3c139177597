"""佐证材料 on the entry and self-evaluation pages, and the one download door: who sees, who uploads, who gets 404."""
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from indicators.evidence_models import EvidenceFile
from indicators.services.evidence import add_evidence, remove_evidence
from tests.conftest import project
from tests.evidence import files
from tests.evidence.conftest import upload


@pytest.fixture
def clerk(client, seeded, finance):
    client.force_login(finance)
    return client


def post_file(client, p, line, name: str, data: bytes, back: str = "entry"):
    return client.post(f"/evidence/project/{p.pk}/upload/",
                       {"file": SimpleUploadedFile(name, data), "line": line, "back": back}, follow=True)


def file_row(html: str, file: EvidenceFile) -> str:
    row = html[html.index(f'id="file-{file.pk}"'):]
    return row[:row.index("</tr>")]


def test_finance_uploads_to_an_indicator_line_from_the_entry_page_and_sees_it_listed(clerk, finance):
    p = project(2)
    line = p.indicators.get(order=1)
    response = post_file(clerk, p, line.pk, "培训签到表.pdf", files.PDF)
    assert response.redirect_chain == [(f"/entry/{p.pk}/#evidence-{line.pk}", 302)]
    html = response.content.decode()
    assert f"已上传佐证材料「培训签到表.pdf」（{line.name}）。" in html
    added = EvidenceFile.objects.get()
    assert (added.indicator, added.entered_by) == (line, finance)
    section = html[html.index(f'id="evidence-{line.pk}"'):]
    row = file_row(section, added)
    assert f'href="/evidence/{added.pk}/download/">培训签到表.pdf</a>' in row
    assert f"{len(files.PDF)} 字节" in row and "财务甲" in row and "<span>2026-12-20</span> <span>10:00</span>" in row


def test_the_self_evaluation_page_takes_files_for_the_budget_line_and_the_project(clerk):
    p = project(1)
    response = post_file(clerk, p, "budget", "支付凭证.png", files.PNG, back="self_evaluation")
    assert response.redirect_chain == [(f"/self-evaluation/{p.pk}/#evidence-budget", 302)]
    post_file(clerk, p, "project", "项目总结.docx", files.docx(), back="self_evaluation")
    html = clerk.get(f"/self-evaluation/{p.pk}/").content.decode()
    budget = html[html.index('id="evidence-budget"'):]
    assert "支付凭证.png" in budget[:budget.index('class="evidence-line"', 10)]
    whole = html[html.index('id="evidence-project"'):html.index('id="evidence-budget"')]
    assert "项目总结.docx" in whole and "（1 个文件）" in whole


def test_an_over_size_upload_shows_the_limit_and_stores_nothing(clerk, settings):
    settings.EVIDENCE_MAX_BYTES = 100
    p = project(1)
    html = post_file(clerk, p, "project", "大文件.pdf", files.PDF + bytes(200)).content.decode()
    size = len(files.PDF) + 200
    assert f"未保存：文件「大文件.pdf」有 {size} 字节，超过了佐证材料的上限 100 字节" in html
    assert EvidenceFile.objects.count() == 0


def test_a_renamed_program_is_refused_on_the_page(clerk):
    html = post_file(clerk, project(1), "budget", "发票.jpg", files.PROGRAM).content.decode()
    assert "未保存：「发票.jpg」的内容是可执行程序或脚本，不是JPEG 图片：不能上传。" in html
    assert EvidenceFile.objects.count() == 0


def test_a_removal_needs_a_reason_and_shows_who_when_and_why(clerk, finance):
    p = project(1)
    added = add_evidence(project=p, user=finance, upload=upload("错传.pdf", files.PDF))
    url = f"/evidence/project/{p.pk}/{added.pk}/remove/"
    html = clerk.post(url, {"reason": "", "back": "entry"}, follow=True).content.decode()
    assert "未保存：请填写移除原因。" in html
    html = clerk.post(url, {"reason": "传错了项目", "back": "entry"}, follow=True).content.decode()
    assert "已移除「错传.pdf」：文件仍保留备查" in html
    row = file_row(html, added)
    assert "已移除" in row and "财务甲，2026-12-20 10:00：传错了项目" in row and 'name="reason"' not in row
    assert clerk.get(f"/evidence/{added.pk}/download/").status_code == 200  # the file stays for audit


def test_readers_see_the_list_without_forms(client, seeded, finance, manager):
    p = project(1)
    add_evidence(project=p, user=finance, upload=upload("验收单.pdf", files.PDF))
    client.force_login(manager)
    html = client.get(f"/self-evaluation/{p.pk}/").content.decode()
    section = html[html.index('id="evidence"'):]
    assert "验收单.pdf" in section and "evidence-upload" not in section and "evidence-remove" not in section
    assert client.post(f"/evidence/project/{p.pk}/upload/", {"file": SimpleUploadedFile("a.pdf", files.PDF),
                                                            "line": "project"}).status_code == 403


def test_a_line_of_another_project_is_refused(clerk):
    other_line = project(2).indicators.first()
    html = post_file(clerk, project(1), other_line.pk, "a.pdf", files.PDF).content.decode()
    assert "页面数据有误：没有这一行" in html and EvidenceFile.objects.count() == 0


@pytest.mark.parametrize("who", ["finance", "finance2", "manager", "reviewer", "auditor", "admin_user"])
def test_everyone_who_may_see_the_project_downloads_the_file_under_its_chinese_name(request, client, seeded, finance,
                                                                                   who):
    added = add_evidence(project=project(1), user=finance, upload=upload("培训 签到表（第1期）.pdf", files.PDF))
    client.force_login(request.getfixturevalue(who))
    response = client.get(f"/evidence/{added.pk}/download/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == files.PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote('培训 签到表（第1期）.pdf')}"


@pytest.mark.parametrize("who", ["outsider", "other_manager"])
def test_users_of_another_department_get_404(request, client, seeded, finance, who):
    added = add_evidence(project=project(1), user=finance, upload=upload("验收单.pdf", files.PDF))
    client.force_login(request.getfixturevalue(who))
    assert client.get(f"/evidence/{added.pk}/download/").status_code == 404
    assert client.get("/evidence/99999999/download/").status_code == 404  # the same answer as for no file at all


def test_a_visitor_is_sent_to_log_in(client, seeded, finance):
    added = add_evidence(project=project(1), user=finance, upload=upload("验收单.pdf", files.PDF))
    response = client.get(f"/evidence/{added.pk}/download/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_removed_file_is_still_downloadable_by_the_auditor(client, seeded, finance, auditor):
    added = add_evidence(project=project(1), user=finance, upload=upload("错传.pdf", files.PDF))
    remove_evidence(evidence=added, user=finance, reason="传错了")
    client.force_login(auditor)
    assert b"".join(client.get(f"/evidence/{added.pk}/download/").streaming_content) == files.PDF


def test_the_admin_lists_files_and_removals_read_only(client, seeded, finance, admin_user):
    added = add_evidence(project=project(1), user=finance, upload=upload("验收单.pdf", files.PDF))
    remove_evidence(evidence=added, user=finance, reason="传错了")
    client.force_login(admin_user)
    html = client.get("/admin/indicators/evidencefile/").content.decode()
    assert "验收单.pdf" in html and added.sha256 in html
    assert "传错了" in client.get("/admin/indicators/evidenceremoval/").content.decode()
    assert client.get("/admin/indicators/evidencefile/add/").status_code == 403
    assert client.post(f"/admin/indicators/evidencefile/{added.pk}/delete/", {"post": "yes"}).status_code == 403
    assert EvidenceFile.objects.filter(pk=added.pk).exists()
