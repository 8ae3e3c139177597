"""Background exports (issue #21): start one, watch its progress bar, download the file it made."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from core.errors import DomainError
from indicators.jobs.models import ExportJob, JobKind, JobState
from indicators.jobs.service import (
    JobFileExpired, JobFileGone, job_file, may_fetch, settle_stale_jobs, settled, start_export_job, uses_broker,
)
from indicators.views.exports import content_disposition

LISTED = 20
TYPES = {".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def _job_for(user, pk: int) -> ExportJob:
    job = ExportJob.objects.filter(pk=pk).first()
    if job is None or not may_fetch(user, job):
        raise Http404("没有找到该导出任务。")
    return settled(job)


def progress_of(job: ExportJob) -> dict:
    """The small JSON the job page polls; the download link once the file is ready and kept."""
    ready, expired, gone = False, False, ""
    if job.state == JobState.DONE:
        try:
            job_file(job)
            ready = True
        except JobFileExpired:
            expired = True  # the page has its own line for this
        except JobFileGone as error:
            gone = str(error)
    return {
        "id": job.pk, "state": job.state, "state_label": job.get_state_display(), "done": job.done,
        "total": job.total, "percent": job.done * 100 // job.total if job.total else (100 if ready else 0),
        "download_url": reverse("bureau:job-download", args=[job.pk]) if ready else None,
        "filename": job.filename if ready else "", "error": job.error or gone, "expired": expired,
        "expires_at": timezone.localtime(job.expires_at).strftime("%Y-%m-%d %H:%M") if job.expires_at else None,
        # While it runs: when it last wrote progress (a job silent for JOB_STALE_MINUTES is given up).
        "heartbeat_at": (timezone.localtime(job.heartbeat_at).strftime("%H:%M:%S")
                         if job.heartbeat_at and job.state == JobState.RUNNING else None),
    }


@login_required
@require_POST
def start_job(request):
    try:
        job = start_export_job(user=request.user, kind=request.POST.get("kind", ""), year=request.POST.get("year"),
                               as_of=request.POST.get("as_of", ""), department_code=request.POST.get("department", ""))
    except DomainError as error:
        messages.error(request, str(error))
        return redirect(reverse("bureau:jobs"))
    return redirect(reverse("bureau:job", args=[job.pk]))


@login_required
@require_safe
def job_page(request, pk: int):
    job = _job_for(request.user, pk)
    return render(request, "indicators/job.html", {"job": job, "progress": progress_of(job),
                                                   "in_process": not uses_broker()})


@login_required
@require_safe
def job_progress(request, pk: int):
    job = _job_for(request.user, pk)
    response = JsonResponse(progress_of(job), json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_safe
def job_download(request, pk: int):
    job = _job_for(request.user, pk)
    try:
        path = job_file(job)
    except DomainError as error:  # not done yet (409), or its file gone (410)
        return HttpResponse(str(error), status=error.status, content_type="text/plain; charset=utf-8")
    response = FileResponse(open(path, "rb"), content_type=TYPES[path.suffix])
    response["Content-Disposition"] = content_disposition(job.filename, f"export-{job.pk}{path.suffix}")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def job_list(request):
    settle_stale_jobs()
    jobs = ExportJob.objects.filter(requester=request.user)[:LISTED]
    return render(request, "indicators/job_list.html", {"jobs": jobs, "kinds": JobKind, "in_process": not uses_broker()})
