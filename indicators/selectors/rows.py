"""The evaluation's rows, fetched as values: what pages, sheets and the API read of a project, an indicator or a
ledger row, without building a model instance for each (issue #18: that was most of an evaluation's time).

Each row type carries the model's field values under the model's attribute names (`pk` too), its related rows as
plain attributes (`project.department`, `report.entered_by`), and the model's own display methods and properties
that read only those values (`get_tier_display`, `reasons`, `get_full_name`, `__str__`), so a template or a sheet
reads a row as it read the instance. Writes never take these rows: services fetch and lock their own instances.
"""
from collections.abc import Iterable
from functools import partialmethod

from django.contrib.auth import get_user_model
from django.db import models

from indicators.models import ExpenditureReport, IndicatorReport, MonitoringNote
from projects.models import Department, Indicator, Project


class ValuesRow:
    """A model's values under its attribute names; made from the dict `.values()` gives, without copying it."""

    model: type[models.Model]
    fields: tuple[str, ...]

    @classmethod
    def from_values(cls, values: dict) -> "ValuesRow":
        row = cls.__new__(cls)
        row.__dict__ = values
        return row

    @property
    def pk(self):
        return self.id

    def __eq__(self, other):
        # The same row whether read as values or as the model's instance.
        if isinstance(other, self.model):
            return other.pk == self.id
        return type(other) is type(self) and other.id == self.id

    def __hash__(self):
        return hash((self.model, self.id))

    def __repr__(self):
        return f"<{type(self).__name__} {self.id}>"


def _row_type(model: type[models.Model], *, extra: Iterable[str] = (), borrow: Iterable[str] = ()) -> type[ValuesRow]:
    """A row type for `model`: its concrete fields by attribute name, `get_<field>_display` for fields with
    choices, and the model's members named in `borrow` (they must read only the row's values)."""
    fields = tuple(f.attname for f in model._meta.concrete_fields)
    namespace: dict = {"model": model, "fields": fields + tuple(extra), "__module__": __name__}
    for field in model._meta.concrete_fields:
        if field.choices:
            namespace[f"get_{field.name}_display"] = partialmethod(models.Model._get_FIELD_display, field=field)
    for name in ("__str__", *borrow):
        namespace[name] = model.__dict__[name] if name in model.__dict__ else getattr(model, name)
    return type(f"{model.__name__}Row", (ValuesRow,), namespace)


UserModel = get_user_model()
UserRow = _row_type(UserModel, borrow=("get_full_name", "get_short_name", "get_username"))
USER_FIELDS = ("id", "username", "first_name", "last_name")
DepartmentRow = _row_type(Department)
ProjectRow = _row_type(Project)
IndicatorRow = _row_type(Indicator)
IndicatorReportRow = _row_type(IndicatorReport)
ExpenditureReportRow = _row_type(ExpenditureReport)
MonitoringNoteRow = _row_type(MonitoringNote, borrow=("REASON_FIELDS", "reasons"))


def _with_entered_by(values: dict, users: dict[int, ValuesRow]) -> dict:
    """Moves the joined `entered_by__*` values into one shared user row per id."""
    user_id = values["entered_by_id"]
    joined = {name: values.pop(f"entered_by__{name}") for name in USER_FIELDS[1:]}
    user = users.get(user_id)
    if user is None:
        user = users[user_id] = UserRow.from_values({"id": user_id, **joined})
    values["entered_by"] = user
    return values


def ledger_rows(queryset, row_type: type[ValuesRow], users: dict[int, ValuesRow]) -> list[ValuesRow]:
    """Rows of a ledger table with who entered each (one query, the user joined)."""
    values = queryset.order_by().values(*row_type.fields, *(f"entered_by__{name}" for name in USER_FIELDS[1:]))
    return [row_type.from_values(_with_entered_by(v, users)) for v in values]
