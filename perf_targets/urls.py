from django.contrib import admin
from django.urls import include, path

from perf_targets.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("projects/", include("projects.urls")),
    path("adjustments/", include("projects.urls_adjustments")),
    path("entry/", include("indicators.urls_entry")),
    path("history/", include("indicators.urls_history")),
    path("monitoring/", include("indicators.urls_monitoring")),
    path("exports/", include("indicators.urls_exports")),
    path("exports/", include("indicators.urls_monitoring_exports")),
    path("api/", include("indicators.api.urls")),
    path("api/", include("indicators.api.urls_monitoring")),
    path("api/", include("projects.api.urls")),
    path("", include("indicators.urls_dashboard")),
]
