"""A 自评表 uploaded on /entry/results/: preview (a dry run, nothing written), then 确认导入 (all or nothing).

Both steps call the import of `manage.py import_results`, so the page records exactly what the command would: the
actuals as reports as of 31 December of the year, the printed 得分 only compared. The file waits between the steps
in core.uploads; the confirmation runs the import again against the ledger as it is then.

Each preview shows the column each field was read from; the clerk may choose others (the command's --column) and
preview the kept file again. The columns previewed are kept with the file to confirm, so 确认导入 reads it so too.
"""
from dataclasses import dataclass, field

from indicators.services.department_uploads import stage_department_upload, take_department_upload
from indicators.services.results_import import ResultsImport, import_result_rows
from projects.importing.column_choice import column_fields, columns_found
from projects.importing.layouts import FIELDS, Detected
from projects.importing.reader import ImportFailed, read_rows
from projects.models import Department

KIND = "results"
COLUMNS_KIND = "results-columns"  # the file kept so that the clerk may choose the columns and preview again
NEEDED = ("indicator", "target", "actual")  # a 自评表's lines, their targets and what was achieved


@dataclass
class ResultsUpload:
    department: Department
    year: int
    filename: str
    result: ResultsImport | None = None  # None when refused
    refusals: list[str] = field(default_factory=list)
    token: str = ""  # set when the preview may be confirmed
    recorded: bool = False  # the confirmation wrote the lines
    mapping: dict[str, int] | None = None  # the columns the clerk chose (None: as their headers name them)
    detected: Detected | None = None  # the columns the headers name, and the sheet's columns to choose from
    column_problems: dict[str, list[str]] = field(default_factory=dict)  # by field, shown by its select
    remap_token: str = ""  # set when the columns may be chosen again

    @property
    def confirmable(self) -> bool:
        return bool(self.token)

    def mapping_fields(self) -> list[dict]:
        """One select per field: the file's columns, the one read selected, and what is wrong with a choice."""
        return column_fields(self.detected, self.mapping, needed=NEEDED, problems=self.column_problems)


def _run(*, user, department: Department, year: int, filename: str, data: bytes, mapping: dict[str, int] | None,
         dry_run: bool) -> ResultsUpload:
    upload = ResultsUpload(department=department, year=year, filename=filename, mapping=mapping)
    try:
        rows = read_rows(data, filename=filename)
        upload.detected = columns_found(rows)
        upload.result = import_result_rows(rows=rows, filename=filename, department=department, year=year,
                                           user=user, mapping=mapping, dry_run=dry_run)
    except ImportFailed as failed:
        upload.refusals = failed.messages
        upload.column_problems = {name: messages for name, messages in failed.errors.items() if name in FIELDS}
    return upload


def preview_results_upload(*, user, department: Department, year: int, filename: str, data: bytes,
                           mapping: dict[str, int] | None = None) -> ResultsUpload:
    """What the file would record and which printed 得分 differ; kept for confirmation when there is something new,
    and for another choice of columns whenever the file could be read."""
    upload = _run(user=user, department=department, year=year, filename=filename, data=data, mapping=mapping,
                  dry_run=True)
    if upload.detected is not None:
        upload.remap_token = stage_department_upload(kind=COLUMNS_KIND, user=user, department=department, year=year,
                                                     filename=filename, data=data)
    if upload.result is not None and upload.result.recorded:
        upload.token = stage_department_upload(kind=KIND, user=user, department=department, year=year,
                                               filename=filename, data=data, mapping=mapping)
    return upload


def remap_results_upload(*, user, token: str, mapping: dict[str, int]) -> ResultsUpload:
    """The kept file previewed again with the columns the clerk chose (raises StagedUploadMissing)."""
    staged, department = take_department_upload(kind=COLUMNS_KIND, user=user, token=token)
    return preview_results_upload(user=user, department=department, year=staged.context["year"],
                                  filename=staged.filename, data=staged.data, mapping=mapping)


def confirm_results_upload(*, user, token: str) -> ResultsUpload:
    """Records the previewed file, read with the columns previewed; refusals (and nothing written) if the ledger no
    longer takes it.

    Raises StagedUploadMissing when the token names no file of this user that is still waiting.
    """
    staged, department = take_department_upload(kind=KIND, user=user, token=token)
    upload = _run(user=user, department=department, year=staged.context["year"], filename=staged.filename,
                  data=staged.data, mapping=staged.context.get("mapping"), dry_run=False)
    upload.recorded = upload.result is not None
    return upload
