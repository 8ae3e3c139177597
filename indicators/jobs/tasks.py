"""The Celery task of the background jobs: a thin door onto the runner, like every other door."""
from celery import shared_task

from indicators.jobs.runner import run_job


@shared_task(name="indicators.run_export_job")
def run_export_job(job_id: int) -> None:
    run_job(job_id)
