"""The pages of what was planned and published: adjustments under /adjustments/ (namespace `adjustments`).

An adjustment is named by kind and id: /adjustments/indicator/12/approve/. The API's adjustment endpoints use the
same pattern (indicators.urls).
"""
from django.urls import path, re_path

from core.ids import ID_PATTERN
from projects.views import adjustments

ADJUSTMENT = rf"(?P<kind>indicator|budget|points)/(?P<pk>{ID_PATTERN})"

adjustment_patterns = [
    path("", adjustments.adjustment_list, name="list"),
    path("new/", adjustments.adjustment_new, name="new"),
    path("audit/", adjustments.audit_trail, name="audit"),
    re_path(rf"^{ADJUSTMENT}/approve/$", adjustments.adjustment_approve, name="approve"),
    re_path(rf"^{ADJUSTMENT}/reject/$", adjustments.adjustment_reject, name="reject"),
    re_path(rf"^{ADJUSTMENT}/withdraw/$", adjustments.adjustment_withdraw, name="withdraw"),
]
