"""Adjustments in JSON: serializers only translate; the service decides (DOMAIN §8)."""
from django.urls import reverse
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers

from core.limits import TEXT_LIMITS
from core.ids import MAX_ID
from indicators.api.fields import DecimalString, TolerantDecimalInput
from projects.choices import AdjustmentState
from projects.selectors.adjustments import INDICATOR, KINDS, POINTS, AdjustmentRow

AMOUNT = {"max_digits": 14, "decimal_places": 2, "unit": "万元", "allow_negative": True}
OPTIONAL = {"required": False, "allow_null": True, "default": None}


class TargetValuesSerializer(serializers.Serializer):
    operator = serializers.CharField()
    target_text = serializers.CharField()
    target_value = DecimalString(allow_null=True)
    unit = serializers.CharField()
    weight = DecimalString(allow_null=True)


class BudgetValuesSerializer(serializers.Serializer):
    budget = DecimalString()
    own_level = DecimalString()
    transfer = DecimalString()


class LinePointsSerializer(serializers.Serializer):
    indicator = serializers.IntegerField(source="indicator_id")
    indicator_name = serializers.CharField(source="indicator.name")
    points = DecimalString(help_text="该指标的分值")


class PointsValuesSerializer(serializers.Serializer):
    """A 分值 adjustment's side: every line of the project with its 分值, in published order."""

    points = LinePointsSerializer(many=True)


def _values(row: AdjustmentRow, prefix: str) -> dict:
    if row.kind == POINTS:
        lines = [{"indicator_id": line.indicator_id, "indicator": line.indicator,
                  "points": getattr(line, f"{prefix}_points")} for line in row.lines]
        return PointsValuesSerializer({"points": lines}).data
    a = row.adjustment
    names = ("operator", "target_text", "target_value", "unit", "weight") if row.kind == INDICATOR else (
        "budget", "own_level", "transfer")
    serializer = TargetValuesSerializer if row.kind == INDICATOR else BudgetValuesSerializer
    return serializer({name: getattr(a, f"{prefix}_{name}") for name in names}).data


class AdjustmentSerializer(serializers.Serializer):
    """One adjustment; `kind` + `id` name it (the two kinds are numbered separately)."""

    kind = serializers.ChoiceField(choices=list(KINDS))
    id = serializers.IntegerField()
    state = serializers.ChoiceField(choices=AdjustmentState.choices, source="adjustment.state")
    state_label = serializers.CharField()
    project = serializers.IntegerField(source="project.pk")
    project_name = serializers.CharField(source="project.name")
    year = serializers.IntegerField(source="project.year")
    indicator = serializers.IntegerField(source="indicator.pk", allow_null=True, default=None)
    indicator_name = serializers.CharField(source="indicator.name", allow_null=True, default=None)
    old = serializers.SerializerMethodField(help_text="调整前的值（提出时生效日的现行值）")
    new = serializers.SerializerMethodField(help_text="调整后的值")
    old_text = serializers.CharField(source="old")
    new_text = serializers.CharField(source="new")
    reason = serializers.CharField(source="adjustment.reason")
    effective_date = serializers.DateField(source="adjustment.effective_date")
    proposed_by = serializers.CharField(source="adjustment.proposed_by.username")
    proposed_by_name = serializers.CharField(source="proposed_by")
    proposed_at = serializers.DateTimeField(source="adjustment.proposed_at")
    decided_by = serializers.CharField(source="adjustment.decided_by.username", allow_null=True, default=None)
    decided_by_name = serializers.CharField(source="decided_by")
    decided_at = serializers.DateTimeField(source="adjustment.decided_at", allow_null=True)
    rejection_reason = serializers.CharField(source="adjustment.rejection_reason")
    approve_url = serializers.SerializerMethodField()
    reject_url = serializers.SerializerMethodField()

    @extend_schema_field(PolymorphicProxySerializer(
        component_name="AdjustmentValues", serializers=[TargetValuesSerializer, BudgetValuesSerializer, PointsValuesSerializer],
        resource_type_field_name=None))
    def get_old(self, row: AdjustmentRow) -> dict:
        return _values(row, "old")

    @extend_schema_field(PolymorphicProxySerializer(
        component_name="AdjustmentValues", serializers=[TargetValuesSerializer, BudgetValuesSerializer, PointsValuesSerializer],
        resource_type_field_name=None))
    def get_new(self, row: AdjustmentRow) -> dict:
        return _values(row, "new")

    def get_approve_url(self, row: AdjustmentRow) -> str:
        return reverse("api_adjustments:approve", args=[row.kind, row.id])

    def get_reject_url(self, row: AdjustmentRow) -> str:
        return reverse("api_adjustments:reject", args=[row.kind, row.id])


class NewPointsSerializer(serializers.Serializer):
    indicator = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="指标 id")
    points = TolerantDecimalInput(max_digits=5, decimal_places=2, allow_negative=False, help_text="新分值")


class ProposalSerializer(serializers.Serializer):
    """A proposal: kind "indicator" names `indicator` and the new target; kind "budget" names `project` and amounts;
    kind "points" names `project` and the new 分值 of every line."""

    kind = serializers.ChoiceField(choices=list(KINDS))
    indicator = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID, help_text="kind=indicator 时必填")
    project = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID,
                                       help_text="kind=budget 或 kind=points 时必填")
    operator = serializers.CharField(required=False, default="", allow_blank=True, max_length=5,
                                     help_text="≥ > ≤ < =（也可写 >=、<=）或空（定性）")
    target_text = serializers.CharField(required=False, default="", allow_blank=True, max_length=TEXT_LIMITS["target_text"],
                                        help_text="年度目标值原文，如 150、95%；定性指标为文字")
    unit = serializers.CharField(required=False, default="", allow_blank=True, max_length=TEXT_LIMITS["unit"])
    weight = TolerantDecimalInput(max_digits=9, decimal_places=4, help_text="权重；空为平均分配", **OPTIONAL)
    budget = TolerantDecimalInput(help_text="预算金额（万元）", **AMOUNT, **OPTIONAL)
    own_level = TolerantDecimalInput(help_text="本级支出（万元）", **AMOUNT, **OPTIONAL)
    transfer = TolerantDecimalInput(help_text="转移支付支出（万元）", **AMOUNT, **OPTIONAL)
    points = NewPointsSerializer(
        many=True, required=False, default=list,
        help_text="kind=points：本项目每个指标的新分值，与预算执行分值合计须为 100.00",
    )
    reason = serializers.CharField(max_length=TEXT_LIMITS["adjustment_reason"])
    effective_date = serializers.DateField()

    def validate(self, attrs):
        owner = "indicator" if attrs["kind"] == INDICATOR else "project"
        if not attrs.get(owner):
            raise serializers.ValidationError({owner: ["请指明要调整的" + ("指标" if owner == "indicator" else "项目")]})
        if attrs["kind"] == POINTS:
            ids = [line["indicator"] for line in attrs["points"]]
            if not ids:
                raise serializers.ValidationError({"points": ["请列出本项目每个指标的新分值"]})
            if len(set(ids)) != len(ids):
                raise serializers.ValidationError({"points": ["同一指标的分值只能列出一次"]})
        return attrs


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=TEXT_LIMITS["adjustment_reason"], help_text="驳回原因（必填）")
