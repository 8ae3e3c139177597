"""Reading workbooks cell by cell, for comparing a job's file with the in-process export; a finished job's file."""
import datetime
import io
from pathlib import Path

import openpyxl


def cells(data: bytes) -> dict[str, list[tuple]]:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return {sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook.worksheets}


def in_process_export(form: str, *, year: int, as_of) -> bytes:
    from indicators.exports.city import write_city_workbook

    buffer = io.BytesIO()
    write_city_workbook(form=form, year=year, as_of=as_of, output=buffer)
    return buffer.getvalue()


def done_job(requester, directory: Path, name: str, *, expires_in_minutes: int):
    """A finished city workbook whose file `name` is in `directory`, kept until `expires_in_minutes` from now."""
    from django.utils import timezone

    from indicators.jobs.models import ExportJob

    (directory / name).write_bytes(b"PK")
    now = timezone.now()
    return ExportJob.objects.create(
        requester=requester, kind="city_workbook", params={"year": 2026, "as_of": "2026-07-31"}, state="done",
        file=name, filename="全市.xlsx", done=45, total=45, finished_at=now,
        expires_at=now + datetime.timedelta(minutes=expires_in_minutes))
