"""Monitoring notes through the API (DOMAIN §5, §6): GET lists a line's notes (newest first), POST appends one
through indicators.services.monitoring, the write path of the 监控表 page and its import.

The 201 answer carries the stored note and the line's evaluation as of the note's date (or `?as_of=`), so a
client sees at once whether the line still needs an explanation (待说明)."""
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from core.limits import TEXT_LIMITS
from indicators.api.bodies import validated
from indicators.api.fields import DecimalString, TolerantDecimalInput
from indicators.api.filters import AsOfQuery, read_as_of
from indicators.api.pagination import ApiPagination
from indicators.api.permissions import indicator_for, project_for
from indicators.api.schema import errors
from indicators.api.serializers_read import IndicatorEvaluationSerializer, ProjectEvaluationSerializer
from indicators.api.serializers_write import _LedgerInput, _LedgerRowSerializer
from indicators.api.views_indicators import indicator_line
from indicators.api.views_ledger import correction_args, stored
from indicators.models import DeviationReason, Likelihood, MonitoringNote
from indicators.selectors.evaluation import evaluate
from indicators.services.monitoring import record_monitoring_note

TAGS = ["运行监控"]
REASON_HELP = "偏差原因：代码或中文名称，可多选：" + "、".join(f"{code}（{label}）" for code, label in DeviationReason.choices)


class MonitoringNoteRowSerializer(_LedgerRowSerializer):
    project = serializers.IntegerField(source="project_id", read_only=True)
    indicator = serializers.IntegerField(source="indicator_id", read_only=True, allow_null=True,
                                         help_text="指标 ID；null 为项目的预算执行")
    forecast = DecimalString(allow_null=True)
    reasons = serializers.ListField(child=serializers.ChoiceField(choices=DeviationReason.choices), read_only=True)
    reason_other = serializers.CharField(source="reason_other_text", read_only=True)
    likelihood = serializers.SerializerMethodField()
    measures = serializers.CharField(read_only=True)

    @extend_schema_field(serializers.ChoiceField(choices=Likelihood.choices, allow_null=True))
    def get_likelihood(self, note) -> str | None:
        return note.likelihood or None


class _NoteInput(_LedgerInput):
    reasons = serializers.ListField(
        child=serializers.CharField(max_length=50, allow_blank=True), required=False, default=list, max_length=10,
        help_text=REASON_HELP,
    )
    reason_other = serializers.CharField(required=False, allow_blank=True, default="",
                                         max_length=TEXT_LIMITS["reason_other"],
                                         help_text="其他原因（勾选“其他”时必填；填写即视为“其他”）")
    likelihood = serializers.CharField(
        required=False, allow_blank=True, allow_null=True, default="", max_length=50,
        help_text="完成目标可能性：" + "、".join(f"{code}（{label}）" for code, label in Likelihood.choices),
    )
    measures = serializers.CharField(required=False, allow_blank=True, default="", max_length=TEXT_LIMITS["measures"],
                                     help_text="改进措施（有可能、完全不可能时必填）")


class IndicatorNoteInput(_NoteInput):
    forecast = TolerantDecimalInput(
        max_digits=20, decimal_places=4, unit_context="unit", required=False, allow_null=True,
        help_text="全年预计完成值，按指标单位；定性指标不填",
    )


class BudgetNoteInput(_NoteInput):
    forecast = TolerantDecimalInput(
        max_digits=14, decimal_places=2, unit="万元", allow_negative=False, required=False, allow_null=True,
        help_text="全年预计执行数（万元），最多 2 位小数",
    )


class IndicatorNoteCreatedSerializer(serializers.Serializer):
    note = MonitoringNoteRowSerializer(read_only=True)
    evaluation = IndicatorEvaluationSerializer(read_only=True)
    project_evaluation = ProjectEvaluationSerializer(read_only=True)


class BudgetNoteCreatedSerializer(serializers.Serializer):
    note = MonitoringNoteRowSerializer(read_only=True)
    evaluation = ProjectEvaluationSerializer(read_only=True)


