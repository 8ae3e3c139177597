"""The evidence write path: who may add, the size limit, the name by sha256, removal as a row of its own."""
import hashlib
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.storage import storages

from core.errors import DomainError
from indicators.evidence_models import EvidenceFile, EvidenceRemoval
from indicators.models import LedgerError
from indicators.services.evidence import add_evidence, remove_evidence
from indicators.services.reports import record_expenditure, record_indicator_report
from tests.conftest import project
from tests.evidence import files
from tests.evidence.conftest import upload


def stored_bytes(evidence: EvidenceFile) -> bytes:
    with storages["evidence"].open(evidence.stored_as, "rb") as handle:
        return handle.read()


def test_a_file_is_kept_with_its_size_sha256_who_and_when(seeded, finance, media, year_end):
    line = project(2).indicators.get(order=1)
    added = add_evidence(project=project(2), user=finance, upload=upload("培训签到表.pdf", files.PDF), indicator=line)
    sha = hashlib.sha256(files.PDF).hexdigest()
    assert (added.name, added.size, added.sha256, added.content_type) == ("培训签到表.pdf", len(files.PDF), sha,
                                                                          "application/pdf")
    assert (added.entered_by, added.indicator, added.budget_line) == (finance, line, False)
    assert added.stored_as == f"evidence/2026/12/{sha[:2]}/{sha}.pdf"
    assert (Path(media) / added.stored_as).read_bytes() == files.PDF
    assert stored_bytes(added) == files.PDF


def test_the_same_bytes_twice_are_two_rows_and_one_untouched_file(seeded, finance, media):
    first = add_evidence(project=project(1), user=finance, upload=upload("a.pdf", files.PDF))
    path = Path(media) / first.stored_as
    written = path.stat().st_mtime_ns
    second = add_evidence(project=project(1), user=finance, upload=upload("b.pdf", files.PDF), budget_line=True)
    assert second.stored_as == first.stored_as and path.stat().st_mtime_ns == written
    assert sorted(p.name for p in Path(media).rglob("*") if p.is_file()) == [path.name]
    assert list(EvidenceFile.objects.values_list("name", "budget_line")) == [("a.pdf", False), ("b.pdf", True)]


def test_an_over_size_file_is_refused_with_the_limit_in_chinese_and_nothing_stored(seeded, finance, media, settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    with pytest.raises(DomainError) as refused:
        add_evidence(project=project(1), user=finance, upload=upload("扫描件.pdf", files.PDF + bytes(1024)))
    size = len(files.PDF) + 1024
    assert refused.value.errors == {"file": [
        f"文件「扫描件.pdf」有 1.1 KB（{size:,} 字节），超过了佐证材料的上限 1 KB：请压缩或拆分后再上传。"]}
    assert EvidenceFile.objects.count() == 0 and not Path(media).exists()


def test_a_file_at_the_limit_is_accepted(seeded, finance, settings):
    settings.EVIDENCE_MAX_BYTES = len(files.PDF)
    assert add_evidence(project=project(1), user=finance, upload=upload("刚好.pdf", files.PDF)).size == len(files.PDF)


def test_a_renamed_program_is_refused_and_nothing_stored(seeded, finance, media):
    with pytest.raises(DomainError, match="可执行程序") as refused:
        add_evidence(project=project(1), user=finance, upload=upload("报告.pdf", files.PROGRAM))
    assert list(refused.value.errors) == ["file"]
    assert EvidenceFile.objects.count() == 0 and not Path(media).exists()


@pytest.mark.parametrize("who", ["manager", "auditor", "outsider", "reviewer"])
def test_only_finance_of_the_department_adds_files(request, seeded, who):
    user = request.getfixturevalue(who)
    with pytest.raises(DomainError, match="只有本部门的财务人员可以填报"):
        add_evidence(project=project(1), user=user, upload=upload("a.pdf", files.PDF))
    assert EvidenceFile.objects.count() == 0


def test_an_indicator_of_another_project_is_refused(seeded, finance):
    with pytest.raises(DomainError, match="该指标不属于这个项目"):
        add_evidence(project=project(1), user=finance, upload=upload("a.pdf", files.PDF),
                     indicator=project(2).indicators.first())


def test_a_file_attaches_to_a_report_or_an_expenditure_of_its_own_line(seeded, finance, year_end):
    line = project(1).indicators.get(order=1)
    report = record_indicator_report(indicator=line, user=finance, as_of=year_end, value=Decimal(8), tier="",
                                     tier_percent=None, note="")
    spent = record_expenditure(project=project(1), user=finance, as_of=year_end, amount=Decimal(10), note="")
    on_report = add_evidence(project=project(1), user=finance, upload=upload("验收单.pdf", files.PDF), indicator=line,
                             report=report)
    on_spent = add_evidence(project=project(1), user=finance, upload=upload("发票.pdf", files.PDF), budget_line=True,
                            expenditure=spent.pk)
    assert (on_report.report, on_spent.expenditure) == (report, spent)
    with pytest.raises(DomainError, match="要附加的填报记录不属于所选的这一行"):
        add_evidence(project=project(1), user=finance, upload=upload("x.pdf", files.PDF),
                     indicator=project(1).indicators.get(order=2), report=report)
    with pytest.raises(DomainError, match="要附加的支出记录不属于所选的这一行"):
        add_evidence(project=project(1), user=finance, upload=upload("x.pdf", files.PDF), expenditure=spent)


def test_removal_is_a_row_with_its_reason_and_the_file_stays(seeded, finance, finance2, media):
    added = add_evidence(project=project(1), user=finance, upload=upload("错传.pdf", files.PDF))
    removal = remove_evidence(evidence=added, user=finance2, reason="传错了项目")
    assert (removal.reason, removal.removed_by) == ("传错了项目", finance2)
    assert EvidenceFile.objects.filter(pk=added.pk).exists()
    assert (Path(media) / added.stored_as).read_bytes() == files.PDF
    with pytest.raises(DomainError, match="「错传.pdf」已被移除"):
        remove_evidence(evidence=added, user=finance, reason="再次移除")
    assert EvidenceRemoval.objects.count() == 1


def test_a_removal_needs_a_reason_and_the_role(seeded, finance, manager):
    added = add_evidence(project=project(1), user=finance, upload=upload("a.pdf", files.PDF))
    with pytest.raises(DomainError, match="请填写移除原因"):
        remove_evidence(evidence=added, user=finance, reason="   ")
    with pytest.raises(DomainError, match="只有本部门的财务人员可以填报"):
        remove_evidence(evidence=added, user=manager, reason="不需要了")
    assert EvidenceRemoval.objects.count() == 0


def test_evidence_rows_are_never_changed_or_deleted(seeded, finance):
    added = add_evidence(project=project(1), user=finance, upload=upload("a.pdf", files.PDF))
    added.name = "b.pdf"
    with pytest.raises(LedgerError):
        added.save()
    with pytest.raises(LedgerError):
        added.delete()
    with pytest.raises(LedgerError):
        EvidenceFile.objects.filter(pk=added.pk).delete()
    assert EvidenceFile.objects.get().name == "a.pdf"
