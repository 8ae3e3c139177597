"""The adjustments API: the same selector and service as the pages, the same permissions.

Adjustments of the three kinds (target, budget, explicit 分值) are numbered separately, so an adjustment is named
by kind and id: `POST /api/adjustments/indicator/<id>/approve/`, `POST /api/adjustments/budget/<id>/reject/`,
`POST /api/adjustments/points/<id>/approve/`.
Domain errors become 400 (bad input) or 409 (a proposal already pending, a decision already taken) through the
project's exception handler.
"""
from django.core.exceptions import PermissionDenied
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from core.errors import DomainError
from core.ids import MAX_ID, whole_number
from core.roles import can_write_reports, is_admin
from indicators.api.pagination import ApiPagination
from indicators.api.permissions import indicator_for, project_for
from indicators.api.schema import errors
from indicators.api.serializers_adjustments import AdjustmentSerializer, ProposalSerializer, RejectSerializer
from projects.choices import AdjustmentState
from projects.selectors.adjustments import (
    INDICATOR,
    KINDS,
    POINTS,
    adjustment_row,
    get_adjustment_for_user,
    list_adjustments,
)
from projects.services.adjustments import (
    approve_adjustment,
    propose_budget_adjustment,
    propose_indicator_adjustment,
    reject_adjustment,
    withdraw_adjustment,
)
from projects.services.points_adjustments import propose_points_adjustment

TAGS = ["调整"]
ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
LIST_PARAMETERS = [
    OpenApiParameter("state", OpenApiTypes.STR, enum=AdjustmentState.values, description="pending / approved / rejected"),
    OpenApiParameter("project", ID_SCHEMA, description="项目 id"),
    OpenApiParameter("year", ID_SCHEMA, description="预算年度"),
    OpenApiParameter("kind", OpenApiTypes.STR, enum=list(KINDS), description="indicator / budget / points"),
]
# Named by kind and id; drf-spectacular would otherwise copy the URL's regex (and `^indicator|budget$` matches
# "indicatorX" too).
DECISION_PARAMETERS = [
    OpenApiParameter("kind", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(KINDS),
                     description="indicator / budget / points"),
    OpenApiParameter("id", ID_SCHEMA, OpenApiParameter.PATH, description="调整 id（各类调整各自编号）"),
]


def _int_param(request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw is None:
        return None
    number = whole_number(raw)
    if number is None:
        raise DomainError(f"参数 {name} 应为正整数：'{raw}'", field=name)
    return number


def _choice_param(request, name: str, choices) -> str | None:
    raw = request.query_params.get(name)
    if raw is not None and raw not in choices:
        raise DomainError(f"参数 {name} 应为 {' / '.join(choices)} 之一：'{raw}'", field=name)
    return raw


class AdjustmentListView(GenericAPIView):
    serializer_class = AdjustmentSerializer
    pagination_class = ApiPagination

    @extend_schema(summary="调整列表（待审批在前，其余最新在前）", parameters=LIST_PARAMETERS, tags=TAGS,
                   responses={200: AdjustmentSerializer(many=True), **errors(400, 401, 404)})
    def get(self, request):
        rows = list_adjustments(
            user=request.user,
            state=_choice_param(request, "state", AdjustmentState.values),
            year=_int_param(request, "year"),
            project_id=_int_param(request, "project"),
            kind=_choice_param(request, "kind", list(KINDS)),
        )
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(AdjustmentSerializer(page, many=True).data)

    @extend_schema(summary="提出调整（本部门财务人员）", request=ProposalSerializer, tags=TAGS,
                   description="kind=indicator：indicator 与新的 operator、target_text、unit、weight；kind=budget：project 与 "
                   "budget、own_level、transfer；kind=points（按各指标分值计分的项目）：project 与 points，列出本项目"
                   "每个指标的新分值，与预算执行分值合计须为 100.00。调整待管理员审批，批准后自 effective_date 起生效。",
                   responses={201: AdjustmentSerializer, **errors(400, 401, 403, 404, 409)})
    def post(self, request):
        proposal = ProposalSerializer(data=request.data)
        proposal.is_valid(raise_exception=True)
        data = dict(proposal.validated_data)
        kind, common = data.pop("kind"), {k: data[k] for k in ("reason", "effective_date")}
        if kind == INDICATOR:
            indicator = indicator_for(request, data["indicator"], write=False)
            _check_proposer(request.user, indicator.project.department_id)
            adjustment = propose_indicator_adjustment(
                indicator=indicator, user=request.user, operator=data["operator"], target_text=data["target_text"],
                unit=data["unit"], weight=data["weight"], **common,
            )
        elif kind == POINTS:
            project = project_for(request, data["project"], write=False)
            _check_proposer(request.user, project.department_id)
            adjustment = propose_points_adjustment(
                project=project, user=request.user,
                points={line["indicator"]: line["points"] for line in data["points"]}, **common,
            )
        else:
            project = project_for(request, data["project"], write=False)
            _check_proposer(request.user, project.department_id)
            adjustment = propose_budget_adjustment(
                project=project, user=request.user, budget=data["budget"], own_level=data["own_level"],
                transfer=data["transfer"], **common,
            )
        return Response(AdjustmentSerializer(adjustment_row(adjustment)).data, status=status.HTTP_201_CREATED)


def _check_proposer(user, department_id: int) -> None:
    if not can_write_reports(user, department_id):
        raise PermissionDenied("只有本部门的财务人员可以提出调整。")


def _decision_target(request, kind: str, pk: int):
    adjustment = get_adjustment_for_user(request.user, kind, pk)
    if not is_admin(request.user):
        raise PermissionDenied("只有管理员可以审批调整。")
    return adjustment


class ApproveView(GenericAPIView):
    serializer_class = AdjustmentSerializer

    @extend_schema(summary="批准调整（管理员）", request=None, tags=TAGS, parameters=DECISION_PARAMETERS,
                   responses={200: AdjustmentSerializer, **errors(401, 403, 404, 409)})
    def post(self, request, kind: str, pk: int):
        adjustment = approve_adjustment(adjustment=_decision_target(request, kind, pk), user=request.user)
        return Response(AdjustmentSerializer(adjustment_row(adjustment)).data)


class RejectView(GenericAPIView):
    serializer_class = RejectSerializer

    @extend_schema(summary="驳回调整（管理员，须填原因）", request=RejectSerializer, tags=TAGS,
                   parameters=DECISION_PARAMETERS,
                   responses={200: AdjustmentSerializer, **errors(400, 401, 403, 404, 409)})
    def post(self, request, kind: str, pk: int):
        adjustment = _decision_target(request, kind, pk)
        body = RejectSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        adjustment = reject_adjustment(adjustment=adjustment, user=request.user, reason=body.validated_data["reason"])
        return Response(AdjustmentSerializer(adjustment_row(adjustment)).data)


class WithdrawView(GenericAPIView):
    serializer_class = AdjustmentSerializer

    @extend_schema(summary="撤回待审批的调整申请（本部门财务人员）", request=None, tags=TAGS,
                   parameters=DECISION_PARAMETERS, responses={200: AdjustmentSerializer, **errors(401, 403, 404, 409)})
    def post(self, request, kind: str, pk: int):
        adjustment = get_adjustment_for_user(request.user, kind, pk)
        if not can_write_reports(request.user, (adjustment.indicator.project if kind == INDICATOR
                                                else adjustment.project).department_id):
            raise PermissionDenied("只有本部门的财务人员可以撤回调整申请。")
        adjustment = withdraw_adjustment(adjustment=adjustment, user=request.user)
        return Response(AdjustmentSerializer(adjustment_row(adjustment)).data)