def _record(request, *, project, indicator, data) -> MonitoringNote:
    return stored(MonitoringNote, record_monitoring_note(
        project=project, indicator=indicator, user=request.user, as_of=data["as_of"], forecast=data.get("forecast"),
        reasons=data["reasons"], reason_other=data["reason_other"], likelihood=data.get("likelihood") or "",
        measures=data["measures"], note=data["note"], **correction_args(data),
    ))


def _asked_as_of(request, project):
    """`?as_of=` of the evaluation to answer with, read before anything is written (a bad one is a 400)."""
    return read_as_of(request, year=project.year) if "as_of" in request.query_params else None


def _evaluation_after(project, note: MonitoringNote, as_of):
    return evaluate(year=project.year, as_of=as_of or note.as_of, project_ids=[project.pk])


def _rows(**line):
    return MonitoringNote.objects.filter(**line).select_related("entered_by", "corrected_by")


class IndicatorMonitoringView(GenericAPIView):
    pagination_class = ApiPagination
    serializer_class = MonitoringNoteRowSerializer

    @extend_schema(summary="指标的监控说明（最新在前）",
                   responses={200: MonitoringNoteRowSerializer(many=True), **errors(400, 401, 404)}, tags=TAGS)
    def get(self, request, pk: int):
        indicator = indicator_for(request, pk)
        page = self.paginate_queryset(_rows(indicator=indicator))
        return self.get_paginated_response(MonitoringNoteRowSerializer(page, many=True).data)

    @extend_schema(
        summary="填写指标的监控说明（本部门财务人员）",
        description="偏差原因、完成目标可能性可用代码或中文名称。与当前说明同一截至日期即为更正，须填 reason。"
        "返回保存的说明与截至该说明日期（或 as_of）的评价，含 needs_explanation（待说明）。",
        parameters=[AsOfQuery], request=IndicatorNoteInput,
        responses={201: IndicatorNoteCreatedSerializer, **errors(400, 401, 403, 404, 409)}, tags=TAGS,
    )
    def post(self, request, pk: int):
        indicator = indicator_for(request, pk)
        project = indicator.project
        as_of = _asked_as_of(request, project)
        data = validated(IndicatorNoteInput, request, unit=indicator.unit)
        note = _record(request, project=project, indicator=indicator, data=data)
        evaluation = _evaluation_after(project, note, as_of)
        context = {"evaluation": evaluation}
        body = {
            "note": MonitoringNoteRowSerializer(note).data,
            "evaluation": IndicatorEvaluationSerializer(indicator_line(evaluation, indicator.pk), context=context).data,
            "project_evaluation": ProjectEvaluationSerializer(evaluation.projects[0], context=context).data,
        }
        return Response(body, status=status.HTTP_201_CREATED)


class ProjectMonitoringView(GenericAPIView):
    pagination_class = ApiPagination
    serializer_class = MonitoringNoteRowSerializer

    @extend_schema(summary="项目预算执行的监控说明（最新在前）",
                   responses={200: MonitoringNoteRowSerializer(many=True), **errors(400, 401, 404)}, tags=TAGS)
    def get(self, request, pk: int):
        project = project_for(request, pk)
        page = self.paginate_queryset(_rows(project=project, indicator__isnull=True))
        return self.get_paginated_response(MonitoringNoteRowSerializer(page, many=True).data)

    @extend_schema(
        summary="填写项目预算执行的监控说明（本部门财务人员）",
        description="forecast 为全年预计执行数（万元）。与当前说明同一截至日期即为更正，须填 reason。",
        parameters=[AsOfQuery], request=BudgetNoteInput,
        responses={201: BudgetNoteCreatedSerializer, **errors(400, 401, 403, 404, 409)}, tags=TAGS,
    )
    def post(self, request, pk: int):
        project = project_for(request, pk)
        as_of = _asked_as_of(request, project)
        data = validated(BudgetNoteInput, request)
        note = _record(request, project=project, indicator=None, data=data)
        evaluation = _evaluation_after(project, note, as_of)
        body = {
            "note": MonitoringNoteRowSerializer(note).data,
            "evaluation": ProjectEvaluationSerializer(evaluation.projects[0], context={"evaluation": evaluation}).data,
        }
        return Response(body, status=status.HTTP_201_CREATED)
