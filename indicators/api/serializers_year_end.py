"""The year-end self-evaluation out (indicators.selectors.year_end, translated only) and what a client sends to
write its texts or record a deduction. The rules (what is required, limits, corrections) live in the services."""
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from indicators.api.fields import DecimalString, TolerantDecimalInput
from indicators.api.permissions import MAX_ID
from indicators.api.serializers_read import FLAG_CHOICES, STATUS_CHOICES
from indicators.api.serializers_write import UserRefSerializer
from indicators.services.year_end import LINE_TEXT_LIMIT, PROJECT_TEXT_LIMIT

LINE_KINDS = [("indicator", "指标"), ("budget", "预算执行"), ("project", "项目")]
MISSING_FIELDS = [("text", "偏差原因分析及改进措施"), ("basis", "评价依据"), ("achievement", "实际完成情况"),
                  ("problems", "存在问题"), ("measures", "改进措施")]


class ExplanationRowSerializer(serializers.Serializer):
    """The current row of a year-end ledger: who wrote it, when, and the row it corrects."""

    id = serializers.IntegerField(read_only=True)
    entered_by = UserRefSerializer(read_only=True)
    entered_at = serializers.DateTimeField(read_only=True)
    corrects = serializers.IntegerField(source="corrects_id", read_only=True, allow_null=True)
    reason = serializers.CharField(read_only=True, help_text="修改原因（更正已有内容时）")


class DeductionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="deduction.id", read_only=True)
    points = DecimalString(source="deduction.points", help_text="记录的扣分")
    applied = DecimalString(source="deducted", help_text="实际扣去的分数（不超过该指标得分；指标不再超额时为 0）")
    reason = serializers.CharField(source="deduction.reason", read_only=True, help_text="扣分原因")


class LineSerializer(serializers.Serializer):
    """An indicator line: its figures (from the evaluation), its year-end explanation and what it requires."""

    indicator = serializers.IntegerField(source="line.indicator.pk", read_only=True)
    order = serializers.IntegerField(source="line.indicator.order", read_only=True)
    name = serializers.CharField(source="line.indicator.name", read_only=True)
    qualitative = serializers.BooleanField(read_only=True, help_text="定性指标（需评价依据）")
    status = serializers.ChoiceField(source="line.status", choices=STATUS_CHOICES, read_only=True)
    flags = serializers.ListField(source="line.score.flags", child=serializers.ChoiceField(choices=FLAG_CHOICES),
                                  read_only=True)
    points_possible = DecimalString(source="line.score.points_possible", help_text="分值")
    points = DecimalString(source="line.score.points", help_text="得分（偏离度扣分后）")
    deduction = serializers.SerializerMethodField()
    text = serializers.CharField(read_only=True, help_text="偏差原因分析及改进措施")
    basis = serializers.CharField(read_only=True, help_text="评价依据（定性指标）")
    text_required = serializers.BooleanField(read_only=True)
    basis_required = serializers.BooleanField(read_only=True)
    required = serializers.BooleanField(read_only=True, help_text="本行是否需要说明（偏差原因或评价依据）")
    cause = serializers.CharField(read_only=True, allow_null=True, help_text="需要偏差原因的缘由：未达成、未填报、超额较多")
    entry_note = serializers.SerializerMethodField(help_text="填报时的“说明”（当前填报记录），可作初稿；不是监控说明")
    explanation = ExplanationRowSerializer(read_only=True, allow_null=True)

    @extend_schema_field(DeductionSerializer(allow_null=True))
    def get_deduction(self, state):
        return DeductionSerializer(state.line).data if state.line.deduction else None

    def get_entry_note(self, state) -> str:
        return state.line.report.note if state.line.report else ""


class BudgetLineSerializer(serializers.Serializer):
    budget = DecimalString(source="evaluation.budget.budget", help_text="全年预算数（万元）")
    spent = DecimalString(source="evaluation.spent", allow_null=True, help_text="全年执行数（万元）")
    execution_rate = DecimalString(source="evaluation.execution_rate", allow_null=True)
    over_budget = serializers.BooleanField(source="budget.over_budget", read_only=True, help_text="超支")
    points_possible = DecimalString(source="evaluation.score.budget.points_possible")
    points = DecimalString(source="evaluation.score.budget.points")
    text = serializers.CharField(source="budget.text", read_only=True, help_text="偏差原因分析及改进措施")
    required = serializers.BooleanField(source="budget.required", read_only=True)
    cause = serializers.CharField(source="budget.cause", read_only=True, allow_null=True)
    explanation = ExplanationRowSerializer(source="budget.explanation", read_only=True, allow_null=True)


