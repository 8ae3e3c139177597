"""Form fields that understand what clerks type (１６２, 1,000, 95%, 162人) through core.parsing."""
from decimal import Decimal

from django import forms

from core.parsing import ParseError, parse_decimal


class TolerantDecimalField(forms.CharField):
    """A number typed the way people type it; refused in Chinese when it is not one."""

    def __init__(self, *, max_digits: int = 20, decimal_places: int = 4, allow_negative: bool = True, unit: str = "",
                 **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.max_digits = max_digits
        self.decimal_places = decimal_places
        self.allow_negative = allow_negative
        self.unit = unit

    def to_python(self, value) -> Decimal | None:
        text = super().to_python(value)
        try:
            return parse_decimal(
                text,
                max_digits=self.max_digits,
                decimal_places=self.decimal_places,
                allow_negative=self.allow_negative,
                unit=self.unit,
            )
        except ParseError as exc:
            raise forms.ValidationError(str(exc), code="invalid_number") from None

    def validate(self, value):
        if value is None and self.required:
            raise forms.ValidationError("请填写此项。", code="required")

    def run_validators(self, value):
        # The parsed Decimal is already validated; CharField's length validators apply to text only.
        return None
