"""The entry form of one project: the as-of date, one line per indicator, the expenditure (DOMAIN §3, §6).

Forms only read what was typed; the write path (services.entry → services.reports) decides what is stored.
"""
import datetime
from decimal import Decimal

from django import forms

from core.errors import DomainError
from indicators.forms.entry_lines import ExpenditureLineForm, IndicatorLineForm
from indicators.selectors.evaluation import ProjectEvaluation
from indicators.services.common import check_as_of
from indicators.services.entry import EntryErrors, ExpenditureEntry, IndicatorEntry

DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"]


class AsOfForm(forms.Form):
    as_of = forms.DateField(
        label="截至日期",
        input_formats=DATE_FORMATS,
        error_messages={"required": "请填写截至日期。", "invalid": "日期格式应为 年-月-日，例如 2026-12-20。"},
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        self.fields["as_of"].widget.attrs.update({"min": f"{year}-01-01", "max": f"{year}-12-31"})

    def clean_as_of(self) -> datetime.date:
        as_of = self.cleaned_data["as_of"]
        try:
            check_as_of(as_of, self.year)  # the service's own rule, so that the page refuses what it would
        except DomainError as exc:
            raise forms.ValidationError(str(exc), code="as_of_out_of_range") from None
        return as_of


class ProjectEntryForm:
    """All the forms of one project's entry page, validated and shown together."""

    def __init__(self, evaluation: ProjectEvaluation, data=None, *, as_of: datetime.date):
        self.evaluation = evaluation
        self.header = AsOfForm(data, year=evaluation.project.year, initial={"as_of": as_of})
        self.lines = [IndicatorLineForm(data, line=line) for line in evaluation.indicators]
        self.expenditure = ExpenditureLineForm(data, current=evaluation.expenditure, budget=evaluation.budget.budget)

    @property
    def all_forms(self) -> list[forms.Form]:
        return [self.header, *self.lines, self.expenditure]

    def is_valid(self) -> bool:
        valid = all([form.is_valid() for form in self.all_forms])  # a list: every form is checked, not the first
        if self.header.is_valid():
            # Asked here too, not only by the write path, so that every refusal shows on the first try.
            for form in [*self.lines, self.expenditure]:
                if form.is_valid():
                    form.check_against_current(self.as_of)
                    valid = valid and form.is_valid()
        self._mark_invalid()
        return valid

    @property
    def as_of(self) -> datetime.date | None:
        return self.header.cleaned_data.get("as_of") if self.header.is_bound else None

    def indicator_entries(self) -> list[IndicatorEntry]:
        return [entry for form in self.lines if (entry := form.entry(self.as_of)) is not None]

    def expenditure_entry(self) -> ExpenditureEntry | None:
        return self.expenditure.entry(self.as_of)

    def typed_actuals(self) -> dict[int, tuple[Decimal | None, str, Decimal | None]]:
        """Valid values typed per indicator id, for the preview; lines left blank or refused are absent."""
        return {form.indicator.pk: typed for form in self.lines if (typed := form.typed_actual()) is not None}

    def add_service_errors(self, exc: EntryErrors) -> None:
        """Puts the write path's refusals next to their fields, and remembers whose rows won a conflict."""
        for key, messages in exc.errors.items():
            form, name = self._field_for(key)
            for message in messages:
                form.add_error(name, forms.ValidationError(message, code="refused"))
        for form in [*self.lines, self.expenditure]:
            if form.prefix in exc.conflicts:
                form.conflict = exc.conflicts[form.prefix]
        self._mark_invalid()

    def _field_for(self, key: str) -> tuple[forms.Form, str | None]:
        """'ind-12-value' → (line 12, 'value'); 'ind-12' or an unknown field → the line's main input."""
        for form in [*self.lines, self.expenditure]:
            if key == form.prefix or key.startswith(f"{form.prefix}-"):
                name = key[len(form.prefix) + 1:]
                return form, name if name in form.fields and name != "seen" else form.main_field
        return self.header, "as_of" if key == "as_of" else None

    def _mark_invalid(self) -> None:
        for form in self.all_forms:
            for name in form.errors:
                if name in form.fields:
                    widget = form.fields[name].widget
                    classes = widget.attrs.get("class", "").split()
                    widget.attrs["class"] = " ".join([*classes, "invalid"] if "invalid" not in classes else classes)
                    widget.attrs["aria-invalid"] = "true"

    @property
    def conflicts_count(self) -> int:
        return sum(form.conflict is not None for form in [*self.lines, self.expenditure])

    @property
    def error_count(self) -> int:
        return sum(len(messages) for form in self.all_forms for messages in form.errors.values())
