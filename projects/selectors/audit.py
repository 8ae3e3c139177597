"""The audit trail of master data (projects and indicators) from django-simple-history: who changed what, when.

Queries, whatever the number of changes: per model the latest records and the records before them (2 each), and the
projects the indicator records belong to (1): 5 in all. diff_against compares stored values; it does not query.
"""
import datetime
from dataclasses import dataclass, field

from projects.models import Indicator, Project
from projects.services.adjustments import user_label

MODELS = {"project": Project, "indicator": Indicator}
ACTIONS = {"+": "新建", "~": "修改", "-": "删除"}
HIDDEN_FIELDS = {"id"}


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class MasterDataChange:
    when: datetime.datetime
    who: str
    action: str
    model_label: str
    subject: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)


def _shown(model, name: str, value) -> str:
    if value is None or value == "":
        return "（空）"
    model_field = model._meta.get_field(name)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return str(value)


def _previous_records(history_model, records) -> dict[int, object]:
    """The record each record follows (same object, just before it), from one query."""
    ids = {r.id for r in records}
    earlier = history_model.objects.filter(id__in=ids).order_by("id", "history_date", "history_id")
    previous, last_by_object = {}, {}
    for record in earlier:
        previous[record.history_id] = last_by_object.get(record.id)
        last_by_object[record.id] = record
    return previous


def _field_changes(model, record, before) -> list[FieldChange]:
    if record.history_type != "~" or before is None:
        return []
    delta = record.diff_against(before)
    return [
        FieldChange(str(model._meta.get_field(c.field).verbose_name), _shown(model, c.field, c.old),
                    _shown(model, c.field, c.new))
        for c in delta.changes if c.field not in HIDDEN_FIELDS
    ]


def _records(model, limit: int) -> list[tuple]:
    history_model = model.history.model
    records = list(history_model.objects.select_related("history_user").order_by("-history_date", "-history_id")[:limit])
    previous = _previous_records(history_model, records) if records else {}
    return [(model, record, previous.get(record.history_id)) for record in records]


def master_data_changes(*, model: str = "", limit: int = 200) -> list[MasterDataChange]:
    """The latest `limit` changes of projects and indicators (or of one of them), newest first."""
    chosen = [MODELS[model]] if model in MODELS else list(MODELS.values())
    rows = [row for m in chosen for row in _records(m, limit)]
    rows.sort(key=lambda row: (row[1].history_date, row[1].history_id), reverse=True)
    rows = rows[:limit]
    project_ids = {record.project_id for m, record, _ in rows if m is Indicator}
    projects = {p.id: p for p in Project.objects.filter(id__in=project_ids)} if project_ids else {}
    return [_change(m, record, before, projects) for m, record, before in rows]


def _subject(model, record, projects: dict) -> str:
    if model is Project:
        return f"{record.year} 年 {record.seq}. {record.name}"
    project = projects.get(record.project_id)
    where = f"{project.year} 年 {project.seq}. {project.name}" if project else f"项目 #{record.project_id}（已删除）"
    return f"{where} / 指标 {record.order}「{record.name}」"


def _change(model, record, before, projects: dict) -> MasterDataChange:
    return MasterDataChange(
        when=record.history_date,
        who=user_label(record.history_user) if record.history_user_id else "（系统导入或命令行）",
        action=ACTIONS.get(record.history_type, record.history_type),
        model_label=str(model._meta.verbose_name),
        subject=_subject(model, record, projects),
        reason=record.history_change_reason or "",
        changes=_field_changes(model, record, before),
    )
