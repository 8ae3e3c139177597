"""Page-number pagination; evaluated lists also say which year and as-of date their figures are for."""
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

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
    invalid_page_message = "没有这一页：{page_number}。"

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
