"""GET /api/projects/ and /api/projects/<id>/: projects with their evaluation as of a date (one selector call)."""
from drf_spectacular.utils import extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from core.formatting import decimal_string
from indicators.api.filters import AsOfQuery, YearQuery, read_as_of, read_query, scope_of
from indicators.api.pagination import ApiPagination
from indicators.api.permissions import project_for
from indicators.api.schema import errors
from indicators.api.serializers_read import ProjectDetailSerializer, ProjectSerializer
from indicators.selectors.evaluation import evaluate
from projects.selectors import visible_projects

TAGS = ["项目"]


def list_meta(evaluation) -> dict:
    return {"year": evaluation.year, "as_of": evaluation.as_of.isoformat(), "time_progress": decimal_string(evaluation.time_progress)}


class ProjectListView(GenericAPIView):
    pagination_class = ApiPagination
    serializer_class = ProjectSerializer

    @extend_schema(
        summary="项目列表（含评价）",
        description="本人可见部门某年度的项目，按部门代码、序号排列；评价按截至日期计算。",
        parameters=[YearQuery],
        responses={200: ProjectSerializer(many=True), **errors(400, 401, 404)},
        tags=TAGS,
    )
    def get(self, request):
        scope = scope_of(request, read_query(request, YearQuery))
        projects = visible_projects(
            user=request.user, year=scope.year, department_code=scope.department.code if scope.department else None
        ).order_by("department__code", "seq")
        page = self.paginate_queryset(projects.only("pk"))
        # Only the page's projects are evaluated: 7 queries whatever the page size.
        evaluation = evaluate(year=scope.year, as_of=scope.as_of, project_ids=[p.pk for p in page])
        data = ProjectSerializer(evaluation.projects, many=True, context={"evaluation": evaluation}).data
        return self.paginator.get_paginated_response(data, **list_meta(evaluation))


class ProjectDetailView(GenericAPIView):
    serializer_class = ProjectDetailSerializer

    @extend_schema(
        summary="项目详情（含指标与评价）",
        parameters=[AsOfQuery],
        responses={200: ProjectDetailSerializer, **errors(400, 401, 404)},
        tags=TAGS,
    )
    def get(self, request, pk: int):
        project = project_for(request, pk)
        as_of = read_as_of(request, year=project.year)
        evaluation = evaluate(year=project.year, as_of=as_of, project_ids=[project.pk])
        return Response(ProjectDetailSerializer(evaluation.projects[0], context={"evaluation": evaluation}).data)
