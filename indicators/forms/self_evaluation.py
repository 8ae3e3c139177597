"""The self-evaluation page's forms: one part per line, the budget line and the project texts, and a reviewer's
deduction. Forms only read what was typed; indicators.services.year_end decides what is stored."""
from django import forms

from core.errors import DomainError
from core.form_fields import TolerantDecimalField
from indicators.selectors.year_end import PROJECT_TEXT_LABELS, BudgetState, LineState, SelfEvaluation
from indicators.services.year_end import (
    LINE_TEXT_LIMIT,
    PROJECT_TEXT_LIMIT,
    PageErrors,
    record_budget_explanation,
    record_line_explanation,
    record_project_texts,
)

SEEN_ERROR = "页面数据有误：请刷新页面后重新填写。"


def _textarea(rows: int, limit: int) -> forms.Textarea:
    # No maxlength: a browser would cut a pasted text silently; the write path refuses an over-long one instead.
    return forms.Textarea(attrs={"rows": rows, "data-limit": limit})


class TextPart(forms.Form):
    """What every part has: its texts, a reason when an existing text is changed, the row the writer saw."""

    texts: tuple[str, ...] = ()

    reason = forms.CharField(label="修改原因", required=False,
                             widget=forms.TextInput(attrs={"placeholder": "修改已有内容时必填", "size": 30}))
    seen = forms.IntegerField(required=False, widget=forms.HiddenInput, error_messages={"invalid": SEEN_ERROR})

    def __init__(self, data=None, *, prefix: str, current, initial: dict):
        # Field ids are the prefixed names (`line-12-text`), the anchors the page's list of what is missing links to.
        super().__init__(data, prefix=prefix, initial=initial, auto_id="%s")
        self.current = current
        self.conflict = None  # the row someone else saved first, after a refused save

    def current_text(self, name: str) -> str:
        return getattr(self.current, name) if self.current else ""

    def changed_texts(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in self.texts
                if name in self.fields and self.cleaned_data.get(name, "") != self.current_text(name)}

    @property
    def seen_value(self) -> str:
        """The row id the hidden field carries: what this page has shown the writer."""
        if self.conflict is not None:
            return str(self.conflict.id)
        if self.is_bound and "seen" not in self.errors:
            return self.data.get(self.add_prefix("seen"), "")
        return str(self.current.id) if self.current else ""

    def write(self) -> tuple | None:
        """(part, service, arguments) of the change typed here; None when nothing changed."""
        changed = self.changed_texts()
        if not changed:
            return None
        args = {"reason": self.cleaned_data.get("reason", ""), "expected_current_id": self.cleaned_data.get("seen")}
        return self.prefix, self.service, {**self.target(), **changed, **args}


class LinePart(TextPart):
    texts = ("text", "basis")
    service = staticmethod(record_line_explanation)

    text = forms.CharField(label="偏差原因分析及改进措施", required=False, widget=_textarea(3, LINE_TEXT_LIMIT))
    basis = forms.CharField(label="评价依据", required=False, widget=_textarea(2, LINE_TEXT_LIMIT))

    def __init__(self, data=None, *, state: LineState):
        # The clerk's 说明 from the entry form is the starting text of a line that needs one (labelled as such).
        text = state.text or (state.starting_text if state.text_required else "")
        super().__init__(data, prefix=state.anchor, current=state.explanation,
                         initial={"text": text, "basis": state.basis})
        self.state = state
        self.prefilled = bool(text) and not state.text
        if not state.qualitative:
            del self.fields["basis"]

    def target(self) -> dict:
        return {"indicator": self.state.line.indicator}


class BudgetPart(TextPart):
    texts = ("text",)
    service = staticmethod(record_budget_explanation)

    text = forms.CharField(label="偏差原因分析及改进措施", required=False, widget=_textarea(3, LINE_TEXT_LIMIT))

    def __init__(self, data=None, *, state: BudgetState, project):
        super().__init__(data, prefix=state.anchor, current=state.explanation, initial={"text": state.text})
        self.state = state
        self.project = project
        self.prefilled = False

    def target(self) -> dict:
        return {"project": self.project}


class ProjectPart(TextPart):
    texts = tuple(PROJECT_TEXT_LABELS)
    service = staticmethod(record_project_texts)

    achievement = forms.CharField(label="实际完成情况", required=False, widget=_textarea(5, PROJECT_TEXT_LIMIT))
    problems = forms.CharField(label="存在问题", required=False, widget=_textarea(4, PROJECT_TEXT_LIMIT))
    measures = forms.CharField(label="改进措施", required=False, widget=_textarea(4, PROJECT_TEXT_LIMIT))

    def __init__(self, data=None, *, project, current):
        initial = {name: getattr(current, name) if current else "" for name in self.texts}
        super().__init__(data, prefix="project", current=current, initial=initial)
        self.project = project

    def target(self) -> dict:
        return {"project": self.project}


class SelfEvaluationForm:
    """Every part of the page, validated and saved together."""

    def __init__(self, state: SelfEvaluation, data=None):
        self.state = state
        self.budget = BudgetPart(data, state=state.budget, project=state.project)
        self.lines = [LinePart(data, state=line) for line in state.lines]
        self.project = ProjectPart(data, project=state.project, current=state.texts)

    @property
    def parts(self) -> list[TextPart]:
        return [self.budget, *self.lines, self.project]

    def is_valid(self) -> bool:
        return all([part.is_valid() for part in self.parts])  # a list: every part is checked, not the first

    def writes(self) -> list[tuple]:
        return [write for part in self.parts if (write := part.write()) is not None]

    def add_service_errors(self, exc: DomainError) -> None:
        """Puts the write path's refusals next to their fields, and remembers whose rows won a conflict."""
        for key, messages in exc.errors.items():
            part, name = self._field_for(key)
            for message in messages:
                part.add_error(name, forms.ValidationError(message, code="refused"))
        for part in self.parts:
            if isinstance(exc, PageErrors) and part.prefix in exc.conflicts:
                part.conflict = exc.conflicts[part.prefix]
            for name in part.errors:
                if name in part.fields:
                    part.fields[name].widget.attrs.update({"class": "invalid", "aria-invalid": "true"})

    def _field_for(self, key: str) -> tuple[TextPart, str | None]:
        """'line-12-text' → (line 12, 'text'); a key naming no field → the part as a whole."""
        for part in self.parts:
            if key == part.prefix or key.startswith(f"{part.prefix}-"):
                name = key[len(part.prefix) + 1:]
                return part, name if name in part.fields and name != "seen" else None
        return self.project, None

    @property
    def conflicts_count(self) -> int:
        return sum(part.conflict is not None for part in self.parts)

    @property
    def error_count(self) -> int:
        return sum(len(messages) for part in self.parts for messages in part.errors.values())


class DeductionForm(forms.Form):
    """A reviewer's 偏离度 deduction of one line (DOMAIN §4)."""

    points = TolerantDecimalField(label="扣分", decimal_places=2, max_digits=5, allow_negative=False,
                                  widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}))
    reason = forms.CharField(label="扣分原因", required=False, widget=_textarea(2, LINE_TEXT_LIMIT))
    seen = forms.IntegerField(required=False, widget=forms.HiddenInput, error_messages={"invalid": SEEN_ERROR})
