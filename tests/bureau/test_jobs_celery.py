"""With a broker, the city's export runs in a Celery worker: a real Redis (a database of its own) and a real worker
the test starts; its progress advances, and the file it makes is the in-process export cell for cell."""
import threading
import time

import pytest

from indicators.jobs import runner
from indicators.jobs.models import ExportJob
from tests.bureau.conftest import AS_OF
from tests.bureau.jobs_helpers import cells, done_job, in_process_export


@pytest.fixture
def redis_broker(worker_id):
    """A Redis database of this test process alone (7 to 14): two pytest-xdist workers running these tests at once
    would otherwise each start a Celery worker on one queue, and one would take the other's export message and look
    for its job in the wrong test database."""
    redis = pytest.importorskip("redis")
    index = int(worker_id.removeprefix("gw")) if worker_id.startswith("gw") else 0
    url = f"redis://127.0.0.1:6379/{7 + index % 8}"
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis 未运行（127.0.0.1:6379）：请先启动 redis-server。")
    client.flushdb()
    yield url
    client.flushdb()


@pytest.fixture
def worker(redis_broker, settings, tmp_path):
    from celery.contrib.testing.worker import start_worker

    from perf_targets.celery import app

    settings.CELERY_BROKER_URL = redis_broker
    settings.JOB_FILES_DIR = tmp_path / "jobs"
    settings.JOB_PROGRESS_EVERY = 5
    app.conf.update(broker_url=redis_broker, task_always_eager=False)
    with start_worker(app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=30):
        yield app


@pytest.mark.django_db(transaction=True)  # the worker's thread reads the committed rows
def test_the_city_export_runs_in_the_worker_its_progress_advances_and_the_file_equals_the_in_process_one(
        client, city, czj, worker, monkeypatch):
    seen: list[tuple[int, int, str]] = []
    finished = threading.Event()
    record, run = runner._record_progress, runner.run_job

    def recording(job_id, done, total):
        record(job_id, done, total)
        seen.append((done, total, threading.current_thread().name))

    def run_then_signal(job_id):
        try:
            run(job_id)
        finally:
            finished.set()

    monkeypatch.setattr(runner, "_record_progress", recording)
    monkeypatch.setattr("indicators.jobs.tasks.run_job", run_then_signal)
    client.force_login(czj)
    response = client.post("/bureau/jobs/start/", {"kind": "city_workbook", "year": "2026",
                                                   "as_of": f"{AS_OF:%Y-%m-%d}"})
    # The job is read only once the worker is done: on SQLite's shared in-memory test database a read while the
    # worker's thread writes the job fails with "database table is locked" instead of waiting.
    assert finished.wait(120), "the worker did not finish the export within two minutes"
    job = ExportJob.objects.get()
    assert response["Location"] == f"/bureau/jobs/{job.pk}/"
    main = threading.current_thread().name
    assert [(done, total) for done, total, _ in seen] == [(n, 45) for n in (0, 5, 10, 15, 20, 25, 30, 35, 40, 45)]
    assert all(thread != main for _, _, thread in seen)  # written by the worker, not by the request
    progress = client.get(f"/bureau/jobs/{job.pk}/progress.json").json()
    assert (progress["state"], progress["done"], progress["total"]) == ("done", 45, 45)
    data = b"".join(client.get(progress["download_url"]).streaming_content)
    assert cells(data) == cells(in_process_export("evaluation", year=2026, as_of=AS_OF))


@pytest.mark.django_db(transaction=True)  # the worker's thread reads the committed rows
def test_the_beat_has_the_worker_delete_an_expired_file(czj, worker, settings, tmp_path):
    """The tidying entry of CELERY_BEAT_SCHEDULE, every second instead of every hour: the beat sends it through Redis,
    the worker runs it, the expired file leaves the disk and a file still kept stays."""
    from celery.beat import EmbeddedService

    jobs_dir = settings.JOB_FILES_DIR
    jobs_dir.mkdir(parents=True)
    old = done_job(czj, jobs_dir, "1-old.xlsx", expires_in_minutes=-1)
    kept = done_job(czj, jobs_dir, "2-new.xlsx", expires_in_minutes=60)
    entry = {**settings.CELERY_BEAT_SCHEDULE["tidy-export-jobs"], "schedule": 1.0}
    configured = dict(worker.conf.beat_schedule)
    worker.conf.update(beat_schedule={"tidy-export-jobs": entry})
    beat = EmbeddedService(worker, thread=True, schedule_filename=str(tmp_path / "beat-schedule"))
    beat.start()
    try:
        for _ in range(100):
            if not (jobs_dir / old.file).exists():
                break
            time.sleep(0.1)
    finally:
        beat.stop()
        worker.conf.update(beat_schedule=configured)
    assert not (jobs_dir / old.file).exists(), "the beat's tidying did not run in the worker within 10 s"
    assert (jobs_dir / kept.file).exists()
