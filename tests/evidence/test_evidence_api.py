"""POST /api/projects/<id>/evidence/ (multipart) and GET, through the same service as the pages."""
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from indicators.api.tokens import issue_token
from indicators.evidence_models import EvidenceFile
from indicators.services.evidence import add_evidence, remove_evidence
from tests.conftest import project
from tests.evidence import files
from tests.evidence.conftest import upload


def token_client(user) -> APIClient:
    client = APIClient()
    token, _ = issue_token(username=user.username)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def url(p) -> str:
    return f"/api/projects/{p.pk}/evidence/"


def send(client, p, name: str, data: bytes, **fields):
    return client.post(url(p), {"file": SimpleUploadedFile(name, data), **fields}, format="multipart")


def test_a_file_posted_for_an_indicator_comes_back_with_its_sha256_and_download(seeded, finance):
    p = project(2)
    line = p.indicators.get(order=2)
    data = files.xlsx()
    response = send(token_client(finance), p, "问卷汇总.xlsx", data, indicator=line.pk)
    assert response.status_code == 201, response.json()
    body = response.json()
    added = EvidenceFile.objects.get()
    assert body == {
        "id": added.pk, "project": p.pk, "line": "indicator", "indicator": line.pk, "name": "问卷汇总.xlsx",
        "size": added.size, "sha256": hashlib.sha256(data).hexdigest(),
        "content_type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "entered_by": {"username": "finance", "name": "财务甲"}, "entered_at": "2026-12-20T10:00:00+08:00",
        "removal": None, "download": f"http://testserver/evidence/{added.pk}/download/",
    }


def test_line_budget_and_no_line_attach_to_the_budget_line_and_the_project(seeded, finance):
    client, p = token_client(finance), project(1)
    assert send(client, p, "凭证.pdf", files.PDF, line="budget").json()["line"] == "budget"
    assert send(client, p, "总结.pdf", files.PDF).json()["line"] == "project"
    assert list(EvidenceFile.objects.values_list("budget_line", "indicator")) == [(True, None), (False, None)]


def test_the_list_gives_each_file_with_who_when_and_a_download_that_works(seeded, finance, manager):
    p = project(1)
    kept = add_evidence(project=p, user=finance, upload=upload("验收单.pdf", files.PDF))
    gone = add_evidence(project=p, user=finance, upload=upload("错传.png", files.PNG), budget_line=True)
    remove_evidence(evidence=gone, user=finance, reason="传错了")
    client = token_client(manager)
    body = client.get(url(p)).json()
    assert body["count"] == 2
    first, second = body["results"]
    assert (first["name"], first["size"], first["sha256"], first["removal"]) == (
        "验收单.pdf", len(files.PDF), kept.sha256, None)
    assert second["removal"]["reason"] == "传错了" and second["removal"]["removed_by"]["username"] == "finance"
    assert first["entered_by"]["username"] == "finance" and first["entered_at"] == "2026-12-20T10:00:00+08:00"
    download = client.get(first["download"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == files.PDF


def test_a_renamed_program_is_a_400_with_the_message_under_file(seeded, finance):
    response = send(token_client(finance), project(1), "报告.pdf", files.PROGRAM)
    assert response.status_code == 400
    assert response.json() == {"file": ["「报告.pdf」的内容是可执行程序或脚本，不是PDF 文件：不能上传。"]}
    assert EvidenceFile.objects.count() == 0


def test_an_over_size_file_is_a_400_with_the_limit(seeded, finance, settings):
    settings.EVIDENCE_MAX_BYTES = 2 * 1024 * 1024
    big = files.PDF + bytes(2 * 1024 * 1024)
    response = send(token_client(finance), project(1), "扫描件.pdf", big)
    assert response.status_code == 400
    assert response.json() == {"file": [
        f"文件「扫描件.pdf」有 2 MB（{len(big):,} 字节），超过了佐证材料的上限 2 MB：请压缩或拆分后再上传。"]}
    assert EvidenceFile.objects.count() == 0


@pytest.mark.parametrize(("fields", "expected"), [
    ({}, {"file": ["请选择要上传的文件。"]}),
    ({"line": "indicator"}, {"file": ["请选择要上传的文件。"], "line": ["line 只能是 budget（预算执行）。"]}),
    ({"indicator": "abc"}, {"file": ["请选择要上传的文件。"], "indicator": ["indicator 应为指标的 id（正整数）。"]}),
])
def test_a_malformed_request_is_a_400_by_field(seeded, finance, fields, expected):
    response = token_client(finance).post(url(project(1)), fields, format="multipart")
    assert (response.status_code, response.json()) == (400, expected)


def test_an_indicator_of_another_project_or_both_lines_are_refused(seeded, finance):
    client, p = token_client(finance), project(1)
    other = project(2).indicators.first()
    response = send(client, p, "a.pdf", files.PDF, indicator=other.pk)
    assert (response.status_code, response.json()) == (400, {"indicator": [f"该项目没有 id 为 {other.pk} 的指标。"]})
    response = send(client, p, "a.pdf", files.PDF, indicator=p.indicators.first().pk, line="budget")
    assert response.status_code == 400 and "只能填一个" in response.json()["line"][0]
    assert EvidenceFile.objects.count() == 0


def test_roles_other_than_finance_get_403_and_other_departments_404(seeded, manager, outsider, finance):
    p = project(1)
    assert send(token_client(manager), p, "a.pdf", files.PDF).status_code == 403
    assert send(token_client(outsider), p, "a.pdf", files.PDF).status_code == 404
    assert token_client(outsider).get(url(p)).status_code == 404
    assert EvidenceFile.objects.count() == 0


def test_the_schema_documents_the_multipart_upload(seeded, finance):
    schema = token_client(finance).get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    post = schema["paths"]["/api/projects/{id}/evidence/"]["post"]
    body = post["requestBody"]["content"]["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[-1]
    fields = schema["components"]["schemas"][body]["properties"]
    assert fields["file"] == {"type": "string", "format": "binary", "description": fields["file"]["description"]}
    assert {"201", "400", "401", "403", "404", "409"} <= set(post["responses"])


def test_the_download_address_takes_a_token_and_still_checks_the_department(client, seeded, finance, outsider):
    added = add_evidence(project=project(1), user=finance, upload=upload("验收单.pdf", files.PDF))
    address = f"/evidence/{added.pk}/download/"
    assert token_client(outsider).get(address).status_code == 404
    response = client.get(address, HTTP_AUTHORIZATION="Token not-a-token")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
