"""Evidence files (佐证材料) out, and what a client sends to add one. Serializers only translate: the rules (which
files, how large, who may add them) live in indicators.services.evidence."""
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from indicators.api.permissions import MAX_ID
from indicators.api.serializers_write import UserRefSerializer
from indicators.evidence_types import ACCEPTED_TEXT
from indicators.selectors.evidence import BUDGET, PROJECT


class RemovalSerializer(serializers.Serializer):
    reason = serializers.CharField(read_only=True)
    removed_by = UserRefSerializer(read_only=True)
    removed_at = serializers.DateTimeField(read_only=True)


class EvidenceSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    project = serializers.IntegerField(source="project_id", read_only=True)
    line = serializers.SerializerMethodField()
    indicator = serializers.IntegerField(source="indicator_id", read_only=True, allow_null=True)
    name = serializers.CharField(read_only=True, help_text="上传时的文件名")
    size = serializers.IntegerField(read_only=True, help_text="字节数")
    sha256 = serializers.CharField(read_only=True, help_text="文件内容的 SHA-256（64 位十六进制）")
    content_type = serializers.CharField(read_only=True, help_text="按文件内容判定的类型")
    entered_by = UserRefSerializer(read_only=True)
    entered_at = serializers.DateTimeField(read_only=True)
    removal = serializers.SerializerMethodField()
    download = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ChoiceField(choices=[PROJECT, BUDGET, "indicator"]))
    def get_line(self, file) -> str:
        """project：项目整体；budget：预算执行；indicator：某一指标（见 indicator）"""
        return "indicator" if file.indicator_id else (BUDGET if file.budget_line else PROJECT)

    @extend_schema_field(RemovalSerializer(allow_null=True))
    def get_removal(self, file):
        removal = getattr(file, "removal", None)  # reverse one-to-one: absent raises AttributeError
        return RemovalSerializer(removal).data if removal else None

    def get_download(self, file) -> str:
        """下载地址（需登录，且有权查看该项目）"""
        path = reverse("evidence:download", args=[file.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class EvidenceInput(serializers.Serializer):
    file = serializers.FileField(
        help_text=f"佐证材料：{ACCEPTED_TEXT}，按内容核对类型，大小受 EVIDENCE_MAX_BYTES 限制（默认 20 MB）",
        allow_empty_file=True,  # the service refuses an empty file with its own message
        use_url=False,
        error_messages={"required": "请选择要上传的文件。", "invalid": "没有收到文件：请以 multipart/form-data 上传 file。",
                        "no_name": "文件没有文件名。", "max_length": "文件名过长。"},
    )
    indicator = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text="属于某一指标时填该指标的 id",
        error_messages={"invalid": "indicator 应为指标的 id（正整数）。"},
    )
    line = serializers.ChoiceField(
        choices=[(BUDGET, "预算执行")], required=False, help_text="属于预算执行时填 budget；两者都不填即属于项目整体",
        error_messages={"invalid_choice": "line 只能是 budget（预算执行）。"},
    )

    def validate(self, attrs):
        if "indicator" in attrs and "line" in attrs:
            raise serializers.ValidationError({"line": ["indicator 与 line 只能填一个：一份材料只属于一行。"]})
        return attrs
