"""Page-number pagination; evaluated lists also say which year and as-of date their figures are for.

`page` and `page_size` are checked like every other parameter: anything but a whole number in range (an empty
value, "abc", 0, a page size over 200) is a 400 with the field named, never silently read as the default. A page
past the last one is a 404.
"""
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from core.ids import whole_number

# Envelope keys besides count/next/previous/results, documented in the schema.
_META_SCHEMA = {
    "year": {"type": "integer", "description": "预算年度"},
    "as_of": {"type": "string", "format": "date", "description": "截至日期"},
    "time_progress": {"type": "string", "description": "序时进度（小数，全精度）"},
}


class ApiPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    max_page = 10**18 - 1
    invalid_page_message = "没有这一页：{page_number}。"

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        size = whole_number(raw, upper=self.max_page_size)
        if size is None:
            raise ValidationError({self.page_size_query_param: [
                f"每页条数应为 1 到 {self.max_page_size} 之间的整数：'{raw}'"]})
        return size

    def get_page_number(self, request, paginator):
        raw = request.query_params.get(self.page_query_param)
        if raw is None:
            return 1
        number = whole_number(raw, upper=self.max_page)
        if number is None:
            raise ValidationError({self.page_query_param: [f"页码应为正整数：'{raw}'"]})
        return number

    def get_paginated_response(self, data, **meta):
        return Response({
            "count": self.page.paginator.count,
            "next": self.get_next_link(),
            "previous": self.get_previous_link(),
            **meta,
            "results": data,
        })

    def get_paginated_response_schema(self, schema):
        envelope = super().get_paginated_response_schema(schema)
        envelope["properties"] = {**envelope["properties"], **_META_SCHEMA}
        return envelope

    def get_schema_operation_parameters(self, view):
        """DRF's two parameters with their bounds, so a schema-driven client knows what is a 400."""
        documented = {
            self.page_query_param: ({"minimum": 1, "maximum": self.max_page}, "页码，从 1 起；超过最后一页为 404"),
            self.page_size_query_param: (
                {"minimum": 1, "maximum": self.max_page_size},
                f"每页条数，1 到 {self.max_page_size}；默认 {self.page_size}",
            ),
        }
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] in documented:
                bounds, description = documented[parameter["name"]]
                parameter["schema"] = {**parameter["schema"], **bounds}
                parameter["description"] = description
        return parameters
