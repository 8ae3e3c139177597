"""Serializer fields for numbers: Decimal out as full-precision strings, tolerant text or JSON numbers in."""
from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.formatting import decimal_string
from core.parsing import ParseError, parse_decimal

NUMBER_PATTERN = r"^-?[0-9]+(\.[0-9]+)?$"
# Beyond this many digits either side of the point nothing fits a DecimalField; refuse before formatting
# (format(Decimal('1E+999999999'), 'f') would build a billion-character string).
_MAX_EXPONENT = 40


@extend_schema_field({"type": "string", "pattern": NUMBER_PATTERN, "example": "162"})
class DecimalString(serializers.Field):
    """A Decimal as a JSON string with full precision, never in exponent form (like `evaluate --format json`)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: Decimal) -> str:
        return decimal_string(value)


@extend_schema_field(
    {"oneOf": [{"type": "string"}, {"type": "number"}], "example": "162"}
)
class TolerantDecimalInput(serializers.Field):
    """A number as a clerk or a script sends it: "１６２", "1,000", "95%", "162人", 162 or 0.1 (read as Decimal).

    Text goes through core.parsing.parse_decimal, the same parser as the entry form. `unit_context`
    names the serializer context key holding the line's unit, so "162人" is accepted only where the unit is 人;
    `unit` is a fixed one (万元 for amounts).
    """

    default_error_messages = {
        "invalid": "请输入数字（文本或 JSON 数值）。",
        "out_of_range": "数值超出范围。",
    }

    def __init__(self, *, max_digits: int, decimal_places: int, allow_negative: bool = True, unit: str = "",
                 unit_context: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.max_digits = max_digits
        self.decimal_places = decimal_places
        self.allow_negative = allow_negative
        self.unit = unit
        self.unit_context = unit_context

    def to_internal_value(self, data) -> Decimal | None:
        if isinstance(data, bool) or not isinstance(data, (str, int, Decimal)):
            self.fail("invalid")
        if isinstance(data, Decimal):
            if not data.is_finite() or abs(data.adjusted()) > _MAX_EXPONENT:
                self.fail("out_of_range")
            data = format(data, "f")
        elif isinstance(data, int):
            if abs(data) >= 10**_MAX_EXPONENT:
                self.fail("out_of_range")
            data = str(data)
        unit = self.context.get(self.unit_context, "") if self.unit_context else self.unit
        try:
            return parse_decimal(
                data,
                max_digits=self.max_digits,
                decimal_places=self.decimal_places,
                allow_negative=self.allow_negative,
                unit=unit,
            )
        except ParseError as exc:
            raise serializers.ValidationError(str(exc), code="invalid_number") from None

    def to_representation(self, value):
        return decimal_string(value)


class LabelledChoiceField(serializers.ChoiceField):
    """A choice given by its code ("partial") or by its Chinese label (「部分达成年度指标并具有一定效果」)."""

    def __init__(self, *, choices, **kwargs):
        super().__init__(choices=choices, **kwargs)
        self.code_by_label = {str(label): code for code, label in choices}

    def to_internal_value(self, data):
        if isinstance(data, str):
            data = self.code_by_label.get(data.strip(), data.strip())
        return super().to_internal_value(data)
