"""Runs an export job wherever it is run (a Celery worker, or the request's own process) and records its progress.

The job row is the only state: its progress (projects done / total) is written as the export goes, every
JOB_PROGRESS_EVERY projects, in its own statement so the page polling it sees it at once, with the time
(`heartbeat_at`: the job's sign of life, see `settle_stale_jobs`); the file goes under JOB_FILES_DIR with a name
nobody can guess, and is kept until `expires_at`.
"""
import datetime
import io
import logging
import secrets

from django.conf import settings
from django.utils import timezone

from core.errors import DomainError
from indicators.exports.city import write_city_workbook
from indicators.jobs.models import ExportJob, JobKind, JobState
from indicators.reports.docx import write_docx
from indicators.reports.self_evaluation import department_report
from indicators.selectors.year_end import self_evaluations
from projects.models import Department

log = logging.getLogger(__name__)


def _record_progress(job_id: int, done: int, total: int) -> None:
    ExportJob.objects.filter(pk=job_id).update(done=done, total=total, heartbeat_at=timezone.now())


def _progress(job_id: int):
    every, last = max(1, settings.JOB_PROGRESS_EVERY), [-1]

    def progress(done: int, total: int) -> None:
        if done == total or done - last[0] >= every or done == 0:
            last[0] = done
            _record_progress(job_id, done, total)

    return progress


def _city(job: ExportJob, form: str, output, as_of: datetime.date) -> str:
    write_city_workbook(form=form, year=job.params["year"], as_of=as_of, output=output, progress=_progress(job.pk))
    label = "评价" if form == "evaluation" else "监控"
    return f"{job.params['year']}年全市项目绩效{label}汇总（截至{as_of:%Y-%m-%d}）.xlsx"


def _department_report(job: ExportJob, output, as_of: datetime.date) -> str:
    department = Department.objects.get(pk=job.params["department_id"])
    year = job.params["year"]
    progress = _progress(job.pk)
    states = self_evaluations(year=year, as_of=as_of, departments=[department])
    progress(0, len(states))
    buffer = io.BytesIO()
    write_docx(department_report(states, department=department, year=year, as_of=as_of), buffer)
    output.write(buffer.getvalue())
    progress(len(states), len(states))
    return f"{department.name}{year}年绩效自评报告.docx"


def write_job_file(job: ExportJob, output) -> str:
    """Writes what the job asks for to `output`; returns the file's download name."""
    as_of = datetime.date.fromisoformat(job.params["as_of"])
    if job.kind == JobKind.CITY_WORKBOOK:
        return _city(job, "evaluation", output, as_of)
    if job.kind == JobKind.CITY_MONITORING:
        return _city(job, "monitoring", output, as_of)
    return _department_report(job, output, as_of)


def failure_message(job_id: int, error: Exception) -> str:
    """What the job's page says of a failed export: the rules' own words when they refused it; otherwise a fixed
    sentence, since an unexpected error's text may be English or name the server's files (the log has it)."""
    if isinstance(error, DomainError):
        return f"导出失败：{error}"
    return f"导出失败：生成文件时出错（任务 {job_id}），详情已记入服务器日志。请重新导出；如果再次出现，请联系系统管理员。"


def run_job(job_id: int) -> None:
    # Claimed in one statement: a message delivered twice (acks_late after a worker's crash) runs the job once.
    claimed = ExportJob.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, heartbeat_at=timezone.now())
    if not claimed:
        return
    job = ExportJob.objects.get(pk=job_id)
    directory = settings.JOB_FILES_DIR
    directory.mkdir(parents=True, exist_ok=True)
    suffix = ".docx" if job.kind == JobKind.DEPARTMENT_REPORT else ".xlsx"
    name = f"{job.pk}-{secrets.token_hex(16)}{suffix}"
    try:
        with open(directory / name, "wb") as output:
            filename = write_job_file(job, output)
    except Exception as error:  # the job says it failed, in Chinese; the log keeps the traceback
        log.exception("export job %s failed", job_id)
        (directory / name).unlink(missing_ok=True)
        now = timezone.now()
        ExportJob.objects.filter(pk=job_id).update(
            state=JobState.FAILED, error=failure_message(job_id, error), finished_at=now, heartbeat_at=now)
        return
    now = timezone.now()
    ExportJob.objects.filter(pk=job_id).update(
        state=JobState.DONE, file=name, filename=filename, finished_at=now, heartbeat_at=now,
        error="",  # even if marked stale
        expires_at=now + datetime.timedelta(hours=settings.JOB_FILE_HOURS),
    )
