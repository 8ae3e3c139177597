"""Next year's draft through the API (issue #22): the same services as the draft page (indicators.services.drafting,
projects.drafts), the same rights: finance of the department writes; finance, reviewers, auditors, the bureau and
admins read (core.roles.can_see_drafts); a manager sees a table only once it is published (404 before).

    GET/POST   /api/drafts/                                   the drafts one may see; draft `year` from `year - 1`
    GET        /api/drafts/<id>/                              a draft with its projects and lines (历史标准 beside)
    POST       /api/drafts/<id>/projects/                     add a project
    DELETE     /api/drafts/<id>/projects/<project>/           remove a project
    POST       /api/drafts/<id>/projects/<project>/lines/     add a line
    PATCH/DELETE /api/drafts/<id>/lines/<line>/               change or remove a line
    POST       /api/drafts/<id>/publish/                      publish: the year's 年初 targets
"""
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from core.roles import can_see_drafts, can_write_reports, visible_departments
from indicators.api.bodies import validated
from indicators.api.filters import MAX_YEAR, MIN_YEAR, read_query
from indicators.api.schema import errors
from indicators.services.drafting import draft_next_year
from projects import drafts
from projects.models import Department, DraftIndicator, DraftProject, DraftTable
from projects.vocabulary import Operator

TAGS = ["下一年度目标草稿"]
WRITERS_ONLY = "只有本部门的财务人员可以起草和修改下一年度目标。"
NOT_FOUND = "没有找到该草稿，或您无权查看。"


class DraftLineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    order = serializers.IntegerField(help_text="指标序号")
    name = serializers.CharField(help_text="指标名称")
    operator = serializers.CharField(help_text="运算符；定性指标为空")
    target_text = serializers.CharField(help_text="年度目标值（原文）")
    unit = serializers.CharField()
    key = serializers.CharField(help_text="指标编码（跨年不变）；新指标为空，发布时编码")
    last_target_text = serializers.CharField(help_text="上年目标值")
    last_actual_text = serializers.CharField(help_text="上年实际（历史标准）；上年未填报为空")


class DraftProjectSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    seq = serializers.IntegerField(help_text="项目序号")
    name = serializers.CharField()
    code = serializers.CharField(help_text="项目编码（跨年不变）；新项目为空，发布时编码")
    budget = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="预算金额（万元）")
    own_level = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="本级支出（万元）")
    transfer = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="转移支付支出（万元）")
    lines = DraftLineSerializer(source="indicators.all", many=True)


class DraftSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    department = serializers.CharField(source="department.code", help_text="部门代码")
    year = serializers.IntegerField(help_text="草稿的年度")
    source_year = serializers.IntegerField(allow_null=True, help_text="起草依据的年度")
    state = serializers.ChoiceField(choices=DraftTable.State.choices, help_text="draft：起草中；published：已发布")
    state_label = serializers.CharField(source="get_state_display")
    created_at = serializers.DateTimeField()
    published_at = serializers.DateTimeField(allow_null=True)


class DraftSerializer(DraftSummarySerializer):
    projects = DraftProjectSerializer(source="projects.all", many=True)


class CreateDraftInput(serializers.Serializer):
    department = serializers.CharField(max_length=50, help_text="部门代码")
    year = serializers.IntegerField(min_value=MIN_YEAR + 1, max_value=MAX_YEAR,
                                    help_text="要起草的年度；从上一年度的目标表起草，每条指标带出上年目标和上年实际")


class ProjectInput(serializers.Serializer):
    name = serializers.CharField(max_length=300, allow_blank=True)
    budget = serializers.CharField(max_length=30, help_text="预算金额（万元），如 12.50")
    own_level = serializers.CharField(max_length=30, help_text="本级支出（万元）；与转移支付之和须等于预算金额")
    transfer = serializers.CharField(max_length=30, required=False, default="0", allow_blank=True,
                                     help_text="转移支付支出（万元），默认 0")


class LineInput(serializers.Serializer):
    name = serializers.CharField(max_length=500, allow_blank=True)
    operator = serializers.ChoiceField(choices=[("", "定性"), *[(op.value, op.value) for op in Operator]],
                                       required=False, default="", allow_blank=True, help_text="≥ ≤ = > < 或空（定性）")
    target_text = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    unit = serializers.CharField(max_length=50, required=False, default="", allow_blank=True)


class LinePatch(LineInput):
    """Only the fields sent change; the others keep their values."""

    name = serializers.CharField(max_length=500, allow_blank=True, required=False)
    operator = serializers.ChoiceField(choices=LineInput().fields["operator"].choices, required=False,
                                       allow_blank=True)
    target_text = serializers.CharField(max_length=200, required=False, allow_blank=True)
    unit = serializers.CharField(max_length=50, required=False, allow_blank=True)


def _drafts_of(user):
    departments = [d.pk for d in visible_departments(user) if can_see_drafts(user, d.pk)]
    lines = Prefetch("indicators", queryset=DraftIndicator.objects.order_by("order"))
    return (DraftTable.objects.filter(department_id__in=departments).select_related("department")
            .prefetch_related(Prefetch("projects", queryset=DraftProject.objects.order_by("seq")
                                       .prefetch_related(lines))))


def _draft(request, pk: int, *, write: bool) -> DraftTable:
    draft = _drafts_of(request.user).filter(pk=pk).first()
    if draft is None:
        raise Http404(NOT_FOUND)
    if write and not can_write_reports(request.user, draft.department_id):
        raise PermissionDenied(WRITERS_ONLY)
    return draft


def _answer(draft_id: int, request, code: int = status.HTTP_200_OK) -> Response:
    return Response(DraftSerializer(_drafts_of(request.user).get(pk=draft_id)).data, status=code)


