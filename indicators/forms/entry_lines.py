"""One line of the entry form: an indicator's new actual, or the project's expenditure, with note and reason."""
import datetime
from decimal import Decimal

from django import forms

from core.limits import TEXT_LIMITS
from core.form_fields import TolerantDecimalField
from indicators import rules
from indicators.models import ExpenditureReport, IndicatorReport
from indicators.selectors.evaluation import IndicatorEvaluation
from indicators.selectors.rule_settings import rule_settings
from indicators.services.entry import EXPENDITURE_LINE, ExpenditureEntry, IndicatorEntry, indicator_line
from indicators.services.reports import describe_expenditure, describe_report

NUMBER_ATTRS = {"inputmode": "decimal", "autocomplete": "off", "size": 10, "class": "entry-number"}
TEXT_ATTRS = {"autocomplete": "off", "size": 14}
ONLY_NOTE = "只填说明或更正原因无法保存：请同时填写本次的数值。"


def tier_choices() -> list[tuple[str, str]]:
    return [("", "（请选择）"), *((tier.value, rules.TIER_LABELS[tier]) for tier in rules.Tier)]


def label_fields(form: forms.Form, line_name: str) -> None:
    # The table's column heads are not labels: each input names its line for screen readers and tests.
    for field in form.fields.values():
        field.widget.attrs["aria-label"] = f"{line_name}：{field.label}"


