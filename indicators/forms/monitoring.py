"""The 监控表 of one project as one HTML form: a line form for the budget line and for each indicator.

Forms only read what was typed; the write path (services.monitoring) decides what is stored. A line counts as
changed when what was submitted differs from the note the page showed (its id travels in the hidden `seen`).
"""
from decimal import Decimal

from django import forms

from core.limits import TEXT_LIMITS
from core.errors import DomainError
from core.form_fields import TolerantDecimalField
from indicators import rules
from indicators.models import DeviationReason, Likelihood, MonitoringNote
from indicators.selectors.monitoring import MonitoringSheet, SheetLine
from indicators.services.monitoring import MonitoringErrors, NoteInput, clean_note_fields

NON_FIELD = forms.forms.NON_FIELD_ERRORS
NOTE_FIELDS = ("forecast", "reasons", "reason_other", "likelihood", "measures")
SERVICE_FIELDS = {**{name: name for name in NOTE_FIELDS}, "reason": "reason", "corrects": "reason"}


def _seen_id(raw) -> int | None:
    try:
        return int(raw) if raw not in (None, "") else None
    except (TypeError, ValueError):
        return None


def posted_seen_ids(data) -> list[int]:
    """The note ids a submitted 监控表 had shown, one per line (hidden `<line>-seen` fields)."""
    return [i for name in data if name.endswith("-seen") and (i := _seen_id(data.get(name))) is not None]


def note_initial(note: MonitoringNote | None) -> dict:
    if note is None:
        return {"seen": None}
    forecast = None if note.forecast is None else Decimal(rules.format_plain(note.forecast))  # 150, not 150.0000
    return {
        "forecast": forecast, "reasons": note.reasons, "reason_other": note.reason_other_text,
        "likelihood": note.likelihood, "measures": note.measures, "seen": note.pk,
    }


class MonitoringLineForm(forms.Form):
    reasons = forms.MultipleChoiceField(
        label="偏差原因", required=False, choices=DeviationReason.choices, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "未知的偏差原因：'%(value)s'。"},
    )
    reason_other = forms.CharField(
        label="其他原因", required=False, max_length=TEXT_LIMITS["reason_other"],
        widget=forms.TextInput(attrs={"size": 12, "autocomplete": "off", "placeholder": "勾选其他时必填"}),
    )
    likelihood = forms.ChoiceField(
        label="完成目标可能性", required=False, choices=[("", "（请选择）"), *Likelihood.choices],
        error_messages={"invalid_choice": "请从列表中选择完成目标可能性。"},
    )
    measures = forms.CharField(
        label="改进措施", required=False, max_length=TEXT_LIMITS["measures"],
        widget=forms.Textarea(attrs={"rows": 2, "cols": 22, "placeholder": "有可能、完全不可能时必填"}),
    )
    reason = forms.CharField(
        label="更正原因", required=False, max_length=TEXT_LIMITS["correction_reason"],
        widget=forms.TextInput(attrs={"size": 12, "autocomplete": "off", "placeholder": "更正时必填"}),
    )
    seen = forms.IntegerField(
        required=False, widget=forms.HiddenInput, error_messages={"invalid": "页面数据有误：请刷新页面后重新填写。"}
    )

    def __init__(self, data=None, *, line: SheetLine, shown: MonitoringNote | None):
        super().__init__(data, prefix=line.key, initial=note_initial(shown))
        self.line = line
        self.conflict: MonitoringNote | None = None  # the note someone else saved first, after a refused save
        unit = "万元" if line.is_budget else line.unit
        self.fields["forecast"] = TolerantDecimalField(
            label="全年预计执行数(万元)" if line.is_budget else "全年预计完成值",
            max_digits=14 if line.is_budget else 20, decimal_places=2 if line.is_budget else 4,
            allow_negative=line.allows_negative, unit=unit,
            disabled=line.qualitative,  # 定性 lines keep their tier (DOMAIN §5): nothing to forecast
            widget=forms.TextInput(attrs={"size": 9, "inputmode": "decimal", "autocomplete": "off",
                                          "placeholder": "定性指标不填" if line.qualitative else unit}),
        )
        self.order_fields(["forecast", *NOTE_FIELDS[1:], "reason", "seen"])
        # The table's cells carry no <label>: name each control after its line and column for screen readers
        # (the checkboxes, 其他原因 and 更正原因 are wrapped in labels of their own).
        line_name = "预算执行" if line.is_budget else line.name
        for name in ("forecast", "likelihood", "measures"):
            self.fields[name].widget.attrs["aria-label"] = f"{line_name}：{self.fields[name].label}"

    def clean(self):
        data = super().clean()
        if self.changed:
            # The write path's own rules, asked here too so that every refusal shows on the first try.
            try:
                clean_note_fields(reasons=data.get("reasons") or [], reason_other=data.get("reason_other", ""),
                                  likelihood=data.get("likelihood", ""), measures=data.get("measures", ""))
            except DomainError as exc:
                for name, messages in exc.errors.items():
                    for message in messages:
                        if not self.has_error(name if name in self.fields else NON_FIELD):
                            self.add_error(name if name in self.fields else None,
                                           forms.ValidationError(message, code="refused"))
        return data

    @property
    def changed(self) -> bool:
        """Whether the clerk changed this line against the note the page showed (a correction reason alone is not)."""
        return self.is_bound and any(name in NOTE_FIELDS for name in self.changed_data)

    @property
    def seen_value(self) -> str:
        """The note id to carry in the hidden field: what this page has now shown the clerk."""
        if self.conflict is not None:
            return str(self.conflict.pk)
        if self.is_bound:
            return "" if self.has_error("seen") else (self.data.get(self.add_prefix("seen")) or "")
        return str(self.initial["seen"] or "")

    def note_input(self) -> NoteInput | None:
        if not self.changed:
            return None
        data = self.cleaned_data
        return NoteInput(
            indicator=self.line.indicator, forecast=data.get("forecast"), reasons=tuple(data.get("reasons") or ()),
            reason_other=data.get("reason_other", ""), likelihood=data.get("likelihood", ""),
            measures=data.get("measures", ""), reason=data.get("reason", ""),
            expected_current_id=data.get("seen"),
        )


