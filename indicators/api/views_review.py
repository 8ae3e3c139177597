"""送审与审核 through the API (DOMAIN §9): GET the state, its history and what is missing; POST the four changes
through indicators.services.review, the write path the review page uses too.

Refusals: 400 `{non_field_errors, missing}` (送审 with items missing) or `{reason}` (no reason); 403 `{detail}`
(the wrong role, or the submitter approving their own work); 409 (a change the state does not allow).
"""
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from indicators.api.bodies import validated
from indicators.api.permissions import project_for
from indicators.api.schema import errors
from indicators.api.serializers_write import UserRefSerializer
from indicators.selectors.review import project_review, review_history
from indicators.services import review as service
from projects.choices import ReviewAction, ReviewState

TAGS = ["送审与审核"]
REASON_LIMIT = 2000


class ReviewEventSerializer(serializers.Serializer):
    number = serializers.IntegerField(read_only=True, help_text="第几次状态变更")
    action = serializers.ChoiceField(choices=ReviewAction.choices, read_only=True)
    from_state = serializers.ChoiceField(choices=ReviewState.choices, read_only=True)
    to_state = serializers.ChoiceField(choices=ReviewState.choices, read_only=True)
    by = UserRefSerializer(read_only=True)
    at = serializers.DateTimeField(read_only=True)
    reason = serializers.CharField(read_only=True, help_text="退回、撤销审核的原因")


class MissingItemSerializer(serializers.Serializer):
    kind = serializers.CharField(read_only=True, help_text="text、basis、achievement、problems、measures 或 adjustment")
    message = serializers.CharField(read_only=True)
    url = serializers.CharField(read_only=True, help_text="在哪个页面完成（站内地址）")


class ReviewSerializer(serializers.Serializer):
    project = serializers.IntegerField(read_only=True)
    state = serializers.ChoiceField(choices=ReviewState.choices, read_only=True,
                                    help_text="draft 填报中 · submitted 已送审 · returned 已退回 · approved 已审核")
    state_label = serializers.CharField(read_only=True)
    locked = serializers.BooleanField(read_only=True, help_text="已送审或已审核：项目的数据不能修改")
    history = ReviewEventSerializer(many=True, read_only=True)
    missing = MissingItemSerializer(many=True, read_only=True, help_text="送审前尚需完成的各项（已送审、已审核时为空）")


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField(max_length=REASON_LIMIT, allow_blank=True, required=False, default="",
                                   help_text="原因（退回、撤销审核时必填）")


def _body(project) -> dict:
    row = project_review(project)
    return ReviewSerializer({
        "project": project.pk, "state": row.state.value, "state_label": row.label, "locked": row.locked,
        "history": review_history(project), "missing": [] if row.locked else row.missing,
    }).data


class ReviewView(GenericAPIView):
    serializer_class = ReviewSerializer

    @extend_schema(summary="项目的自评状态、送审记录与尚缺内容",
                   responses={200: ReviewSerializer, **errors(401, 404)}, tags=TAGS)
    def get(self, request, pk: int):
        return Response(_body(project_for(request, pk, write=False)))


def _change(summary: str, description: str, *, reason: bool, call):
    class ChangeView(GenericAPIView):
        serializer_class = ReviewSerializer

        @extend_schema(summary=summary, description=description, request=ReasonInput if reason else None,
                       responses={200: OpenApiResponse(ReviewSerializer, description="已变更；返回项目的自评状态"),
                                  **errors(400, 401, 403, 404, 409)}, tags=TAGS)
        def post(self, request, pk: int):
            project = project_for(request, pk, write=False)  # who may is the review service's to say
            given = validated(ReasonInput, request) if reason else {}
            call(project=project, user=request.user, **given)
            return Response(_body(project))

    return ChangeView.as_view()


submit_view = _change(
    "送审（本部门财务人员）",
    "尚有缺项（年终说明、评价依据、项目文字、待审批的调整）时 400，missing 列出每一项。", reason=False,
    call=service.submit)
approve_view = _change("审核通过（本部门审核人员，非送审人）", "送审人本人审核时 403。", reason=False, call=service.approve)
return_view = _change("退回（本部门审核人员，非送审人）", "须填 reason。", reason=True, call=service.return_for_changes)
reopen_view = _change("撤销审核（管理员）", "须填 reason；项目回到填报中。", reason=True, call=service.reopen)
