"""Included under /api/. An adjustment is named by kind and id: /api/adjustments/indicator/12/approve/."""
from django.urls import path, re_path

from indicators.api.errors import not_found
from projects.api import views
from projects.urls_adjustments import KIND

app_name = "api_adjustments"
urlpatterns = [
    path("adjustments/", views.AdjustmentListView.as_view(), name="list"),
    re_path(rf"^adjustments/{KIND}/approve/$", views.ApproveView.as_view(), name="approve"),
    re_path(rf"^adjustments/{KIND}/reject/$", views.RejectView.as_view(), name="reject"),
    # This file is the last of the /api/ includes in perf_targets/urls.py, so this catch-all sees only paths no
    # endpoint matched: they get the API's JSON 404 rather than the site's HTML page. Keep it last.
    # [\s\S], not ".": a path may hold a newline (%0A).
    re_path(r"^[\s\S]*$", not_found, name="not-found"),
]
