"""Without a broker, a background export runs in the request's own process: the same page, bar and download."""
import datetime

import pytest
import time_machine
from django.utils import timezone

from core.errors import DomainError
from core.roles import BUREAU
from indicators.jobs import runner
from indicators.jobs.models import ExportJob
from indicators.jobs.service import settle_stale_jobs
from tests.bureau.conftest import AS_OF
from tests.bureau.jobs_helpers import cells, in_process_export
from tests.conftest import make_user


@pytest.fixture(autouse=True)
def no_broker(settings, tmp_path):
    settings.CELERY_BROKER_URL = ""
    settings.JOB_FILES_DIR = tmp_path / "jobs"


def start(client, kind="city_workbook", **extra):
    return client.post("/bureau/jobs/start/", {"kind": kind, "year": "2026", "as_of": f"{AS_OF:%Y-%m-%d}", **extra})


def test_the_city_workbook_is_made_at_once_and_the_page_offers_it(client, city, czj):
    client.force_login(czj)
    response = start(client)
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/bureau/jobs/{job.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "全市评价工作簿" in page and "本机直接生成（未配置任务队列）" in page
    assert 'id="job-done">45<' in page and 'id="job-total">45<' in page and 'value="100"' in page
    progress = client.get(f"/bureau/jobs/{job.pk}/progress.json").json()
    assert (progress["state"], progress["done"], progress["total"], progress["percent"]) == ("done", 45, 45, 100)
    assert progress["download_url"] == f"/bureau/jobs/{job.pk}/download/"
    assert progress["filename"] == "2026年全市项目绩效评价汇总（截至2026-07-31）.xlsx"
    download = client.get(progress["download_url"])
    assert download.status_code == 200 and download["Cache-Control"] == "private, no-store"
    data = b"".join(download.streaming_content)
    sheets = cells(data)
    assert list(sheets) == ["各部门汇总", "项目汇总", "抽查复核"]
    assert sheets == cells(in_process_export("evaluation", year=2026, as_of=AS_OF))
    departments = sheets["各部门汇总"]
    assert [row[1] for row in departments[2:]] == ["海曙区妇女联合会", "江北区妇女联合会", "北仑区妇女联合会", "全市合计"]
    assert departments[-1][4] == pytest.approx(4032.26) and departments[-1][5] == pytest.approx(1590.74)
    assert len(sheets["项目汇总"]) == 2 + 45


def test_the_city_monitoring_workbook_lists_lines_at_each_level(client, city, czj):
    client.force_login(czj)
    start(client, kind="city_monitoring")
    job = ExportJob.objects.get()
    sheets = cells(b"".join(client.get(f"/bureau/jobs/{job.pk}/download/").streaming_content))
    total = sheets["各部门监控汇总"][-1]
    header = sheets["各部门监控汇总"][1]
    by_name = dict(zip(header, total, strict=True))
    # Lines at each level over the city (budget lines and indicator lines): 45 + 255 = 300 lines in all.
    assert by_name["红灯行"] == 75 and by_name["黄灯行"] == 15
    assert by_name["红灯项目"] == 36 and by_name["待说明"] == 87


def test_a_department_report_is_a_job_of_whoever_sees_the_department(client, city, city_manager):
    client.force_login(city_manager)
    response = start(client, kind="department_report", department=city[0].code)
    job = ExportJob.objects.get()
    assert response["Location"] == f"/bureau/jobs/{job.pk}/"
    download = client.get(f"/bureau/jobs/{job.pk}/download/")
    assert download.status_code == 200 and ExportJob.objects.get().filename == "海曙区妇女联合会2026年绩效自评报告.docx"
    assert b"".join(download.streaming_content)[:2] == b"PK"


def test_only_the_requester_or_someone_with_the_same_rights_fetches_the_file(client, city, czj, city_manager):
    client.force_login(czj)
    start(client)
    job = ExportJob.objects.get()
    colleague = make_user("czj2", group=BUREAU)
    client.force_login(colleague)
    assert client.get(f"/bureau/jobs/{job.pk}/download/").status_code == 200
    client.force_login(city_manager)
    assert client.get(f"/bureau/jobs/{job.pk}/download/").status_code == 404
    assert client.get(f"/bureau/jobs/{job.pk}/progress.json").status_code == 404
    refused = start(client)  # a manager may not start the city's export either
    assert refused.status_code == 302 and ExportJob.objects.count() == 1


def test_an_expired_file_is_gone_with_a_chinese_message(client, city, czj, settings):
    client.force_login(czj)
    start(client)
    job = ExportJob.objects.get()
    ExportJob.objects.filter(pk=job.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = client.get(f"/bureau/jobs/{job.pk}/download/")
    assert response.status_code == 410
    assert "该文件已超过保留期限（24 小时）并已删除：请重新导出。" in response.content.decode()
    start(client)  # a new job clears the expired files away
    assert not (settings.JOB_FILES_DIR / job.file).exists()


def ago(minutes: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(minutes=minutes)


def job(czj, kind="city_workbook", *, state, created: int, heartbeat: int | None = None, **fields) -> ExportJob:
    """A job `created` minutes ago whose last sign of life was `heartbeat` minutes ago."""
    made = ExportJob.objects.create(requester=czj, kind=kind, state=state, params={"year": 2026, "as_of": "2026-07-31"},
                                    **fields)
    ExportJob.objects.filter(pk=made.pk).update(
        created_at=ago(created), heartbeat_at=None if heartbeat is None else ago(heartbeat))
    return made


DEAD = "导出中断：该任务已有 60 分钟没有进展，生成它的进程可能已停止。请重新导出。"
NEVER_STARTED = "导出中断：该任务排队 60 分钟仍未开始，处理导出的进程可能已停止。请重新导出。"


def test_a_job_whose_worker_stopped_says_so_instead_of_spinning(client, city, czj):
    """A worker (or the request running it) killed mid-export leaves the row running: once it has written no progress
    for JOB_STALE_MINUTES the page says the export was interrupted, in Chinese, and stops polling. A long export that
    still writes its progress is left alone, however long ago it started."""
    dead = job(czj, state="running", created=90, heartbeat=61, done=200, total=1500)
    long = job(czj, "city_monitoring", state="running", created=120, heartbeat=2, done=1400, total=1500)
    client.force_login(czj)
    progress = client.get(f"/bureau/jobs/{dead.pk}/progress.json").json()
    assert (progress["state"], progress["state_label"], progress["error"]) == ("failed", "失败", DEAD)
    assert progress["download_url"] is None and (progress["done"], progress["total"]) == (200, 1500)
    page = client.get(f"/bureau/jobs/{dead.pk}/").content.decode()
    assert f'<p id="job-error" class="errorlist">{DEAD}</p>' in page
    assert ExportJob.objects.get(pk=dead.pk).finished_at is not None
    still = client.get(f"/bureau/jobs/{long.pk}/progress.json").json()
    assert (still["state"], still["done"], still["error"]) == ("running", 1400, "")


def test_polling_a_live_job_reads_it_and_writes_nothing(client, czj, django_assert_num_queries):
    """The page polls every second: a job with a recent sign of life costs the user's row and its own, no UPDATE."""
    running = job(czj, state="running", created=90, heartbeat=1, done=400, total=1500)
    client.force_login(czj)
    client.get(f"/bureau/jobs/{running.pk}/progress.json")  # the session is read and cached
    with django_assert_num_queries(2) as captured:
        progress = client.get(f"/bureau/jobs/{running.pk}/progress.json").json()
    assert (progress["state"], progress["done"]) == ("running", 400)
    assert not [q for q in captured.captured_queries if q["sql"].startswith("UPDATE")]


def test_each_progress_write_keeps_a_long_export_alive(czj):
    running = job(czj, state="running", created=180, heartbeat=59)
    runner._record_progress(running.pk, 400, 1500)  # what the export writes every JOB_PROGRESS_EVERY projects
    ExportJob.objects.filter(pk=running.pk).update(created_at=ago(240))
    assert settle_stale_jobs(now=timezone.now() + datetime.timedelta(minutes=59)) == 0
    assert ExportJob.objects.get(pk=running.pk).state == "running"
    assert settle_stale_jobs(now=timezone.now() + datetime.timedelta(minutes=61)) == 1
    assert ExportJob.objects.get(pk=running.pk).error == DEAD


def test_without_a_broker_a_job_still_queued_after_the_limit_was_never_started(client, city, czj):
    lost = job(czj, state="queued", created=61)
    recent = job(czj, "city_monitoring", state="queued", created=59)
    job(czj, "city_monitoring", state="running", created=5, heartbeat=1)  # another's export running does not matter
    client.force_login(czj)
    assert client.get(f"/bureau/jobs/{lost.pk}/progress.json").json()["error"] == NEVER_STARTED
    assert client.get(f"/bureau/jobs/{recent.pk}/progress.json").json()["state"] == "queued"


def test_with_a_broker_a_job_waiting_behind_a_long_export_waits_until_the_queue_stops(settings, czj):
    """A city export queued behind another that takes over an hour is waiting its turn: it is given up only once no
    job has been claimed, advanced or finished for JOB_STALE_MINUTES (the workers have stopped)."""
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/15"
    waiting = job(czj, "city_monitoring", state="queued", created=75)
    ahead = job(czj, state="running", created=80, heartbeat=3, done=900, total=15000)
    assert settle_stale_jobs() == 0
    assert ExportJob.objects.get(pk=waiting.pk).state == "queued"
    ExportJob.objects.filter(pk=ahead.pk).update(heartbeat_at=ago(61))  # the worker died mid-export
    assert settle_stale_jobs() == 2
    assert ExportJob.objects.get(pk=ahead.pk).error == DEAD
    assert ExportJob.objects.get(pk=waiting.pk).error == NEVER_STARTED
    runner.run_job(waiting.pk)  # the message delivered when a worker comes back: the job stays as the page said
    assert ExportJob.objects.get(pk=waiting.pk).state == "failed"


def test_a_running_job_shows_when_it_last_made_progress(client, city, czj):
    """The officer watching a slow export sees it is alive: the time of its last progress write, Shanghai time."""
    running = job(czj, state="running", created=10, done=400, total=1500)
    beat = datetime.datetime(2026, 12, 4, 1, 2, 3, tzinfo=datetime.UTC)  # 09:02:03 in Shanghai
    ExportJob.objects.filter(pk=running.pk).update(heartbeat_at=beat)
    client.force_login(czj)
    with time_machine.travel(beat + datetime.timedelta(minutes=5)):
        assert client.get(f"/bureau/jobs/{running.pk}/progress.json").json()["heartbeat_at"] == "09:02:03"
        page = client.get(f"/bureau/jobs/{running.pk}/").content.decode()
    assert '<span class="muted small" id="job-heartbeat-line">· 最近进展 <span id="job-heartbeat">09:02:03</span>' in page
    client.post("/bureau/jobs/start/", {"kind": "city_monitoring", "year": "2026", "as_of": f"{AS_OF:%Y-%m-%d}"})
    done = ExportJob.objects.get(kind="city_monitoring")
    assert client.get(f"/bureau/jobs/{done.pk}/progress.json").json()["heartbeat_at"] is None  # done: no longer shown
    assert 'id="job-heartbeat-line" hidden>' in client.get(f"/bureau/jobs/{done.pk}/").content.decode()


def test_a_finished_job_records_its_last_sign_of_life(client, city, czj, settings):
    client.force_login(czj)
    start(client)
    done = ExportJob.objects.get()
    assert done.state == "done" and done.heartbeat_at == done.finished_at
    # Behind it, with a broker, a job queued for longer than the limit is still waiting: the queue has just moved.
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/15"
    waiting = job(czj, "city_monitoring", state="queued", created=75)
    assert settle_stale_jobs() == 0 and ExportJob.objects.get(pk=waiting.pk).state == "queued"


def test_a_done_job_whose_file_is_missing_says_so_and_an_expired_file_goes_on_download(client, city, czj, settings):
    client.force_login(czj)
    start(client)
    start(client, kind="city_monitoring")
    lost, old = ExportJob.objects.order_by("pk")
    (settings.JOB_FILES_DIR / lost.file).unlink()  # e.g. a worker whose JOB_FILES_DIR the web server does not share
    message = "该导出文件已不在服务器上：请重新导出；如果再次出现，请联系系统管理员。"
    progress = client.get(f"/bureau/jobs/{lost.pk}/progress.json").json()
    assert progress["download_url"] is None and progress["error"] == message and progress["expired"] is False
    page = client.get(f"/bureau/jobs/{lost.pk}/").content.decode()
    assert f'<p id="job-error" class="errorlist">{message}</p>' in page
    response = client.get(f"/bureau/jobs/{lost.pk}/download/")
    assert response.status_code == 410 and response.content.decode() == message
    ExportJob.objects.filter(pk=old.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert (settings.JOB_FILES_DIR / old.file).exists()
    response = client.get(f"/bureau/jobs/{old.pk}/download/")
    assert response.content.decode() == "该文件已超过保留期限（24 小时）并已删除：请重新导出。"
    assert not (settings.JOB_FILES_DIR / old.file).exists()  # deleted, as the message says, not at the next export


def test_starting_the_same_export_again_while_it_runs_opens_the_running_one(client, city, czj):
    """A double click, or a second tab, while the city's workbook is still being made does not make it twice."""
    running = ExportJob.objects.create(requester=czj, kind="city_workbook", state="running", done=15, total=45,
                                       params={"year": 2026, "as_of": f"{AS_OF:%Y-%m-%d}"})
    client.force_login(czj)
    response = start(client)
    assert response["Location"] == f"/bureau/jobs/{running.pk}/" and ExportJob.objects.count() == 1
    assert ExportJob.objects.get().state == "running"
    other = start(client, kind="city_monitoring")  # another export is a job of its own, made at once
    assert ExportJob.objects.count() == 2 and other["Location"] != response["Location"]
    colleague = make_user("czj2", group=BUREAU)  # and so is a colleague's same export
    client.force_login(colleague)
    assert start(client)["Location"] != response["Location"] and ExportJob.objects.count() == 3


def test_downloading_a_job_not_yet_done_says_to_wait_not_page_not_found(client, city, czj):
    running = ExportJob.objects.create(requester=czj, kind="city_workbook", state="running", done=15, total=45,
                                       params={"year": 2026, "as_of": f"{AS_OF:%Y-%m-%d}"})
    client.force_login(czj)
    response = client.get(f"/bureau/jobs/{running.pk}/download/")
    assert response.status_code == 409
    assert response.content.decode() == "该导出任务还没有完成（已完成 15 / 45 个项目）：请在任务页等待完成后再下载。"


@pytest.mark.parametrize(("raised", "shown"), [
    (OSError(28, "No space left on device", "/srv/perf/var/jobs/7-abc.xlsx"),
     "导出失败：生成文件时出错（任务 {pk}），详情已记入服务器日志。请重新导出；如果再次出现，请联系系统管理员。"),
    (DomainError("2026 年没有项目：请先导入项目绩效目标汇总表。"), "导出失败：2026 年没有项目：请先导入项目绩效目标汇总表。"),
], ids=["unexpected", "refused"])
def test_a_failed_export_says_so_in_chinese_without_the_servers_details(client, city, czj, monkeypatch, settings,
                                                                        raised, shown):
    def fail(*args, **kwargs):
        raise raised

    monkeypatch.setattr(runner, "write_city_workbook", fail)
    client.force_login(czj)
    start(client)
    job = ExportJob.objects.get()
    message = shown.format(pk=job.pk)
    progress = client.get(f"/bureau/jobs/{job.pk}/progress.json").json()
    assert (progress["state"], progress["error"], progress["download_url"]) == ("failed", message, None)
    page = client.get(f"/bureau/jobs/{job.pk}/").content.decode()
    assert f'<p id="job-error" class="errorlist">{message}</p>' in page and "/srv/" not in page
    assert ExportJob.objects.get().file == "" and list(settings.JOB_FILES_DIR.iterdir()) == []  # nothing half-written
