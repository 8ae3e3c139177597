"""Included under /api/. An adjustment is named by kind and id: /api/adjustments/indicator/12/approve/."""
from django.urls import path, re_path

from projects.api import views

app_name = "api_adjustments"
KIND = r"(?P<kind>indicator|budget)/(?P<pk>[0-9]+)"
urlpatterns = [
    path("adjustments/", views.AdjustmentListView.as_view(), name="list"),
    re_path(rf"^adjustments/{KIND}/approve/$", views.ApproveView.as_view(), name="approve"),
    re_path(rf"^adjustments/{KIND}/reject/$", views.RejectView.as_view(), name="reject"),
]
