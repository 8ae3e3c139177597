"""The ledger through the API: GET lists an indicator's reports or a project's expenditures (newest first),
POST appends one through indicators.services.reports, the one write path (DOMAIN §6)."""
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from indicators.api.bodies import validated
from indicators.api.pagination import ApiPagination
from indicators.api.permissions import indicator_for, project_for
from indicators.api.schema import errors
from indicators.api.serializers_read import IndicatorEvaluationSerializer, ProjectEvaluationSerializer
from indicators.api.serializers_write import (
    ExpenditureCreatedSerializer,
    ExpenditureInput,
    ExpenditureReportSerializer,
    IndicatorReportCreatedSerializer,
    IndicatorReportInput,
    IndicatorReportSerializer,
)
from indicators.api.views_indicators import indicator_line
from indicators.models import ExpenditureReport, IndicatorReport
from indicators.selectors.dates import default_as_of
from indicators.selectors.evaluation import evaluate
from indicators.services.reports import record_expenditure, record_indicator_report

TAGS = ["填报"]


def stored(model, row):
    """The row as the database keeps it (155 comes back as 155.0000, like every later read)."""
    return model.objects.select_related("entered_by", "corrected_by").get(pk=row.pk)


def correction_args(data: dict) -> dict:
    """The service's correction arguments; `expected_current` only when the client sent it (null = empty ledger)."""
    args = {"corrects": data.get("corrects"), "reason": data["reason"]}
    if "expected_current" in data:
        args["expected_current_id"] = data["expected_current"]
    return args


class IndicatorReportsView(GenericAPIView):
    pagination_class = ApiPagination
    serializer_class = IndicatorReportSerializer

    @extend_schema(
        summary="指标的填报记录（最新在前）",
        responses={200: IndicatorReportSerializer(many=True), **errors(400, 401, 404)},
        tags=TAGS,
    )
    def get(self, request, pk: int):
        indicator = indicator_for(request, pk)
        rows = IndicatorReport.objects.filter(indicator=indicator).select_related("entered_by", "corrected_by")
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(IndicatorReportSerializer(page, many=True).data)

    @extend_schema(
        summary="填报实际完成值（本部门财务人员）",
        description="定量指标填 value，定性指标填 tier（可加 tier_percent）。与当前记录同一截至日期即为更正，须填 reason。"
        "返回保存的记录与截至今天（限于预算年度内）的新评价。",
        request=IndicatorReportInput,
        responses={201: IndicatorReportCreatedSerializer, **errors(400, 401, 403, 404, 409)},
        tags=TAGS,
    )
    def post(self, request, pk: int):
        indicator = indicator_for(request, pk)
        data = validated(IndicatorReportInput, request, unit=indicator.unit)
        row = record_indicator_report(
            indicator=indicator, user=request.user, as_of=data["as_of"], value=data.get("value"),
            tier=data.get("tier") or "", tier_percent=data.get("tier_percent"), note=data["note"],
            **correction_args(data),
        )
        year = indicator.project.year
        evaluation = evaluate(year=year, as_of=default_as_of(year), project_ids=[indicator.project_id])
        context = {"evaluation": evaluation}
        body = {
            "report": IndicatorReportSerializer(stored(IndicatorReport, row)).data,
            "evaluation": IndicatorEvaluationSerializer(indicator_line(evaluation, indicator.pk), context=context).data,
            "project_evaluation": ProjectEvaluationSerializer(evaluation.projects[0], context=context).data,
        }
        return Response(body, status=status.HTTP_201_CREATED)


class ExpenditureReportsView(GenericAPIView):
    pagination_class = ApiPagination
    serializer_class = ExpenditureReportSerializer

    @extend_schema(
        summary="项目的支出记录（最新在前）",
        responses={200: ExpenditureReportSerializer(many=True), **errors(400, 401, 404)},
        tags=TAGS,
    )
    def get(self, request, pk: int):
        project = project_for(request, pk)
        rows = ExpenditureReport.objects.filter(project=project).select_related("entered_by", "corrected_by")
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(ExpenditureReportSerializer(page, many=True).data)

    @extend_schema(
        summary="填报累计支出（本部门财务人员）",
        description="amount 为截至 as_of 的累计支出（万元）。与当前记录同一截至日期即为更正，须填 reason。"
        "返回保存的记录与截至今天（限于预算年度内）的新评价。",
        request=ExpenditureInput,
        responses={201: ExpenditureCreatedSerializer, **errors(400, 401, 403, 404, 409)},
        tags=TAGS,
    )
    def post(self, request, pk: int):
        project = project_for(request, pk)
        data = validated(ExpenditureInput, request)
        row = record_expenditure(
            project=project, user=request.user, as_of=data["as_of"], amount=data["amount"], note=data["note"],
            over_budget_reason=data["over_budget_reason"], **correction_args(data),
        )
        evaluation = evaluate(year=project.year, as_of=default_as_of(project.year), project_ids=[project.pk])
        body = {
            "expenditure": ExpenditureReportSerializer(stored(ExpenditureReport, row)).data,
            "evaluation": ProjectEvaluationSerializer(evaluation.projects[0], context={"evaluation": evaluation}).data,
        }
        return Response(body, status=status.HTTP_201_CREATED)
