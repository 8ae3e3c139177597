"""Evidence files (佐证材料, DOMAIN §9) from the entry and self-evaluation pages: upload to a line, remove with a
reason, download. Uploads and removals go through indicators.services.evidence; a download only through here, for
users who may see the project (never a public media address)."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from core.access import get_project_for_user
from core.errors import DomainError
from core.ids import MAX_ID, whole_number
from core.roles import can_see_department
from indicators.evidence_models import EvidenceFile
from indicators.forms.evidence import BACK_PAGES, EvidenceRemovalForm, EvidenceUploadForm
from indicators.selectors.evidence import BUDGET, PROJECT, evidence_groups
from indicators.services.evidence import add_evidence, remove_evidence, storage


def _back(project, form, anchor: str):
    page = getattr(form, "cleaned_data", {}).get("back") or "entry"
    name = BACK_PAGES[page]
    return redirect(reverse(name, args=[project.pk]) + f"#{anchor}")


def _refused(request, form, exc: DomainError | None = None) -> None:
    texts = [str(m) for errors in form.errors.values() for m in errors] if exc is None else [
        m for errors in exc.errors.values() for m in errors]
    messages.error(request, "未保存：" + "；".join(texts))


def _line(project, key: str) -> dict:
    """The service's arguments for the line a form names: the project, the budget line or an indicator's id."""
    if key == PROJECT:
        return {}
    if key == BUDGET:
        return {"budget_line": True}
    pk = whole_number(key)
    indicator = project.indicators.filter(pk=pk).first() if pk else None
    if indicator is None:
        raise DomainError("页面数据有误：没有这一行，请刷新页面后重试。", field="line")
    return {"indicator": indicator}


@login_required
@require_POST
def upload(request, project_id):
    project = get_project_for_user(request.user, project_id, write=True)
    form = EvidenceUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        _refused(request, form)
        return _back(project, form, "evidence")
    anchor = f"evidence-{form.cleaned_data['line']}"
    try:
        added = add_evidence(project=project, user=request.user, upload=form.cleaned_data["file"],
                             **_line(project, form.cleaned_data["line"]))
    except DomainError as exc:
        _refused(request, form, exc)
    else:
        messages.success(request, f"已上传佐证材料「{added.name}」（{added.line_label}）。")
    return _back(project, form, anchor)


@login_required
@require_POST
def remove(request, project_id, evidence_id):
    project = get_project_for_user(request.user, project_id, write=True)
    evidence = EvidenceFile.objects.filter(pk=evidence_id, project=project).first() if evidence_id <= MAX_ID else None
    if evidence is None:
        raise Http404("没有找到该佐证材料。")
    form = EvidenceRemovalForm(request.POST)
    if not form.is_valid():
        _refused(request, form)
        return _back(project, form, f"file-{evidence.pk}")
    try:
        remove_evidence(evidence=evidence, user=request.user, reason=form.cleaned_data["reason"])
    except DomainError as exc:
        _refused(request, form, exc)
    else:
        messages.success(request, f"已移除「{evidence.name}」：文件仍保留备查，移除记录可在审计工作簿中查看。")
    return _back(project, form, f"file-{evidence.pk}")


@login_required
@require_GET
def download(request, evidence_id):
    """The file under its original name, for whoever may see its project; everyone else gets 404, as if it did not
    exist."""
    if evidence_id > MAX_ID:
        raise Http404("没有找到该佐证材料。")
    evidence = EvidenceFile.objects.select_related("project").filter(pk=evidence_id).first()
    if evidence is None or not can_see_department(request.user, evidence.project.department_id):
        raise Http404("没有找到该佐证材料。")
    handle = storage().open(evidence.stored_as, "rb")
    return FileResponse(handle, as_attachment=True, filename=evidence.name, content_type=evidence.content_type)


def evidence_context(project, indicators, *, can_upload: bool, back: str) -> dict:
    """What the pages' 佐证材料 section shows (one query): each line's files, and forms for finance."""
    return {
        "evidence": evidence_groups(project=project, indicators=indicators),
        "can_upload_evidence": can_upload,
        "evidence_back": back,
        "evidence_limit": settings.EVIDENCE_MAX_BYTES,
    }
