from django.urls import path, re_path

from projects.views import adjustments

app_name = "adjustments"
# At most 19 digits, as the API: ids are 64-bit, and int() refuses a number of 4300 digits or more.
KIND = r"(?P<kind>indicator|budget)/(?P<pk>[0-9]{1,19})"
urlpatterns = [
    path("", adjustments.adjustment_list, name="list"),
    path("new/", adjustments.adjustment_new, name="new"),
    path("audit/", adjustments.audit_trail, name="audit"),
    re_path(rf"^{KIND}/approve/$", adjustments.adjustment_approve, name="approve"),
    re_path(rf"^{KIND}/reject/$", adjustments.adjustment_reject, name="reject"),
]
