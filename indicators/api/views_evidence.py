"""Evidence files (佐证材料, DOMAIN §9) through the API: GET lists a project's files, POST adds one through
indicators.services.evidence, the write path the pages use too. Files are read back only through the download view,
which checks who may see the project."""
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from core.errors import DomainError
from indicators.api.bodies import validated
from indicators.api.pagination import ApiPagination
from indicators.api.permissions import project_for
from indicators.api.schema import errors
from indicators.api.serializers_evidence import EvidenceInput, EvidenceSerializer
from indicators.evidence_models import EvidenceFile
from indicators.selectors.evidence import project_files
from indicators.services.evidence import add_evidence

TAGS = ["佐证材料"]


class ProjectEvidenceView(GenericAPIView):
    pagination_class = ApiPagination
    serializer_class = EvidenceSerializer
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        summary="项目的佐证材料（含已移除的，最早在前）",
        description="每个文件的 name、size、sha256、上传人与时间、是否已移除，以及 download 下载地址。",
        responses={200: EvidenceSerializer(many=True), **errors(400, 401, 404)},
        tags=TAGS,
    )
    def get(self, request, pk: int):
        page = self.paginate_queryset(project_files(project_for(request, pk)))
        return self.get_paginated_response(EvidenceSerializer(page, many=True, context={"request": request}).data)

    @extend_schema(
        summary="上传佐证材料（本部门财务人员）",
        description="multipart/form-data：file；属于某一指标时加 indicator（指标 id），属于预算执行时加 line=budget，"
        "都不填即属于项目整体。类型按文件内容核对（扩展名须与内容一致），超过大小上限整体拒绝。",
        request={"multipart/form-data": EvidenceInput},
        responses={201: OpenApiResponse(EvidenceSerializer, description="已保存"), **errors(400, 401, 403, 404, 409)},
        tags=TAGS,
    )
    def post(self, request, pk: int):
        project = project_for(request, pk)
        data = validated(EvidenceInput, request)
        line = {"budget_line": True} if data.get("line") else {}
        if "indicator" in data:
            line["indicator"] = project.indicators.filter(pk=data["indicator"]).first()
            if line["indicator"] is None:
                raise DomainError(f"该项目没有 id 为 {data['indicator']} 的指标。", field="indicator")
        added = add_evidence(project=project, user=request.user, upload=data["file"], **line)
        body = EvidenceSerializer(EvidenceFile.objects.select_related("entered_by").get(pk=added.pk),
                                  context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)
