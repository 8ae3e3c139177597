"""OpenAPI pieces shared by every API module: the error bodies and the common query parameters."""
from drf_spectacular.utils import OpenApiExample, OpenApiResponse

FIELD_ERRORS_SCHEMA = {
    "type": "object",
    "description": "字段名 → 中文错误信息列表；与字段无关的错误在 non_field_errors 下",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
DETAIL_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}

ERROR_RESPONSES = {
    400: OpenApiResponse(
        FIELD_ERRORS_SCHEMA,
        description="输入有误，未保存任何内容",
        examples=[OpenApiExample("数值有误", value={"value": ["请输入数字：'abc'"]}, response_only=True)],
    ),
    401: OpenApiResponse(DETAIL_SCHEMA, description="未登录：请用 Authorization: Token … 或登录会话"),
    403: OpenApiResponse(DETAIL_SCHEMA, description="无权操作：只有本部门的财务人员可以填报"),
    404: OpenApiResponse(DETAIL_SCHEMA, description="没有找到，或不在本人可见的部门"),
    409: OpenApiResponse(
        FIELD_ERRORS_SCHEMA,
        description="冲突：要更正的记录已被他人更正，或当前记录已被他人更新；未保存任何内容",
        examples=[OpenApiExample("已被更正", value={"corrects": ["该记录已被更正过：请在最新记录的基础上更正。"]},
                                 response_only=True)],
    ),
}


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    """The documented error responses of an operation, e.g. `{**ok, **errors(400, 401, 404)}`."""
    return {code: ERROR_RESPONSES[code] for code in codes}