class DraftListQuery(serializers.Serializer):
    department = serializers.CharField(required=False, allow_blank=True, max_length=50, help_text="部门代码")
    year = serializers.IntegerField(required=False, min_value=MIN_YEAR + 1, max_value=MAX_YEAR, help_text="草稿的年度")


class DraftListView(GenericAPIView):
    serializer_class = DraftSummarySerializer
    pagination_class = None  # a draft per department and coming year: a short list

    @extend_schema(summary="下一年度目标草稿列表", tags=TAGS, responses={200: DraftSummarySerializer(many=True),
                                                                          **errors(400, 401)},
                   parameters=[DraftListQuery])
    def get(self, request):
        params = read_query(request, DraftListQuery)  # a year that is not a whole number: 400, as every list
        rows = _drafts_of(request.user).order_by("department__code", "year")
        if params.get("department"):
            rows = rows.filter(department__code=params["department"])
        if params.get("year") is not None:
            rows = rows.filter(year=params["year"])
        return Response(DraftSummarySerializer(rows.prefetch_related(None), many=True).data)

    @extend_schema(summary="从上一年度起草（本部门财务人员）", request=CreateDraftInput, tags=TAGS,
                   description="与草稿页面的「起草」相同：每条指标带出上年目标与上年实际（历史标准）。"
                   "草稿已存在、该年度已发布或上一年度没有目标表时 400。",
                   responses={201: DraftSerializer, **errors(400, 401, 403, 404)})
    def post(self, request):
        given = validated(CreateDraftInput, request)
        department = Department.objects.filter(code=given["department"]).first()
        if department is None or not can_see_drafts(request.user, department.pk):
            raise Http404("没有找到该部门。")
        if not can_write_reports(request.user, department.pk):
            raise PermissionDenied(WRITERS_ONLY)
        draft = draft_next_year(department=department, year=given["year"] - 1, user=request.user)
        return _answer(draft.pk, request, status.HTTP_201_CREATED)


class DraftDetailView(GenericAPIView):
    serializer_class = DraftSerializer

    @extend_schema(summary="草稿：项目与指标，每条带上年目标和上年实际", tags=TAGS,
                   responses={200: DraftSerializer, **errors(401, 404)})
    def get(self, request, pk: int):
        return Response(DraftSerializer(_draft(request, pk, write=False)).data)


class DraftProjectsView(GenericAPIView):
    serializer_class = DraftSerializer

    @extend_schema(summary="添加项目（随后为它添加指标）", request=ProjectInput, tags=TAGS,
                   responses={201: DraftSerializer, **errors(400, 401, 403, 404)})
    def post(self, request, pk: int):
        draft = _draft(request, pk, write=True)
        drafts.add_project(draft=draft, user=request.user, **validated(ProjectInput, request))
        return _answer(draft.pk, request, status.HTTP_201_CREATED)


def _child(model, draft: DraftTable, pk: int, path: str):
    found = model.objects.filter(pk=pk, **{path: draft}).first()
    if found is None:
        raise Http404("草稿中没有找到。")
    return found


class DraftProjectView(GenericAPIView):
    serializer_class = DraftSerializer

    @extend_schema(summary="删除项目（连同其指标）", tags=TAGS, responses={204: None, **errors(400, 401, 403, 404)})
    def delete(self, request, pk: int, project: int):
        draft = _draft(request, pk, write=True)
        drafts.remove_project(project=_child(DraftProject, draft, project, "table"), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class DraftProjectLinesView(GenericAPIView):
    serializer_class = DraftSerializer

    @extend_schema(summary="为项目添加指标", request=LineInput, tags=TAGS,
                   responses={201: DraftSerializer, **errors(400, 401, 403, 404)})
    def post(self, request, pk: int, project: int):
        draft = _draft(request, pk, write=True)
        found = _child(DraftProject, draft, project, "table")
        drafts.add_line(project=found, user=request.user, **validated(LineInput, request))
        return _answer(draft.pk, request, status.HTTP_201_CREATED)


class DraftLineView(GenericAPIView):
    serializer_class = DraftSerializer

    @extend_schema(summary="修改指标（名称、运算符、目标值、单位；未给出的字段不变）", request=LinePatch, tags=TAGS,
                   responses={200: DraftSerializer, **errors(400, 401, 403, 404)})
    def patch(self, request, pk: int, line: int):
        draft = _draft(request, pk, write=True)
        found = _child(DraftIndicator, draft, line, "project__table")
        given = validated(LinePatch, request)
        values = {name: given.get(name, getattr(found, name)) for name in ("name", "operator", "target_text", "unit")}
        drafts.update_line(line=found, user=request.user, **values)
        return _answer(draft.pk, request)

    @extend_schema(summary="删除指标（项目至少保留一条）", tags=TAGS, responses={204: None, **errors(400, 401, 403, 404)})
    def delete(self, request, pk: int, line: int):
        draft = _draft(request, pk, write=True)
        drafts.remove_line(line=_child(DraftIndicator, draft, line, "project__table"), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class DraftPublishView(GenericAPIView):
    serializer_class = DraftSerializer

    @extend_schema(summary="发布：草稿成为该年度的年初目标", request=None, tags=TAGS,
                   description="与草稿页面的「发布」相同：按汇总表格式导入；已发布的草稿不能再改。",
                   responses={200: DraftSerializer, **errors(400, 401, 403, 404)})
    def post(self, request, pk: int):
        draft = _draft(request, pk, write=True)
        drafts.publish(draft=draft, user=request.user)
        return _answer(draft.pk, request)
