"""Read serializers: projects and indicators with their evaluation (the selector's dataclasses, translated only).

Importable by the other API modules (monitoring, adjustments): `ProjectEvaluationSerializer` and
`IndicatorEvaluationSerializer` are the `evaluation` objects, `MonitoringNoteSerializer` the current note,
`TargetInForceSerializer` / `BudgetInForceSerializer` what is in force at the as-of date. Every number is a
string with full precision (core.formatting.decimal_string), so the figures equal `evaluate --format json`.
"""
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from indicators import rules
from indicators.api.fields import DecimalString
from indicators.models import DeviationReason, Likelihood, Tier
from projects.choices import Level1, Level2, Operator

STATUS_CHOICES = [(s.value, rules.STATUS_LABELS[s]) for s in rules.Status]
LEVEL_CHOICES = [(level.value, rules.LEVEL_LABELS[level]) for level in rules.Level]
FLAG_CHOICES = [(rules.Flag.OVER_ACHIEVEMENT.value, rules.OVER_ACHIEVEMENT_MESSAGE)]


class DepartmentRefSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class MonitoringNoteSerializer(serializers.Serializer):
    """The current 监控说明 of a line, as in `evaluate --format json`."""

    id = serializers.IntegerField(read_only=True)
    as_of = serializers.DateField(read_only=True)
    forecast = DecimalString(allow_null=True)
    reasons = serializers.ListField(child=serializers.ChoiceField(choices=DeviationReason.choices), read_only=True)
    reason_other = serializers.CharField(source="reason_other_text", read_only=True)
    likelihood = serializers.SerializerMethodField()
    measures = serializers.CharField(read_only=True)

    @extend_schema_field(serializers.ChoiceField(choices=Likelihood.choices, allow_null=True))
    def get_likelihood(self, note) -> str | None:
        return note.likelihood or None


class _AdjustmentRef(serializers.Serializer):
    adjusted = serializers.SerializerMethodField()
    adjustment = serializers.SerializerMethodField()
    effective_date = serializers.SerializerMethodField()

    def get_adjusted(self, in_force) -> bool:
        return in_force.adjustment is not None

    def get_adjustment(self, in_force) -> int | None:
        return in_force.adjustment.id if in_force.adjustment else None

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_effective_date(self, in_force):
        return in_force.adjustment.effective_date.isoformat() if in_force.adjustment else None


class TargetInForceSerializer(_AdjustmentRef):
    """The target in force at the as-of date: the 年初 one, or the latest approved adjustment's (DOMAIN §8)."""

    operator = serializers.ChoiceField(choices=Operator.choices, read_only=True)
    target_text = serializers.CharField(read_only=True)
    target_value = DecimalString(allow_null=True)
    unit = serializers.CharField(read_only=True)
    weight = DecimalString(allow_null=True)


class BudgetInForceSerializer(_AdjustmentRef):
    budget = DecimalString()
    own_level = DecimalString()
    transfer = DecimalString()


class _AsOfFromContext(serializers.Serializer):
    """The as-of date and time progress of the evaluation, passed in the serializer context."""

    as_of = serializers.SerializerMethodField()
    time_progress = serializers.SerializerMethodField()

    @extend_schema_field(serializers.DateField())
    def get_as_of(self, _obj) -> str:
        return self.context["evaluation"].as_of.isoformat()

    @extend_schema_field(DecimalString())
    def get_time_progress(self, _obj) -> str:
        return DecimalString().to_representation(self.context["evaluation"].time_progress)


class IndicatorEvaluationSerializer(_AsOfFromContext):
    """An indicator judged and scored as of a date (DOMAIN §3–5)."""

    actual = DecimalString(allow_null=True)
    tier = serializers.SerializerMethodField()
    tier_percent = DecimalString(source="report.tier_percent", allow_null=True)
    status = serializers.ChoiceField(choices=STATUS_CHOICES, read_only=True)
    status_label = serializers.CharField(read_only=True)
    ratio = DecimalString(source="score.ratio", allow_null=True)
    points_possible = DecimalString(source="score.points_possible")
    points = DecimalString(source="score.points")
    forecast_points = DecimalString(source="forecast_score.points")
    flags = serializers.ListField(
        source="score.flags", child=serializers.ChoiceField(choices=FLAG_CHOICES), read_only=True
    )
    explanation = serializers.CharField(source="score.explanation", read_only=True)
    monitoring_level = serializers.ChoiceField(source="level", choices=LEVEL_CHOICES, read_only=True)
    progress = DecimalString(allow_null=True)
    needs_explanation = serializers.BooleanField(read_only=True)
    target_in_force = TargetInForceSerializer(source="target", read_only=True)
    monitoring = MonitoringNoteSerializer(source="note", read_only=True, allow_null=True)
    report = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ChoiceField(choices=Tier.choices, allow_null=True))
    def get_tier(self, line) -> str | None:
        return line.tier or None

    def get_report(self, line) -> int | None:
        """The id of the current ledger row (null without one)."""
        return line.report.id if line.report else None