class LineForm(forms.Form):
    """What every line has: a note, a reason for corrections, and the id of the current row the clerk saw."""

    main_field = "value"

    note = forms.CharField(label="说明", required=False, max_length=TEXT_LIMITS["note"], widget=forms.TextInput(attrs=TEXT_ATTRS))
    reason = forms.CharField(
        label="更正原因", required=False, max_length=TEXT_LIMITS["correction_reason"],
        widget=forms.TextInput(attrs={**TEXT_ATTRS, "placeholder": "更正时必填"}),
    )
    seen = forms.IntegerField(
        required=False, widget=forms.HiddenInput, error_messages={"invalid": "页面数据有误：请刷新页面后重新填写。"}
    )

    def __init__(self, *args, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current  # the current row (latest) when the page was built
        self.conflict = None  # the row someone else saved first, after a refused save

    @property
    def seen_value(self) -> str:
        """The row id to carry in the hidden field: what this page has now shown the clerk."""
        if self.conflict is not None:
            return str(self.conflict.id)
        if self.is_bound and self.typed_text() and "seen" not in self.errors:
            return self.data.get(self.add_prefix("seen"), "")
        return str(self.current.id) if self.current else ""

    @property
    def current_by(self) -> str:
        return (self.current.entered_by.get_full_name() or self.current.entered_by.username) if self.current else ""

    def typed_text(self) -> bool:
        """Whether the clerk typed anything on this line at all (even something refused)."""
        return any((self.data.get(self.add_prefix(name)) or "").strip() for name in self.fields if name != "seen")

    def typed_actual(self):
        raise NotImplementedError

    def clean(self):
        data = super().clean()
        texts = ("note", "reason", "over_budget_reason")
        main_refused = any(self.has_error(name) for name in self.fields if name not in (*texts, "seen"))
        if self.typed_actual_from(data) is None and not main_refused and any(data.get(name) for name in texts):
            self.add_error(self.main_field, forms.ValidationError(ONLY_NOTE, code="note_without_value"))
        return data

    def typed_actual_from(self, data):
        raise NotImplementedError

    def needs_reason(self, as_of: datetime.date | None) -> bool:
        """A new value dated like the current row corrects it, and a correction needs a reason (DOMAIN §6)."""
        return self.current is not None and as_of is not None and self.current.as_of == as_of

    def check_against_current(self, as_of: datetime.date | None) -> None:
        """Refuses a line someone else changed since the page was loaded, or a correction without its reason.

        The write path checks both again under lock; asking here shows every refusal of the form at once.
        """
        if self.entry(as_of) is None:
            return
        if self.cleaned_data.get("seen") != (self.current.id if self.current else None):
            self.conflict = self.current
            self.add_error(self.main_field, forms.ValidationError(
                f"保存前已有人更新了此项：{self.describe(self.current)}。您填写的内容未保存，请核对后重新提交。",
                code="conflict",
            ))
        elif self.needs_reason(as_of) and not self.cleaned_data.get("reason"):
            self.add_error("reason", forms.ValidationError(
                f"截至 {as_of:%Y-%m-%d} 已填报 {self.describe(self.current)}：更正请填写更正原因。",
                code="reason_required",
            ))

    def entry(self, as_of):
        raise NotImplementedError

    def describe(self, row) -> str:
        raise NotImplementedError  # the write path's own wording of a row, so both doors say the same


class IndicatorLineForm(LineForm):
    def __init__(self, *args, line: IndicatorEvaluation, **kwargs):
        super().__init__(*args, current=line.report, prefix=indicator_line(line.indicator.pk), **kwargs)
        self.line = line
        self.indicator = line.indicator
        self.qualitative = rules.is_qualitative(line.target.operator)
        if self.qualitative:
            self.main_field = "tier"
            self.fields["tier"] = forms.ChoiceField(
                label="完成档次", required=False, choices=tier_choices(),
                error_messages={"invalid_choice": "请从列表中选择完成档次。"},
            )
            self.fields["tier_percent"] = TolerantDecimalField(
                label="得分率(%)", max_digits=7, decimal_places=4, allow_negative=False, unit="%",
                widget=forms.TextInput(attrs={**NUMBER_ATTRS, "size": 5, "placeholder": "默认"}),
            )
        else:
            self.fields["value"] = TolerantDecimalField(
                label="实际完成值", unit=line.target.unit,
                # The write path decides by the indicator's own unit; the form refuses the same numbers.
                allow_negative=rules.allows_negative(name=self.indicator.name, unit=self.indicator.unit),
                widget=forms.TextInput(attrs=NUMBER_ATTRS),
            )
        self.order_fields([self.main_field, "tier_percent", "note", "reason", "seen"])
        label_fields(self, self.indicator.name)

    def clean(self):
        data = super().clean()
        if self.qualitative:
            tier, percent = data.get("tier"), data.get("tier_percent")
            if percent is not None and not tier:
                self.add_error("tier", forms.ValidationError("请先选择完成档次，再填得分率。", code="tier_required"))
            elif tier and percent is not None:
                try:
                    rules.check_tier_percent(rules.Tier(tier), percent, rule_settings(self.indicator.project.year))
                except ValueError as exc:
                    self.add_error("tier_percent", forms.ValidationError(str(exc), code="tier_percent_out_of_band"))
        return data

    def typed_actual_from(self, data):
        if self.qualitative:
            return (None, data["tier"], data.get("tier_percent")) if data.get("tier") else None
        return (data["value"], "", None) if data.get("value") is not None else None

    def typed_actual(self) -> tuple[Decimal | None, str, Decimal | None] | None:
        """(value, tier, tier percent) as typed, when valid; None for a blank or refused line."""
        if not self.is_bound or any(self.has_error(name) for name in ("value", "tier", "tier_percent")):
            return None
        return self.typed_actual_from(self.cleaned_data)

    def _unchanged(self, typed, as_of) -> bool:
        row = self.current
        if row is None or row.as_of != as_of:
            return False
        value, tier, percent = typed
        if tier and percent is None:
            percent = rule_settings(self.indicator.project.year).tier_bands[rules.Tier(tier)].default
        note = self.cleaned_data.get("note", "")
        return (row.value, row.tier, row.tier_percent) == (value, tier, percent) and note in ("", row.note)

    def entry(self, as_of) -> IndicatorEntry | None:
        """What to save for this line; None when nothing was typed or it repeats the current row exactly."""
        typed = self.typed_actual()
        if typed is None or self._unchanged(typed, as_of):
            return None
        value, tier, percent = typed
        return IndicatorEntry(
            indicator=self.indicator, value=value, tier=tier, tier_percent=percent,
            note=self.cleaned_data.get("note", ""), reason=self.cleaned_data.get("reason", ""),
            expected_current_id=self.cleaned_data.get("seen"),
        )

    @property
    def current_text(self) -> str:
        row = self.current
        if row is None:
            return ""
        if row.tier:
            return f"{rules.TIER_LABELS[rules.Tier(row.tier)]} {rules.format_plain(row.tier_percent)}%"
        return f"{rules.format_plain(row.value)} {self.line.target.unit}".strip()

    def describe(self, row: IndicatorReport) -> str:
        return describe_report(row)


class ExpenditureLineForm(LineForm):
    main_field = "amount"

    def __init__(self, *args, current: ExpenditureReport | None, budget: Decimal, **kwargs):
        super().__init__(*args, current=current, prefix=EXPENDITURE_LINE, **kwargs)
        self.budget = budget
        self.fields["amount"] = TolerantDecimalField(
            label="累计支出(万元)", max_digits=14, decimal_places=2, allow_negative=False, unit="万元",
            widget=forms.TextInput(attrs=NUMBER_ATTRS),
        )
        self.fields["over_budget_reason"] = forms.CharField(
            label="超支说明", required=False, max_length=1000,
            widget=forms.TextInput(attrs={**TEXT_ATTRS, "placeholder": "超过预算时必填"}),
        )
        self.order_fields(["amount", "note", "over_budget_reason", "reason", "seen"])
        label_fields(self, "预算执行")

    def typed_actual_from(self, data):
        return data.get("amount")

    def typed_actual(self) -> Decimal | None:
        if not self.is_bound or self.has_error("amount"):
            return None
        return self.cleaned_data.get("amount")

    def entry(self, as_of) -> ExpenditureEntry | None:
        amount = self.typed_actual()
        if amount is None:
            return None
        row, note = self.current, self.cleaned_data.get("note", "")
        explained = self.cleaned_data.get("over_budget_reason", "")
        if row is not None and row.as_of == as_of and row.amount == amount and note in ("", row.note) and (
            explained in ("", row.over_budget_reason)
        ):
            return None
        return ExpenditureEntry(
            amount=amount, note=note, over_budget_reason=explained, reason=self.cleaned_data.get("reason", ""),
            expected_current_id=self.cleaned_data.get("seen"),
        )

    def describe(self, row: ExpenditureReport) -> str:
        return describe_expenditure(row)
