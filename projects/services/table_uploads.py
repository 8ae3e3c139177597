"""The published table uploaded on /projects/ by an admin: preview (nothing written), then 确认导入.

Both steps call `import_published_table`, the import of `manage.py import_targets`: the same checks, the same rule
that once a year has reports its 年初 values change only through approved adjustments (with a reason), the same
refusal to delete a line that has records. The confirmation plans again against the data as it is then and applies
nothing if the plan differs from the one previewed.
"""
import datetime
from dataclasses import dataclass, field

from core.uploads import discard_upload, load_upload, stage_upload
from projects.importing import ImportPlan, PlanChanged, import_published_table, summary
from projects.importing.reader import ImportFailed
from projects.importing.service import ImportRefused

KIND = "targets"
STATUS_LABELS = {"create": "新建", "update": "修改", "unchanged": "不变"}


@dataclass
class TableUpload:
    department: str  # as asked: a department's name or code; a new name creates it
    year: int
    filename: str
    reason: str
    effective: datetime.date | None
    plan: ImportPlan | None = None
    refusals: list[str] = field(default_factory=list)
    token: str = ""  # set when the preview may be confirmed
    changed: bool = False  # the confirmation found other data than the preview and applied nothing
    applied: bool = False

    @property
    def confirmable(self) -> bool:
        return bool(self.token)

    @property
    def summary(self) -> str:
        return summary(self.plan, dry_run=not self.applied) if self.plan else ""

    def lines(self) -> list[dict]:
        """The projects and indicators the import creates or changes, each with what changes (old → new)."""
        if self.plan is None:
            return []
        return [
            {"what": line.what, "where": line.parsed.where, "status": STATUS_LABELS[line.status],
             "changes": [str(c) for c in line.changes], "adjusted": [str(c) for c in line.adjusted]}
            for line in self.plan.projects + self.plan.indicators if line.status != "unchanged"
        ]


def _asked(upload: TableUpload, *, user, data: bytes) -> dict:
    return {"data": data, "filename": upload.filename, "department": upload.department, "year": upload.year,
            "user": user, "reason": upload.reason or None, "effective": upload.effective}


def _stage(upload: TableUpload, *, user, data: bytes) -> None:
    context = {"department": upload.department, "year": upload.year, "reason": upload.reason,
               "effective": upload.effective.isoformat() if upload.effective else "", "digest": upload.plan.digest()}
    upload.token = stage_upload(kind=KIND, user=user, filename=upload.filename, data=data, context=context)


def _messages(error: ImportFailed | ImportRefused) -> list[str]:
    return [message for messages in error.errors.values() for message in messages]


def preview_table_upload(*, user, department: str, year: int, filename: str, data: bytes, reason: str = "",
                         effective: datetime.date | None = None) -> TableUpload:
    """What importing the table would create and change, or why it is refused; kept for confirmation when allowed."""
    upload = TableUpload(department=department, year=year, filename=filename, reason=reason, effective=effective)
    try:
        upload.plan = import_published_table(**_asked(upload, user=user, data=data), dry_run=True)
    except (ImportFailed, ImportRefused) as error:
        upload.refusals = _messages(error)
        return upload
    _stage(upload, user=user, data=data)
    return upload


def confirm_table_upload(*, user, token: str) -> TableUpload:
    """Applies the previewed table, or nothing (`changed` with the new preview, or `refusals`).

    Raises StagedUploadMissing when the token names no file of this user that is still waiting.
    """
    staged = load_upload(token=token, kind=KIND, user=user)
    context = staged.context
    effective = datetime.date.fromisoformat(context["effective"]) if context["effective"] else None
    upload = TableUpload(department=context["department"], year=context["year"], filename=staged.filename,
                         reason=context["reason"], effective=effective)
    discard_upload(token)  # used once: a second click finds nothing to apply twice
    try:
        upload.plan = import_published_table(**_asked(upload, user=user, data=staged.data),
                                             expected_digest=context["digest"])
        upload.applied = True
    except PlanChanged as error:
        upload.plan, upload.changed = error.plan, True
        try:
            import_published_table(**_asked(upload, user=user, data=staged.data), dry_run=True)
        except (ImportFailed, ImportRefused) as refused:
            upload.refusals = _messages(refused)
        else:
            _stage(upload, user=user, data=staged.data)
    except (ImportFailed, ImportRefused) as error:
        upload.refusals, upload.changed = _messages(error), True
    return upload
