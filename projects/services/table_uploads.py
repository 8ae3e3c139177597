"""The published table uploaded on /projects/ by an admin: preview (nothing written), then 确认导入.

Both steps call `import_published_table`, the import of `manage.py import_targets`: the same checks, the same rule
that once a year has reports its 年初 values change only through approved adjustments (with a reason), the same
refusal to delete a line that has records, the same refusal of a change to a project 已送审 or 已审核 (DOMAIN §9;
the preview reads it, the confirmation's write checks it under the lock). The confirmation plans again against the
data as it is then and applies nothing if the plan differs from the one previewed.
"""
import datetime
from dataclasses import dataclass, field

from core.errors import ConflictError
from core.uploads import stage_upload, take_upload
from projects.importing import ImportPlan, PlanChanged, check_preview, import_published_table, summary
from projects.importing.column_choice import column_fields, columns_found
from projects.importing.layouts import FIELDS, NEEDED, Detected
from projects.importing.reader import ImportFailed, Row, read_rows
from projects.importing.service import ImportRefused
from projects.importing.table import ParsedIndicator, is_published_layout

KIND = "targets"
REMAP_KIND = "targets-remap"  # the file kept so that a person may correct the columns and preview again
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
    mapping: dict[str, int] | None = None  # columns a person chose (None: as detected)
    detected: Detected | None = None  # another unit's layout: the columns found by their headers
    remap_token: str = ""
    column_problems: dict[str, list[str]] = field(default_factory=dict)  # by field, shown by its select

    @property
    def confirmable(self) -> bool:
        return bool(self.token)

    @property
    def summary(self) -> str:
        return summary(self.plan, dry_run=not self.applied) if self.plan else ""

    def mapping_fields(self) -> list[dict]:
        """One select per field: the file's columns, the one in use selected."""
        return column_fields(self.detected, self.mapping, needed=NEEDED, problems=self.column_problems)

    def stored(self) -> list[dict]:
        """Every project and indicator as it will be stored, with how each cell was read."""
        if self.plan is None:
            return []
        by_seq: dict[int, list[ParsedIndicator]] = {}
        for line in self.plan.indicators:
            by_seq.setdefault(line.seq, []).append(line.parsed)
        return [{"project": line.parsed, "indicators": by_seq.get(line.seq, [])} for line in self.plan.projects]

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
            "user": user, "reason": upload.reason or None, "effective": upload.effective, "mapping": upload.mapping}


def _context(upload: TableUpload) -> dict:
    return {"department": upload.department, "year": upload.year, "reason": upload.reason,
            "effective": upload.effective.isoformat() if upload.effective else "",
            "mapping": upload.mapping}


def _stage(upload: TableUpload, *, user, data: bytes) -> None:
    context = _context(upload) | {"digest": upload.plan.digest()}
    upload.token = stage_upload(kind=KIND, user=user, filename=upload.filename, data=data, context=context)


def _detect(upload: TableUpload, rows: list[Row], *, user, data: bytes) -> None:
    """For a layout other than the 汇总表: the columns found, and the file kept for a corrected mapping."""
    if is_published_layout(rows) and upload.mapping is None:
        return
    upload.detected = columns_found(rows)
    upload.remap_token = stage_upload(kind=REMAP_KIND, user=user, filename=upload.filename, data=data,
                                      context=_context(upload))


def preview_table_upload(*, user, department: str, year: int, filename: str, data: bytes, reason: str = "",
                         effective: datetime.date | None = None, mapping: dict[str, int] | None = None
                         ) -> TableUpload:
    """What importing the table would create and change, or why it is refused; kept for confirmation when allowed."""
    upload = TableUpload(department=department, year=year, filename=filename, reason=reason, effective=effective,
                         mapping=mapping)
    try:
        rows = read_rows(data, filename=filename)  # once, for the columns offered and the import
        _detect(upload, rows, user=user, data=data)
        upload.plan = import_published_table(**_asked(upload, user=user, data=data), rows=rows, dry_run=True)
    except (ImportFailed, ImportRefused) as error:
        upload.refusals = error.flat_messages()
        upload.column_problems = {name: messages for name, messages in error.errors.items() if name in FIELDS}
        return upload
    _stage(upload, user=user, data=data)
    return upload


def remap_table_upload(*, user, token: str, mapping: dict[str, int]) -> TableUpload:
    """The kept file previewed again with the columns a person chose (raises StagedUploadMissing)."""
    staged = take_upload(token=token, kind=REMAP_KIND, user=user)
    context = staged.context
    effective = datetime.date.fromisoformat(context["effective"]) if context["effective"] else None
    return preview_table_upload(user=user, department=context["department"], year=context["year"],
                                filename=staged.filename, data=staged.data, reason=context["reason"],
                                effective=effective, mapping=mapping)


def confirm_table_upload(*, user, token: str) -> TableUpload:
    """Applies the previewed table, or nothing (`changed` with the new preview, or `refusals`).

    Raises StagedUploadMissing when the token names no file of this user that is still waiting.
    """
    staged = take_upload(token=token, kind=KIND, user=user)
    context = staged.context
    effective = datetime.date.fromisoformat(context["effective"]) if context["effective"] else None
    mapping = {name: int(index) for name, index in context["mapping"].items()} if context.get("mapping") else None
    upload = TableUpload(department=context["department"], year=context["year"], filename=staged.filename,
                         reason=context["reason"], effective=effective, mapping=mapping)
    try:
        upload.plan = import_published_table(**_asked(upload, user=user, data=staged.data),
                                             expected_digest=context["digest"])
        upload.applied = True
    except PlanChanged as error:
        upload.plan, upload.changed = error.plan, True
        try:
            check_preview(upload.plan, user=user, reason=upload.reason or None)
        except (ImportFailed, ImportRefused) as refused:
            upload.refusals = refused.flat_messages()
        else:
            _stage(upload, user=user, data=staged.data)
    except (ImportFailed, ImportRefused, ConflictError) as error:  # ConflictError: a project submitted meanwhile
        upload.refusals, upload.changed = error.flat_messages(), True
    return upload
