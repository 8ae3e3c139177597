"""`manage.py tidy_export_jobs`: what a scheduler runs so that expired exports leave the disk without anyone exporting."""
import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from indicators.jobs.models import ExportJob
from tests.bureau.jobs_helpers import done_job

PARAMS = {"year": 2026, "as_of": "2026-07-31"}


@pytest.fixture(autouse=True)
def job_files(settings, tmp_path):
    settings.CELERY_BROKER_URL = ""
    settings.JOB_FILES_DIR = tmp_path
    return tmp_path


def test_it_deletes_expired_files_keeps_the_rest_and_marks_dead_jobs(czj, job_files):
    expired = done_job(czj, job_files, "1-old.xlsx", expires_in_minutes=-1)
    kept = done_job(czj, job_files, "2-new.xlsx", expires_in_minutes=60)
    dead = ExportJob.objects.create(requester=czj, kind="city_monitoring", params=PARAMS, state="running")
    ExportJob.objects.filter(pk=dead.pk).update(heartbeat_at=timezone.now() - datetime.timedelta(minutes=61))
    out = io.StringIO()
    call_command("tidy_export_jobs", stdout=out)
    assert out.getvalue() == "已删除过期导出文件 1 个；标为中断的任务 1 个。\n"
    assert not (job_files / expired.file).exists() and (job_files / kept.file).exists()
    assert ExportJob.objects.filter(pk=expired.pk).exists()  # the row stays: a record of who exported what
    assert ExportJob.objects.get(pk=dead.pk).state == "failed"
    again = io.StringIO()
    call_command("tidy_export_jobs", stdout=again)
    assert again.getvalue() == "已删除过期导出文件 0 个；标为中断的任务 0 个。\n"


def test_the_workers_beat_runs_the_same_tidying_every_hour(settings, czj, job_files):
    """`make serve` starts the worker with its beat: the schedule names a task the worker has, and that task tidies."""
    from perf_targets.celery import app

    app.loader.import_default_modules()  # what a starting worker does: the tasks modules are found and imported
    entry = settings.CELERY_BEAT_SCHEDULE["tidy-export-jobs"]
    assert entry["schedule"] == 3600.0 and entry["task"] in app.tasks
    expired = done_job(czj, job_files, "3-old.xlsx", expires_in_minutes=-5)
    assert app.tasks[entry["task"]].apply().get() == (1, 0)
    assert not (job_files / expired.file).exists()
