"""Ledger rows out, and what a client sends to append one (DOMAIN §6). Serializers only translate:
the rules (which value fits which indicator, dates, corrections) live in indicators.services.reports."""
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from indicators.api.fields import DecimalString, LabelledChoiceField, TolerantDecimalInput
from indicators.api.permissions import MAX_ID
from indicators.api.serializers_read import IndicatorEvaluationSerializer, ProjectEvaluationSerializer
from indicators.models import Tier

TEXT_LIMIT = 5000


class UserRefSerializer(serializers.Serializer):
    username = serializers.CharField(read_only=True)
    name = serializers.SerializerMethodField()

    def get_name(self, user) -> str:
        return user.get_full_name() or user.username


class _LedgerRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    as_of = serializers.DateField(read_only=True)
    note = serializers.CharField(read_only=True)
    corrects = serializers.IntegerField(source="corrects_id", read_only=True, allow_null=True)
    corrected_by = serializers.SerializerMethodField()
    reason = serializers.CharField(read_only=True)
    entered_by = UserRefSerializer(read_only=True)
    entered_at = serializers.DateTimeField(read_only=True)

    def get_corrected_by(self, row) -> int | None:
        """The id of the row that corrects this one (null while it stands)."""
        correction = getattr(row, "corrected_by", None)  # reverse one-to-one: absent raises AttributeError
        return correction.id if correction else None


class IndicatorReportSerializer(_LedgerRowSerializer):
    indicator = serializers.IntegerField(source="indicator_id", read_only=True)
    value = DecimalString(allow_null=True)
    tier = serializers.SerializerMethodField()
    tier_percent = DecimalString(allow_null=True)

    @extend_schema_field(serializers.ChoiceField(choices=Tier.choices, allow_null=True))
    def get_tier(self, row) -> str | None:
        return row.tier or None


class ExpenditureReportSerializer(_LedgerRowSerializer):
    project = serializers.IntegerField(source="project_id", read_only=True)
    amount = DecimalString()
    over_budget_reason = serializers.CharField(read_only=True, help_text="超支说明")


class _LedgerInput(serializers.Serializer):
    as_of = serializers.DateField(
        help_text="截至日期 YYYY-MM-DD：在预算年度内，不晚于今天",
        error_messages={"required": "请填写截至日期。", "null": "请填写截至日期。",
                        "invalid": "截至日期格式应为 YYYY-MM-DD。"},
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=TEXT_LIMIT,
                                 help_text="说明")
    corrects = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=MAX_ID,
        help_text="更正的记录 ID；与当前记录同一截至日期的新填报自动视为更正",
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=TEXT_LIMIT,
                                   help_text="更正原因（更正时必填）")
    expected_current = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=MAX_ID,
        help_text="可选：提交者看到的当前记录 ID（null 表示尚无记录）；已被他人更新时返回 409，不会覆盖",
    )


class IndicatorReportInput(_LedgerInput):
    """An actual: `value` for a quantitative indicator, `tier` (+ `tier_percent`) for a 定性 one."""

    value = TolerantDecimalInput(
        max_digits=20, decimal_places=4, unit_context="unit", required=False, allow_null=True,
        help_text="实际完成值（定量指标），按指标单位；可为文本（如 \"1,000\"、\"95%\"）或 JSON 数值",
    )
    tier = LabelledChoiceField(
        choices=Tier.choices, required=False, allow_blank=True, allow_null=True,
        help_text="完成档次（定性指标）：代码或中文名称",
    )
    tier_percent = TolerantDecimalInput(
        max_digits=7, decimal_places=4, unit="%", required=False, allow_null=True,
        help_text="得分率(%)，须在档次区间内；留空取档次默认值",
    )


class ExpenditureInput(_LedgerInput):
    amount = TolerantDecimalInput(
        max_digits=14, decimal_places=2, unit="万元", allow_negative=False,
        error_messages={"required": "请填写累计支出金额。", "null": "请填写累计支出金额。"},
        help_text="截至该日的累计支出（万元），最多 2 位小数",
    )
    over_budget_reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=1000,
        help_text="超支说明：累计支出超过当时有效的预算时必填",
    )


class IndicatorReportCreatedSerializer(serializers.Serializer):
    """201 of a report: the stored row, the indicator's evaluation and its project's, as of today (in the year)."""

    report = IndicatorReportSerializer(read_only=True)
    evaluation = IndicatorEvaluationSerializer(read_only=True)
    project_evaluation = ProjectEvaluationSerializer(read_only=True)


class ExpenditureCreatedSerializer(serializers.Serializer):
    """201 of an expenditure: the stored row and the project's evaluation."""

    expenditure = ExpenditureReportSerializer(read_only=True)
    evaluation = ProjectEvaluationSerializer(read_only=True)
