"""The Celery task of the background jobs: a thin door onto the runner, like every other door."""
from celery import shared_task

from indicators.jobs.runner import run_job
from indicators.jobs.service import tidy_jobs


@shared_task(name="indicators.run_export_job")
def run_export_job(job_id: int) -> None:
    run_job(job_id)


@shared_task(name="indicators.tidy_export_jobs")
def tidy_export_jobs() -> tuple[int, int]:
    """Hourly on the worker's beat (CELERY_BEAT_SCHEDULE): what `manage.py tidy_export_jobs` does from cron."""
    return tidy_jobs()
