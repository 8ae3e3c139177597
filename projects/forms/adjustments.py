"""Forms of adjustment proposals: they read what was typed; the service decides what is allowed (DOMAIN §8)."""
from django import forms

from core.form_fields import TolerantDecimalField
from core.limits import TEXT_LIMITS
from projects.choices import Operator
from projects.services.points_adjustments import points_field

DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日", "%Y.%m.%d"]
DATE_MESSAGES = {"invalid": "请输入有效的日期，如 2026-09-01。", "required": "请填写生效日期。"}


class AdjustmentForm(forms.Form):
    """Fields every proposal has; the domain checks (year, pending proposals) are the service's."""

    effective_date = forms.DateField(
        label="生效日期", input_formats=DATE_FORMATS, error_messages=DATE_MESSAGES,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="自该日起（含）按调整后的值评价；须在预算年度内。",
    )
    reason = forms.CharField(
        label="调整原因", widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_LIMITS["adjustment_reason"],
        error_messages={"required": "请填写调整原因。",
                        "max_length": f"调整原因过长：最多 {TEXT_LIMITS['adjustment_reason']} 个字符。"},
    )

    def add_domain_error(self, error) -> None:
        """Places a service's DomainError next to its field (unknown fields go to the top of the form)."""
        for field, messages in error.errors.items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)


class IndicatorAdjustmentForm(AdjustmentForm):
    operator = forms.ChoiceField(label="运算符", choices=Operator.choices, required=False)
    target_text = forms.CharField(
        label="年度目标值", required=False, max_length=TEXT_LIMITS["target_text"],
        help_text="有运算符时填数值（如 150、95%）；定性指标填文字描述。",
        error_messages={"max_length": f"目标值过长：最多 {TEXT_LIMITS['target_text']} 个字符。"},
    )
    unit = forms.CharField(
        label="单位", required=False, max_length=TEXT_LIMITS["unit"],
        error_messages={"max_length": f"单位过长：最多 {TEXT_LIMITS['unit']} 个字符。"},
    )
    weight = TolerantDecimalField(
        label="权重", max_digits=9, decimal_places=4, help_text="同一一级指标内的相对权重；留空为平均分配。"
    )

    field_order = ["operator", "target_text", "unit", "weight", "effective_date", "reason"]


class BudgetAdjustmentForm(AdjustmentForm):
    budget = TolerantDecimalField(label="预算金额（万元）", max_digits=14, decimal_places=2, required=True)
    own_level = TolerantDecimalField(label="本级支出（万元）", max_digits=14, decimal_places=2, required=True)
    transfer = TolerantDecimalField(label="转移支付支出（万元）", max_digits=14, decimal_places=2, required=True)

    field_order = ["budget", "own_level", "transfer", "effective_date", "reason"]


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="驳回原因", max_length=TEXT_LIMITS["adjustment_reason"],
        error_messages={"required": "请填写驳回原因。",
                        "max_length": f"驳回原因过长：最多 {TEXT_LIMITS['adjustment_reason']} 个字符。"},
    )


class PointsAdjustmentForm(AdjustmentForm):
    """A new 分值 for every line of a project (fields `points_<indicator id>`, in published order); whether they
    foot is the service's to say."""

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        for indicator in indicators:
            self.fields[points_field(indicator.pk)] = TolerantDecimalField(
                label=indicator.name, max_digits=5, decimal_places=2, allow_negative=False,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 8, "data-points": ""}),
            )
        self.indicators = list(indicators)
        self.order_fields([points_field(i.pk) for i in self.indicators] + ["effective_date", "reason"])

    def line_rows(self, in_force: dict) -> list[tuple]:
        """Each line with its bound field and its 分值 in force, for the table of the page."""
        return [(i, self[points_field(i.pk)], in_force[i.pk]) for i in self.indicators]

    def proposal(self) -> dict:
        """The service's arguments from the cleaned data."""
        data = self.cleaned_data
        return {"points": {i.pk: data.get(points_field(i.pk)) for i in self.indicators},
                "reason": data["reason"], "effective_date": data["effective_date"]}