class MonitoringSheetForm:
    """All line forms of one 监控表, validated and shown together."""

    def __init__(self, sheet: MonitoringSheet, data=None):
        self.sheet = sheet
        self.non_field_errors: list[str] = []
        self.lines = []
        for line in sheet.lines:
            shown = line.note
            if data is not None:
                note = sheet.seen.get(_seen_id(data.get(f"{line.key}-seen")))
                belongs = note is not None and note.indicator_id == (line.indicator.pk if line.indicator else None)
                shown = note if belongs else None
            self.lines.append(MonitoringLineForm(data, line=line, shown=shown))

    def is_valid(self) -> bool:
        valid = all([form.is_valid() for form in self.lines])  # a list: every line is checked, not the first
        self._mark_invalid()
        return valid

    def note_inputs(self) -> list[NoteInput]:
        return [note for form in self.lines if (note := form.note_input()) is not None]

    def add_service_errors(self, exc: MonitoringErrors) -> None:
        """Puts the write path's refusals next to their fields, and remembers whose notes won a conflict."""
        by_key = {form.prefix: form for form in self.lines}
        for key, messages in exc.errors.items():
            line, name = self._split(key, by_key)
            for message in messages:
                if line is None:
                    self.non_field_errors.append(message)
                else:
                    line.add_error(SERVICE_FIELDS.get(name), forms.ValidationError(message, code="refused"))
        for form in self.lines:
            form.conflict = exc.conflicts.get(form.prefix)
        self._mark_invalid()

    @staticmethod
    def _split(key: str, by_key: dict) -> tuple:
        """'ind-12-reasons' → (line form, 'reasons'); 'ind-12' → (line form, ''); 'as_of' → (None, '')."""
        for prefix, form in by_key.items():
            if key == prefix:
                return form, ""
            if key.startswith(f"{prefix}-"):
                return form, key[len(prefix) + 1:]
        return None, ""

    def _mark_invalid(self) -> None:
        for form in self.lines:
            for name in form.errors:
                if name in form.fields:
                    widget = form.fields[name].widget
                    classes = widget.attrs.get("class", "").split()
                    if "invalid" not in classes:
                        widget.attrs["class"] = " ".join([*classes, "invalid"])
                    widget.attrs["aria-invalid"] = "true"

    @property
    def error_count(self) -> int:
        return len(self.non_field_errors) + sum(len(m) for form in self.lines for m in form.errors.values())


class UploadForm(forms.Form):
    MAX_BYTES = 10 * 1024 * 1024

    file = forms.FileField(
        label="填好的监控表（.xlsx）",
        error_messages={"required": "请选择要导入的监控表文件。", "empty": "文件是空的。", "invalid": "没有收到文件。"},
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx", "data-picker": ""}),  # 选择文件, static/js/file_picker.js
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if not file.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("请上传导出的 .xlsx 监控表（不支持 .xls、.csv）。", code="not_xlsx")
        if file.size > self.MAX_BYTES:
            raise forms.ValidationError("文件超过 10 MB：请上传导出的监控表。", code="too_large")
        return file
