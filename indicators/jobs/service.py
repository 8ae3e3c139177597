"""Starting a background export (issue #21) and deciding who may fetch its file.

The same rights as the export itself: the city's workbooks are the bureau's (财政人员, auditors, admins); a
department's report belongs to whoever may see the department. A job's file is fetched by its requester, or by a
user with those same rights, and only until it expires.
"""
import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.errors import ConflictError, DomainError
from core.parsing import parse_date
from core.roles import can_see_department, sees_bureau_view
from indicators.jobs.models import ExportJob, JobKind, JobState
from indicators.jobs.runner import run_job
from indicators.selectors.dates import default_as_of
from projects.models import Department

CITY_KINDS = {JobKind.CITY_WORKBOOK, JobKind.CITY_MONITORING}


class JobFileGone(DomainError):
    """A done job's file that can no longer be fetched: past its keeping time, or not on this server's disk."""

    status = 410


class JobFileExpired(JobFileGone):
    """Past its keeping time (the job's page has its own line for this)."""


def uses_broker() -> bool:
    return bool(settings.CELERY_BROKER_URL)


def may_run(user, kind: str, params: dict) -> bool:
    if kind in CITY_KINDS:
        return sees_bureau_view(user)
    return can_see_department(user, params.get("department_id"))


def may_fetch(user, job: ExportJob) -> bool:
    return job.requester_id == user.pk or may_run(user, job.kind, job.params)


def _params(kind: str, *, year, as_of: str, department_code: str) -> dict:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise DomainError(f"年度应为数字：{year}", field="year") from None
    if not 2000 <= year <= 2100:
        raise DomainError(f"年度不合理：{year}", field="year")
    date = parse_date(as_of) if (as_of or "").strip() else default_as_of(year)
    if date is None or date.year != year:
        raise DomainError(f"截至日期应为 {year} 年内的日期，格式 YYYY-MM-DD：{as_of}", field="as_of")
    params = {"year": year, "as_of": date.isoformat()}
    if kind == JobKind.DEPARTMENT_REPORT:
        department = Department.objects.filter(code=department_code).first() if department_code else None
        if department is None:
            raise DomainError("没有找到该部门。", field="department")
        params["department_id"] = department.pk
    return params


def start_export_job(*, user, kind: str, year, as_of: str = "", department_code: str = "") -> ExportJob:
    """Records the job, then hands it to a Celery worker (with a broker) or runs it here (without one); the same
    export of the same user still queued or running is returned instead of a second one."""
    if kind not in JobKind.values:
        raise DomainError(f"未知的导出类型：{kind}", field="kind")
    params = _params(kind, year=year, as_of=as_of, department_code=department_code)
    if not may_run(user, kind, params):
        raise DomainError("您的角色不能发起这项导出。")
    tidy_jobs()
    with transaction.atomic():
        # One user's two clicks queue here (SQLite's IMMEDIATE transactions do the same): the second finds the first.
        list(get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True))
        same = ExportJob.objects.filter(requester=user, kind=kind, params=params,
                                        state__in=[JobState.QUEUED, JobState.RUNNING]).first()
        if same is not None:  # the same export already being made: its page, not a second run
            return same
        job = ExportJob.objects.create(requester=user, kind=kind, params=params)
        if uses_broker():
            from indicators.jobs.tasks import run_export_job  # Celery is only touched when a broker is configured

            transaction.on_commit(lambda: run_export_job.delay(job.pk))  # the worker must see the committed row
    if not uses_broker():
        run_job(job.pk)
    job.refresh_from_db()
    return job


def job_file(job: ExportJob) -> Path:
    """The file of a done job while it may be fetched (ConflictError before it is done). Past its keeping time it is
    removed here, so the message that says so is true at once; a file missing while it should be kept is said to be
    missing, not expired."""
    if job.state != JobState.DONE:
        raise ConflictError(f"该导出任务还没有完成（已完成 {job.done} / {job.total} 个项目）：请在任务页等待完成后再下载。")
    path = settings.JOB_FILES_DIR / job.file
    if job.expires_at is not None and job.expires_at <= timezone.now():
        path.unlink(missing_ok=True)
        raise JobFileExpired(f"该文件已超过保留期限（{settings.JOB_FILE_HOURS} 小时）并已删除：请重新导出。")
    if not path.is_file():
        raise JobFileGone("该导出文件已不在服务器上：请重新导出；如果再次出现，请联系系统管理员。")
    return path


def settle_stale_jobs(now: datetime.datetime | None = None) -> int:
    """Marks as failed the jobs nothing will finish, so their page says so instead of polling forever; returns how
    many it marked. A job is given up JOB_STALE_MINUTES after its last sign of life:
    - running: its last progress write (a worker, or the request running it, has died mid-export);
    - queued: its creation, unless a broker's queue is still moving (a job claimed, advanced or finished in that
      time): behind a long export it is waiting its turn, not lost. Without a broker nothing queues, so a job
      still queued was never started.
    A worker that was only slow and finishes later still marks its job done."""
    now = now or timezone.now()
    minutes = settings.JOB_STALE_MINUTES
    since = now - datetime.timedelta(minutes=minutes)
    silent = Q(heartbeat_at__lte=since) | Q(heartbeat_at__isnull=True, created_at__lte=since)
    dead = ExportJob.objects.filter(silent, state=JobState.RUNNING).update(
        state=JobState.FAILED, finished_at=now,
        error=f"导出中断：该任务已有 {minutes} 分钟没有进展，生成它的进程可能已停止。请重新导出。")
    if uses_broker() and ExportJob.objects.filter(heartbeat_at__gt=since).exists():
        return dead  # the queue is moving: the jobs still queued are waiting their turn
    return dead + ExportJob.objects.filter(state=JobState.QUEUED, created_at__lte=since).update(
        state=JobState.FAILED, finished_at=now,
        error=f"导出中断：该任务排队 {minutes} 分钟仍未开始，处理导出的进程可能已停止。请重新导出。")


def tidy_jobs() -> tuple[int, int]:
    """Expired files off the disk, then silent jobs given up: before a new export, hourly on the worker's beat and
    from `manage.py tidy_export_jobs`. Returns (files removed, jobs marked interrupted)."""
    return purge_expired_files(), settle_stale_jobs()


def settled(job: ExportJob) -> ExportJob:
    """The job as its page should show it: settled first (`settle_stale_jobs`) only when it is unfinished and its last
    sign of life is older than JOB_STALE_MINUTES, so the page polling a live job every second writes nothing."""
    last_sign = job.heartbeat_at or job.created_at
    since = timezone.now() - datetime.timedelta(minutes=settings.JOB_STALE_MINUTES)
    if job.state in (JobState.QUEUED, JobState.RUNNING) and last_sign <= since:
        settle_stale_jobs()
        job.refresh_from_db()
    return job


def purge_expired_files(now: datetime.datetime | None = None) -> int:
    """Deletes the files of expired jobs (the rows stay, as a record of who exported what); returns how many were
    still there."""
    now = now or timezone.now()
    removed = 0
    for name in ExportJob.objects.filter(state=JobState.DONE, expires_at__lte=now).values_list("file", flat=True):
        path = settings.JOB_FILES_DIR / name
        if path.exists():
            path.unlink()
            removed += 1
    return removed
