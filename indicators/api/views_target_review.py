"""GET /api/targets/review/: the target-quality review of a department-year's table (the page's selector)."""
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from indicators.api.filters import MAX_YEAR, MIN_YEAR, read_query, scope_of
from indicators.api.schema import errors
from indicators.selectors.target_review import review_targets
from projects.selectors import resolve_department


class TargetReviewQuery(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=MIN_YEAR, max_value=MAX_YEAR,
                                    help_text="预算年度；默认今年")
    department = serializers.CharField(required=False, allow_blank=True, max_length=50,
                                       help_text="部门代码；默认本人可见的第一个部门")


class FindingSerializer(serializers.Serializer):
    project_seq = serializers.IntegerField(source="finding.project_seq", help_text="项目序号")
    indicator_order = serializers.IntegerField(source="finding.indicator_order", allow_null=True,
                                               help_text="指标序号；关于整个项目的发现为 null")
    rule = serializers.CharField(source="finding.rule", help_text="规则代码，如 vague_qualitative")
    rule_label = serializers.CharField(source="finding.rule_label", help_text="规则名称")
    severity = serializers.ChoiceField(source="finding.severity", choices=["error", "warning"],
                                       help_text="error：发布前须改正；warning：宜修改，或写明理由后保留")
    message = serializers.CharField(source="finding.message")
    suggestion = serializers.CharField(source="finding.suggestion")
    accepted_reason = serializers.SerializerMethodField(help_text="财务人员保留该提示的理由；未保留为 null")

    def get_accepted_reason(self, item) -> str | None:
        return item.accepted.reason if item.accepted else None


class TargetReviewSerializer(serializers.Serializer):
    department = serializers.CharField(source="department.code")
    year = serializers.IntegerField()
    errors = serializers.IntegerField(help_text="错误条数")
    warnings = serializers.IntegerField(help_text="提示条数")
    accepted = serializers.IntegerField(help_text="已写明理由保留的提示条数")
    last_year_compared = serializers.BooleanField(help_text="是否已与上年实际（历史标准）对照")
    findings = FindingSerializer(source="items", many=True, help_text="按项目序号、指标序号排列")


class TargetReviewView(GenericAPIView):
    serializer_class = TargetReviewSerializer

    @extend_schema(
        summary="目标质量审查",
        description="按财预〔2015〕88号的完整性、相关性、适当性、可行性，逐条审查一个部门某年度的绩效目标表："
        "每条发现给出项目序号、指标序号、规则、级别、说明与修改建议，以及财务人员保留提示的理由。",
        parameters=[TargetReviewQuery],
        responses={200: TargetReviewSerializer, **errors(400, 401)},
        tags=["目标审查"],
    )
    def get(self, request):
        params = read_query(request, TargetReviewQuery)
        scope = scope_of(request, {"year": params.get("year"), "department": params.get("department", "")})
        department = scope.department or resolve_department(user=request.user, code=None)
        if department is None:
            return Response({"non_field_errors": ["没有可查看的部门。"]}, status=400)
        return Response(TargetReviewSerializer(review_targets(department=department, year=scope.year)).data)
