"""A 自评表 uploaded on /entry/results/: preview (a dry run, nothing written), then 确认导入 (all or nothing).

Both steps call the import of `manage.py import_results`, so the page records exactly what the command would: the
actuals as reports as of 31 December of the year, the printed 得分 only compared. The file waits between the steps
in core.uploads; the confirmation runs the import again against the ledger as it is then.
"""
from dataclasses import dataclass, field

from indicators.services.department_uploads import stage_department_upload, take_department_upload
from indicators.services.results_import import ResultsImport, import_results
from projects.importing.reader import ImportFailed
from projects.models import Department

KIND = "results"


@dataclass
class ResultsUpload:
    department: Department
    year: int
    filename: str
    result: ResultsImport | None = None  # None when refused
    refusals: list[str] = field(default_factory=list)
    token: str = ""  # set when the preview may be confirmed
    recorded: bool = False  # the confirmation wrote the lines

    @property
    def confirmable(self) -> bool:
        return bool(self.token)


def _run(*, user, department: Department, year: int, filename: str, data: bytes, dry_run: bool) -> ResultsUpload:
    upload = ResultsUpload(department=department, year=year, filename=filename)
    try:
        upload.result = import_results(data=data, filename=filename, department=department, year=year, user=user,
                                       dry_run=dry_run)
    except ImportFailed as failed:
        upload.refusals = failed.messages
    return upload


def preview_results_upload(*, user, department: Department, year: int, filename: str, data: bytes) -> ResultsUpload:
    """What the file would record and which printed 得分 differ; kept for confirmation when there is something new."""
    upload = _run(user=user, department=department, year=year, filename=filename, data=data, dry_run=True)
    if upload.result is not None and upload.result.recorded:
        upload.token = stage_department_upload(kind=KIND, user=user, department=department, year=year,
                                               filename=filename, data=data)
    return upload


def confirm_results_upload(*, user, token: str) -> ResultsUpload:
    """Records the previewed file; refusals (and nothing written) if the ledger no longer takes it.

    Raises StagedUploadMissing when the token names no file of this user that is still waiting.
    """
    staged, department = take_department_upload(kind=KIND, user=user, token=token)
    upload = _run(user=user, department=department, year=staged.context["year"], filename=staged.filename,
                  data=staged.data, dry_run=False)
    upload.recorded = upload.result is not None
    return upload
