"""GET /api/indicators/ and /api/indicators/<id>/: indicators with their evaluation as of a date."""
from drf_spectacular.utils import extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from core.roles import visible_departments
from indicators.api.filters import AsOfQuery, IndicatorQuery, read_as_of, read_query, scope_of
from indicators.api.pagination import ApiPagination
from indicators.api.permissions import indicator_for, project_for
from indicators.api.schema import errors
from indicators.api.serializers_read import IndicatorSerializer
from indicators.api.views_projects import list_meta
from indicators.selectors.evaluation import evaluate
from projects.models import Indicator

TAGS = ["指标"]


def indicator_line(evaluation, indicator_id: int):
    return next(line for p in evaluation.projects for line in p.indicators if line.indicator.pk == indicator_id)


class IndicatorListView(GenericAPIView):
    pagination_class = ApiPagination
    serializer_class = IndicatorSerializer

    @extend_schema(
        summary="指标列表（含评价）",
        description="某项目（project）或本人可见部门某年度的全部指标，按部门、项目序号、指标序号排列。",
        parameters=[IndicatorQuery],
        responses={200: IndicatorSerializer(many=True), **errors(400, 401, 404)},
        tags=TAGS,
    )
    def get(self, request):
        params = read_query(request, IndicatorQuery)
        project = project_for(request, params["project"]) if params.get("project") else None
        scope = scope_of(request, params, year=project.year if project else None)
        indicators = Indicator.objects.filter(project__year=scope.year)
        if project is not None:
            indicators = indicators.filter(project=project)
        else:
            indicators = indicators.filter(project__department__in=visible_departments(request.user))
            if scope.department is not None:
                indicators = indicators.filter(project__department=scope.department)
        indicators = indicators.order_by("project__department__code", "project__seq", "order")
        page = self.paginate_queryset(indicators.only("pk", "project_id"))
        # One evaluation of the page's projects (7 queries), then the page's lines in page order.
        evaluation = evaluate(year=scope.year, as_of=scope.as_of, project_ids={i.project_id for i in page})
        lines = {line.indicator.pk: line for p in evaluation.projects for line in p.indicators}
        data = IndicatorSerializer([lines[i.pk] for i in page], many=True, context={"evaluation": evaluation}).data
        return self.paginator.get_paginated_response(data, **list_meta(evaluation))


class IndicatorDetailView(GenericAPIView):
    serializer_class = IndicatorSerializer

    @extend_schema(
        summary="指标详情（含评价）",
        parameters=[AsOfQuery],
        responses={200: IndicatorSerializer, **errors(400, 401, 404)},
        tags=TAGS,
    )
    def get(self, request, pk: int):
        indicator = indicator_for(request, pk)
        project = indicator.project
        as_of = read_as_of(request, year=project.year)
        evaluation = evaluate(year=project.year, as_of=as_of, project_ids=[project.pk])
        line = indicator_line(evaluation, indicator.pk)
        return Response(IndicatorSerializer(line, context={"evaluation": evaluation}).data)
