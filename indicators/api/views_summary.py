"""GET /api/summary/: the dashboard's headline figures of a department-year, as of a date (the page's selector)."""
from drf_spectacular.utils import extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from indicators.api.filters import YearQuery, read_query, scope_of
from indicators.api.schema import errors
from indicators.api.serializers_read import SummarySerializer
from indicators.selectors.dashboard import dashboard_summary
from indicators.selectors.evaluation import evaluate
from projects.selectors import resolve_department


class SummaryView(GenericAPIView):
    serializer_class = SummarySerializer

    @extend_schema(
        summary="总览数字",
        description="与总览页相同的数字：一个部门某年度截至某日的项目数、预算、支出、执行率、达成/未达成/未填报指标数、"
        "平均得分、各等级项目数与待说明行数。不给 department 时取本人可见的第一个部门（与总览页相同）。",
        parameters=[YearQuery],
        responses={200: SummarySerializer, **errors(400, 401)},
        tags=["总览"],
    )
    def get(self, request):
        scope = scope_of(request, read_query(request, YearQuery))
        department = scope.department or resolve_department(user=request.user, code=None)
        departments = [department] if department else []
        evaluation = evaluate(year=scope.year, as_of=scope.as_of, departments=departments)
        summary = dashboard_summary(evaluation)
        return Response(SummarySerializer(summary, context={"department": department}).data)
