"""The write path of evidence files (佐证材料, DOMAIN §9): add a file to a project or a line, remove it with a reason.

Every door (the entry page, the self-evaluation page, the API) calls these. A file is checked by its content,
refused over the size limit, stored under its sha256 in the `evidence` storage (never overwritten, never deleted),
and appended to the evidence ledger; a removal is a row of its own and the file stays for audit.
"""
import hashlib

from django.conf import settings
from django.core.files.storage import storages
from django.utils import timezone

from core.errors import DomainError
from core.formatting import file_size
from indicators.evidence_models import EvidenceFile, EvidenceRemoval
from indicators.evidence_types import RefusedFile, check_file, extension
from indicators.models import ExpenditureReport, IndicatorReport, LineExplanation
from indicators.services.common import check_writer
from indicators.services.year_end import check_length
from projects.models import Indicator, Project
from projects.review_lock import ensure_unlocked
from projects.written import writes_projects

STORAGE = "evidence"
NAME_LIMIT = 255
CHUNK = 1024 * 1024


def storage():
    return storages[STORAGE]


def _exact_size(size: int) -> str:
    """「20 MB（20,971,521 字节）」: the bytes too, so that a file just over the limit does not read as equal to it."""
    return file_size(size) if size < 1024 else f"{file_size(size)}（{size:,} 字节）"


def _check_size(upload) -> None:
    limit = settings.EVIDENCE_MAX_BYTES
    if upload.size > limit:
        raise DomainError(
            f"文件「{upload.name}」有 {_exact_size(upload.size)}，超过了佐证材料的上限 {file_size(limit)}："
            "请压缩或拆分后再上传。",
            field="file",
        )
    if upload.size == 0:
        raise DomainError(f"文件「{upload.name}」是空的（0 字节）：请上传原始文件。", field="file")


def _digest(upload) -> str:
    sha = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks(CHUNK):
        sha.update(chunk)
    upload.seek(0)
    return sha.hexdigest()


def _stored_name(sha256: str, ext: str) -> str:
    """A name that says when and what: the same bytes uploaded again the same month are the same file."""
    return f"evidence/{timezone.localdate():%Y/%m}/{sha256[:2]}/{sha256}.{ext}"


def _store(upload, sha256: str, ext: str) -> str:
    name = _stored_name(sha256, ext)
    target = storage()
    if target.exists(name):
        return name  # identical bytes (same sha256) are already there: nothing is rewritten
    return target.save(name, upload)


def _row(model, pk, *, field: str, what: str, fits: bool, **line):
    """The ledger row a file documents; it must be a row of the file's own line."""
    row = model.objects.filter(pk=getattr(pk, "pk", pk), **line).first() if fits else None
    if row is None:
        raise DomainError(f"要附加的{what}不属于所选的这一行。", field=field)
    return row


def _attached(*, project, indicator, budget_line: bool, report, expenditure, explanation) -> dict:
    given = {"report": report, "expenditure": expenditure, "explanation": explanation}
    given = {field: pk for field, pk in given.items() if pk is not None}
    if len(given) > 1:
        raise DomainError("一份佐证材料只能附加到一条记录。")
    if "report" in given:
        return {"report": _row(IndicatorReport, report, field="report", what="填报记录", fits=indicator is not None,
                               indicator=indicator)}
    if "expenditure" in given:
        return {"expenditure": _row(ExpenditureReport, expenditure, field="expenditure", what="支出记录",
                                    fits=budget_line, project=project)}
    if "explanation" in given:
        return {"explanation": _row(LineExplanation, explanation, field="explanation", what="年终说明",
                                    fits=indicator is not None or budget_line, project=project, indicator=indicator)}
    return {}


def _lock(project: Project) -> Project:
    """The project, locked for the transaction, once the review lock (DOMAIN §9) says it takes changes: a project
    已送审 or 已审核 takes no new file and loses none (ConflictError, 409)."""
    ensure_unlocked(project)
    return Project.objects.get(pk=project.pk)


@writes_projects
def add_evidence(
    *,
    project: Project,
    user,
    upload,
    indicator: Indicator | None = None,
    budget_line: bool = False,
    report: IndicatorReport | int | None = None,
    expenditure: ExpenditureReport | int | None = None,
    explanation: LineExplanation | int | None = None,
) -> EvidenceFile:
    """Adds one file to the project (no line), to an indicator line, or to the budget line (`budget_line`).

    `report`, `expenditure` or `explanation` attach it to that ledger row of the same line as well.
    """
    project = _lock(project)
    check_writer(user, project.department_id)
    if upload is None:
        raise DomainError("请选择要上传的文件。", field="file")
    if indicator is not None and indicator.project_id != project.pk:
        raise DomainError("该指标不属于这个项目。", field="indicator")
    if indicator is not None and budget_line:
        raise DomainError("佐证材料只能属于一行：指标或预算执行，不能两者都选。", field="line")
    name = upload.name or ""
    if len(name) > NAME_LIMIT:
        raise DomainError(f"文件名最多 {NAME_LIMIT} 个字符，现有 {len(name)} 个：请改短后再上传（系统不会截断）。",
                          field="file")
    _check_size(upload)
    try:
        kind = check_file(name, upload)
    except RefusedFile as exc:
        raise DomainError(str(exc), field="file") from None
    rows = _attached(project=project, indicator=indicator, budget_line=budget_line, report=report,
                     expenditure=expenditure, explanation=explanation)
    sha256 = _digest(upload)
    ext = extension(name)
    # The file is written before its row: if the row is refused after all, an unreferenced file named by its own
    # hash is left behind, which is harmless; a row without its file would not be.
    stored_as = _store(upload, sha256, ext)
    return EvidenceFile.objects.create(
        project=project, indicator=indicator, budget_line=budget_line, **rows, name=name, size=upload.size, sha256=sha256, content_type=kind.content_type,
        stored_as=stored_as, entered_by=user,
    )


@writes_projects
def remove_evidence(*, evidence: EvidenceFile, user, reason: str) -> EvidenceRemoval:
    """Takes a file off the lists, with a reason; the file and its row stay, and the workbook shows both."""
    project = _lock(evidence.project)
    check_writer(user, project.department_id)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("请填写移除原因。", field="reason")
    check_length(reason, field="reason", label="移除原因", key="line_text")
    if EvidenceRemoval.objects.filter(evidence=evidence).exists():
        raise DomainError(f"「{evidence.name}」已被移除。", field="reason")
    return EvidenceRemoval.objects.create(evidence=evidence, reason=reason, removed_by=user)