class ProjectEvaluationSerializer(_AsOfFromContext):
    """A project scored out of 100 as of a date (DOMAIN §4), with its monitoring level (§5)."""

    spent = DecimalString(allow_null=True)
    execution_rate = DecimalString(allow_null=True)
    over_budget = serializers.BooleanField(read_only=True, help_text="超支：累计支出超过当时有效的预算")
    budget_points = DecimalString(source="score.budget.points")
    indicator_points = serializers.DictField(source="score.class_scores", child=DecimalString(), read_only=True)
    total_score = DecimalString(source="total")
    grade = serializers.CharField(read_only=True)
    met = serializers.IntegerField(source="score.met", read_only=True)
    not_met = serializers.IntegerField(source="score.not_met", read_only=True)
    no_data = serializers.IntegerField(source="score.no_data", read_only=True)
    explanation = serializers.CharField(source="score.explanation", read_only=True)
    budget_explanation = serializers.CharField(source="score.budget.explanation", read_only=True)
    budget_progress = DecimalString()
    budget_level = serializers.ChoiceField(choices=LEVEL_CHOICES, read_only=True)
    monitoring_level = serializers.ChoiceField(choices=LEVEL_CHOICES, read_only=True)
    needs_explanation = serializers.IntegerField(read_only=True)
    forecast_score = DecimalString()
    budget_in_force = BudgetInForceSerializer(source="budget", read_only=True)
    budget_monitoring = MonitoringNoteSerializer(source="budget_note", read_only=True, allow_null=True)
    expenditure = serializers.SerializerMethodField()

    def get_expenditure(self, project) -> int | None:
        """The id of the current expenditure row (null without one)."""
        return project.expenditure.id if project.expenditure else None


class IndicatorSerializer(serializers.Serializer):
    """An indicator as published (年初 values) with its evaluation as of the date."""

    id = serializers.IntegerField(source="indicator.id", read_only=True)
    project = serializers.IntegerField(source="indicator.project_id", read_only=True)
    order = serializers.IntegerField(source="indicator.order", read_only=True)
    name = serializers.CharField(source="indicator.name", read_only=True)
    operator = serializers.ChoiceField(source="indicator.operator", choices=Operator.choices, read_only=True)
    target_text = serializers.CharField(source="indicator.target_text", read_only=True)
    target_value = DecimalString(source="indicator.target_value", allow_null=True)
    unit = serializers.CharField(source="indicator.unit", read_only=True)
    level1 = serializers.ChoiceField(source="indicator.level1", choices=Level1.choices, read_only=True)
    level2 = serializers.ChoiceField(source="indicator.level2", choices=Level2.choices, read_only=True)
    weight = DecimalString(source="indicator.weight", allow_null=True)
    evaluation = IndicatorEvaluationSerializer(source="*", read_only=True)


class ProjectSerializer(serializers.Serializer):
    """A project as published (年初 budget) with its evaluation as of the date."""

    id = serializers.IntegerField(source="project.id", read_only=True)
    department = DepartmentRefSerializer(source="project.department", read_only=True)
    year = serializers.IntegerField(source="project.year", read_only=True)
    seq = serializers.IntegerField(source="project.seq", read_only=True)
    name = serializers.CharField(source="project.name", read_only=True)
    overview = serializers.CharField(source="project.overview", read_only=True)
    annual_goal = serializers.CharField(source="project.annual_goal", read_only=True)
    livelihood_standard = serializers.CharField(source="project.livelihood_standard", read_only=True)
    budget = DecimalString(source="project.budget")
    own_level = DecimalString(source="project.own_level")
    transfer = DecimalString(source="project.transfer")
    evaluation = ProjectEvaluationSerializer(source="*", read_only=True)


class ProjectDetailSerializer(ProjectSerializer):
    indicators = IndicatorSerializer(many=True, read_only=True)


class SummarySerializer(serializers.Serializer):
    """The dashboard's headline figures (indicators.selectors.dashboard.dashboard_summary) of one department."""

    year = serializers.IntegerField(read_only=True)
    as_of = serializers.DateField(read_only=True)
    time_progress = DecimalString(help_text="序时进度（小数）")
    department = serializers.SerializerMethodField(help_text="汇总的部门（与总览页相同：默认本人可见的第一个部门）")
    projects = serializers.IntegerField(read_only=True, help_text="项目数")
    indicators = serializers.IntegerField(read_only=True, help_text="指标数")
    budget = DecimalString(help_text="截至日期生效的预算合计（万元）")
    spent = DecimalString(help_text="累计支出合计（万元）；未填报的项目按 0 计")
    execution_rate = DecimalString(allow_null=True, help_text="预算执行率（小数）；预算为 0 时为 null")
    budget_level = serializers.ChoiceField(choices=LEVEL_CHOICES, read_only=True, help_text="执行率对照序时进度的监控等级")
    met = serializers.IntegerField(read_only=True, help_text="达成的指标数")
    not_met = serializers.IntegerField(read_only=True, help_text="未达成的指标数")
    no_data = serializers.IntegerField(read_only=True, help_text="未填报的指标数")
    average_score = DecimalString(allow_null=True, help_text="项目平均得分")
    weighted_average_score = DecimalString(allow_null=True, help_text="按预算加权的平均得分")
    grades = serializers.DictField(child=serializers.IntegerField(), read_only=True, help_text="各等级项目数（优、良、中、差）")
    needs_explanation = serializers.IntegerField(read_only=True, help_text="待说明的行数")

    @extend_schema_field(DepartmentRefSerializer(allow_null=True))
    def get_department(self, _summary) -> dict | None:
        department = self.context["department"]
        return DepartmentRefSerializer(department).data if department else None
