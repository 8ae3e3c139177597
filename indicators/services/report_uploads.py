"""Actuals and expenditures uploaded on /entry/: preview (nothing written), then 确认导入 (all or nothing).

Both steps call the import of `manage.py import_reports`, so a page upload writes exactly what the command would.
The file waits between the steps in core.uploads; the confirmation re-runs the import against the ledger as it is
then, and writes nothing if that is no longer what the user saw.
"""
from dataclasses import dataclass, field

from indicators.reports_import.preview import PlannedRow, ReportsPreview
from indicators.reports_import.service import PreviewChanged, import_reports, preview_reports
from indicators.services.department_uploads import stage_department_upload, take_department_upload
from projects.models import Department

KIND = "reports"


@dataclass
class ReportUpload:
    department: Department
    year: int
    filename: str
    preview: ReportsPreview
    token: str = ""  # set when the preview may be confirmed
    moved_on: list[PlannedRow] = field(default_factory=list)  # lines someone changed since the preview shown
    changed: bool = False  # the confirmation found the ledger moved on and wrote nothing

    @property
    def confirmable(self) -> bool:
        return bool(self.token)


def _staged(*, user, department: Department, year: int, filename: str, data: bytes,
            preview: ReportsPreview) -> str:
    if preview.refusals or not preview.rows:
        return ""
    return stage_department_upload(kind=KIND, user=user, department=department, year=year, filename=filename,
                                   data=data, digest=preview.digest, olds=preview.olds())


def preview_report_upload(*, user, department: Department, year: int, filename: str, data: bytes) -> ReportUpload:
    """What the file would write and what is refused; kept for confirmation when nothing is refused."""
    preview = preview_reports(data=data, filename=filename, department=department, year=year, user=user)
    token = _staged(user=user, department=department, year=year, filename=filename, data=data, preview=preview)
    return ReportUpload(department=department, year=year, filename=filename, preview=preview, token=token)


def confirm_report_upload(*, user, token: str) -> ReportUpload:
    """Writes the previewed file, or nothing when the ledger moved on (then `changed`, with the new preview).

    Raises StagedUploadMissing when the token names no file of this user that is still waiting.
    """
    staged, department = take_department_upload(kind=KIND, user=user, token=token)
    context = staged.context
    asked = {"data": staged.data, "filename": staged.filename, "department": department, "year": context["year"],
             "user": user}
    try:
        preview = import_reports(**asked, expected_digest=context["digest"])
    except PreviewChanged as exc:
        upload = ReportUpload(department=department, year=context["year"], filename=staged.filename,
                              preview=exc.preview, moved_on=exc.preview.moved_on(context["olds"]), changed=True)
        upload.token = _staged(user=user, department=department, year=context["year"], filename=staged.filename,
                               data=staged.data, preview=exc.preview)
        return upload
    return ReportUpload(department=department, year=context["year"], filename=staged.filename, preview=preview)
