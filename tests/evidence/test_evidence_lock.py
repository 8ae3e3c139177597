"""A project 已送审 or 已审核 takes no new evidence and loses none (DOMAIN §9), through every door; nothing stored."""
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.errors import ConflictError
from indicators.evidence_models import EvidenceFile, EvidenceRemoval
from indicators.services.evidence import add_evidence, remove_evidence
from projects.choices import ReviewAction
from projects.services.review_states import lock_state, record_transition
from tests.conftest import project
from tests.evidence import files
from tests.evidence.conftest import upload
from tests.evidence.test_evidence_api import token_client

SUBMITTED = "该项目 2026 年自评已送审，如需修改请先退回"


def submit(seq: int, user):
    locked, review = lock_state(project(seq))
    record_transition(project=locked, review=review, action=ReviewAction.SUBMIT, user=user)


@pytest.fixture
def kept(seeded, finance):
    """A file added while the project was open."""
    return add_evidence(project=project(1), user=finance, upload=upload("验收单.pdf", files.PDF))


def stored_files(media) -> list[Path]:
    return sorted(p for p in Path(media).rglob("*") if p.is_file())


def test_the_service_refuses_a_new_file_and_a_removal(kept, finance, media):
    submit(1, finance)
    before = stored_files(media)
    with pytest.raises(ConflictError, match=f"^{SUBMITTED}$"):
        add_evidence(project=project(1), user=finance, upload=upload("补充.png", files.PNG))
    with pytest.raises(ConflictError, match=f"^{SUBMITTED}$"):
        remove_evidence(evidence=kept, user=finance, reason="不需要了")
    assert (EvidenceFile.objects.count(), EvidenceRemoval.objects.count()) == (1, 0)
    assert stored_files(media) == before
    add_evidence(project=project(2), user=finance, upload=upload("补充.png", files.PNG))  # other projects stay open


def test_the_api_answers_409_in_json(kept, finance):
    submit(1, finance)
    response = token_client(finance).post(f"/api/projects/{project(1).pk}/evidence/",
                                          {"file": SimpleUploadedFile("补充.pdf", files.PDF)}, format="multipart")
    assert (response.status_code, response.json()) == (409, {"non_field_errors": [SUBMITTED]})
    assert EvidenceFile.objects.count() == 1


def test_the_pages_say_why_and_store_nothing(client, kept, finance):
    submit(1, finance)
    client.force_login(finance)
    p = project(1)
    html = client.post(f"/evidence/project/{p.pk}/upload/", {"file": SimpleUploadedFile("补充.pdf", files.PDF),
                                                            "line": "project"}, follow=True).content.decode()
    assert f"未保存：{SUBMITTED}" in html
    html = client.post(f"/evidence/project/{p.pk}/{kept.pk}/remove/", {"reason": "不需要了"},
                       follow=True).content.decode()
    assert f"未保存：{SUBMITTED}" in html
    assert (EvidenceFile.objects.count(), EvidenceRemoval.objects.count()) == (1, 0)
