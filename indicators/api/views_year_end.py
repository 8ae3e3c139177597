"""The year-end self-evaluation through the API (DOMAIN §4, §9): GET reads it, POSTs write its texts and a
reviewer's deduction through indicators.services.year_end, the write path the page uses too.

Every POST answers with the project's whole self-evaluation, as GET does: 201 when a row was appended, 200 when
nothing changed (the same texts sent again).
"""
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from indicators.api.bodies import validated
from indicators.api.permissions import indicator_for, project_for
from indicators.api.schema import errors
from indicators.api.serializers_year_end import (
    BudgetExplanationInput,
    DeductionInput,
    LineExplanationInput,
    ProjectTextsInput,
    SelfEvaluationSerializer,
)
from indicators.selectors.year_end import self_evaluation
from indicators.services.common import UNSET
from indicators.services.year_end import (
    DEDUCTION_ONLY,
    may_deduct,
    record_budget_explanation,
    record_deduction,
    record_line_explanation,
    record_project_texts,
)

TAGS = ["年终自评"]
WRITTEN = {
    201: OpenApiResponse(SelfEvaluationSerializer, description="已追加一条记录；返回项目的年终自评"),
    200: OpenApiResponse(SelfEvaluationSerializer, description="内容没有变化，未追加记录；返回项目的年终自评"),
}


def _expected(data: dict):
    return data["expected_current"] if "expected_current" in data else UNSET


def _answer(project, *, created: bool) -> Response:
    body = SelfEvaluationSerializer(self_evaluation(project=project)).data
    return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


def _pick(data: dict, *names: str) -> dict:
    return {name: data[name] for name in names if name in data}


class ProjectSelfEvaluationView(GenericAPIView):
    serializer_class = SelfEvaluationSerializer

    @extend_schema(
        summary="项目的年终自评：各行说明、是否必填、尚缺内容",
        description="各行的分值、得分（偏离度扣分后）、状态，年终偏差原因分析及改进措施、定性指标的评价依据，"
        "项目的实际完成情况、存在问题、改进措施，以及 missing：尚需填写的内容（每项附中文说明）。",
        responses={200: SelfEvaluationSerializer, **errors(401, 404)},
        tags=TAGS,
    )
    def get(self, request, pk: int):
        return Response(SelfEvaluationSerializer(self_evaluation(project=project_for(request, pk))).data)

    @extend_schema(
        summary="填写项目自评说明（本部门财务人员）",
        description="achievement（实际完成情况）、problems（存在问题）、measures（改进措施），省略的保持不变。"
        "修改已有内容须填 reason；超长的文字整体拒绝（400），不截断。",
        request=ProjectTextsInput,
        responses={**WRITTEN, **errors(400, 401, 403, 404, 409)},
        tags=TAGS,
    )
    def post(self, request, pk: int):
        project = project_for(request, pk)
        data = validated(ProjectTextsInput, request)
        recorded = record_project_texts(
            project=project, user=request.user, **_pick(data, "achievement", "problems", "measures"),
            reason=data["reason"], expected_current_id=_expected(data),
        )
        return _answer(project, created=recorded.created)


class BudgetExplanationView(GenericAPIView):
    serializer_class = SelfEvaluationSerializer

    @extend_schema(
        summary="填写预算执行的年终偏差原因分析及改进措施（本部门财务人员）",
        description="修改已有说明须填 reason。",
        request=BudgetExplanationInput,
        responses={**WRITTEN, **errors(400, 401, 403, 404, 409)},
        tags=TAGS,
    )
    def post(self, request, pk: int):
        project = project_for(request, pk)
        data = validated(BudgetExplanationInput, request)
        recorded = record_budget_explanation(project=project, user=request.user, text=data["text"],
                                             reason=data["reason"], expected_current_id=_expected(data))
        return _answer(project, created=recorded.created)


class LineExplanationView(GenericAPIView):
    serializer_class = SelfEvaluationSerializer

    @extend_schema(
        summary="填写指标的年终偏差原因分析及改进措施、评价依据（本部门财务人员）",
        description="text：偏差原因分析及改进措施；basis：评价依据（仅定性指标）。省略的保持不变；"
        "修改已有说明须填 reason。",
        request=LineExplanationInput,
        responses={**WRITTEN, **errors(400, 401, 403, 404, 409)},
        tags=TAGS,
    )
    def post(self, request, pk: int):
        indicator = indicator_for(request, pk)
        data = validated(LineExplanationInput, request)
        recorded = record_line_explanation(
            indicator=indicator, user=request.user, **_pick(data, "text", "basis"), reason=data["reason"],
            expected_current_id=_expected(data),
        )
        return _answer(indicator.project, created=recorded.created)


class DeductionView(GenericAPIView):
    serializer_class = SelfEvaluationSerializer

    @extend_schema(
        summary="记录偏离度扣分（本部门审核人员或管理员）",
        description="只用于标记“超额较多”的指标：points 不超过该指标扣分前的得分，须填 reason。"
        "再次记录即更正上一条（0 为撤销）。返回扣分后的年终自评。",
        request=DeductionInput,
        responses={201: WRITTEN[201], **errors(400, 401, 403, 404, 409)},
        tags=TAGS,
    )
    def post(self, request, pk: int):
        indicator = indicator_for(request, pk, write=False)
        if not may_deduct(request.user, indicator.project.department_id):
            raise PermissionDenied(DEDUCTION_ONLY)
        data = validated(DeductionInput, request)
        record_deduction(indicator=indicator, user=request.user, points=data["points"], reason=data["reason"],
                         expected_current_id=_expected(data))
        return _answer(indicator.project, created=True)
