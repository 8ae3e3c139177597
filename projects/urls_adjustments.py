from django.urls import path, re_path

from projects.ids import ID_PATTERN
from projects.views import adjustments

app_name = "adjustments"
KIND = rf"(?P<kind>indicator|budget)/(?P<pk>{ID_PATTERN})"
urlpatterns = [
    path("", adjustments.adjustment_list, name="list"),
    path("new/", adjustments.adjustment_new, name="new"),
    path("audit/", adjustments.audit_trail, name="audit"),
    re_path(rf"^{KIND}/approve/$", adjustments.adjustment_approve, name="approve"),
    re_path(rf"^{KIND}/reject/$", adjustments.adjustment_reject, name="reject"),
]