class MissingSerializer(serializers.Serializer):
    line = serializers.ChoiceField(choices=LINE_KINDS, read_only=True)
    field = serializers.ChoiceField(choices=MISSING_FIELDS, read_only=True)
    indicator = serializers.IntegerField(read_only=True, allow_null=True)
    message = serializers.CharField(read_only=True)


class SelfEvaluationSerializer(serializers.Serializer):
    """A project's year-end self-evaluation (DOMAIN §9) as of today within its year."""

    project = serializers.IntegerField(source="project.pk", read_only=True)
    year = serializers.IntegerField(source="project.year", read_only=True)
    as_of = serializers.DateField(read_only=True)
    total_score = DecimalString(source="evaluation.total", help_text="总分（偏离度扣分后）")
    grade = serializers.CharField(source="evaluation.grade", read_only=True)
    achievement = serializers.SerializerMethodField(help_text="实际完成情况")
    problems = serializers.SerializerMethodField(help_text="存在问题")
    measures = serializers.SerializerMethodField(help_text="改进措施")
    texts = ExplanationRowSerializer(read_only=True, allow_null=True, help_text="项目自评说明的当前记录")
    budget_line = BudgetLineSerializer(source="*", read_only=True)
    indicators = LineSerializer(source="lines", many=True, read_only=True)
    missing = MissingSerializer(many=True, read_only=True, help_text="尚需填写的内容，每项附中文说明")
    complete = serializers.BooleanField(read_only=True)

    def get_achievement(self, state) -> str:
        return state.text("achievement")

    def get_problems(self, state) -> str:
        return state.text("problems")

    def get_measures(self, state) -> str:
        return state.text("measures")


class TextInput(serializers.CharField):
    """Text as JSON sends text: a number or a boolean is refused, not turned into "0" or "True"."""

    default_error_messages = {"not_text": "请输入文本（JSON 字符串）。"}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_text")
        return super().to_internal_value(data)


def _text(label: str, limit: int) -> serializers.CharField:
    return TextInput(
        required=False, allow_blank=True, trim_whitespace=False,
        help_text=f"{label}（最多 {limit} 字，超出时整体拒绝，不截断）；省略则保持不变",
    )


class _CorrectionInput(serializers.Serializer):
    reason = TextInput(required=False, allow_blank=True, default="",
                                   help_text="修改原因（修改已有内容时必填）")
    expected_current = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=MAX_ID,
        help_text="可选：提交者看到的当前记录 ID（null 表示尚无记录）；已被他人修改时返回 409，不会覆盖",
    )


class ProjectTextsInput(_CorrectionInput):
    achievement = _text("实际完成情况", PROJECT_TEXT_LIMIT)
    problems = _text("存在问题", PROJECT_TEXT_LIMIT)
    measures = _text("改进措施", PROJECT_TEXT_LIMIT)

    def validate(self, data):
        if not any(name in data for name in ("achievement", "problems", "measures")):
            raise serializers.ValidationError("请至少提供 achievement、problems、measures 中的一项。")
        return data


class LineExplanationInput(_CorrectionInput):
    text = _text("偏差原因分析及改进措施", LINE_TEXT_LIMIT)
    basis = _text("评价依据（仅定性指标）", LINE_TEXT_LIMIT)

    def validate(self, data):
        if "text" not in data and "basis" not in data:
            raise serializers.ValidationError("请至少提供 text、basis 中的一项。")
        return data


class BudgetExplanationInput(_CorrectionInput):
    text = TextInput(
        allow_blank=True, trim_whitespace=False,
        error_messages={"required": "请填写 text（偏差原因分析及改进措施）。", "null": "text 不能为 null。"},
        help_text=f"预算执行的偏差原因分析及改进措施（最多 {LINE_TEXT_LIMIT} 字）",
    )


class DeductionInput(serializers.Serializer):
    points = TolerantDecimalInput(
        max_digits=5, decimal_places=2, allow_negative=False,
        error_messages={"required": "请填写扣分。", "null": "请填写扣分。"},
        help_text="扣分（最多 2 位小数），不超过该指标扣分前的得分；0 为撤销已有扣分",
    )
    reason = TextInput(
        error_messages={"required": "请填写扣分原因。", "blank": "请填写扣分原因。", "null": "请填写扣分原因。"},
        help_text=f"扣分原因（最多 {LINE_TEXT_LIMIT} 字）",
    )
    expected_current = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=MAX_ID,
        help_text="可选：提交者看到的当前扣分记录 ID（null 表示尚无）；已被他人修改时返回 409",
    )
