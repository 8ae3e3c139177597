"""The site's addresses: each app's named URL lists mounted under their prefixes and namespaces (names unchanged)."""
from django.contrib import admin
from django.urls import include, path

from core.accounts import LogoutWithMessageView, ThrottledPasswordChangeView
from indicators import urls as judged
from perf_targets.favicon import favicon
from perf_targets.health import healthz
from perf_targets.help import help_image, help_page
from projects import urls as planned

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("help/", help_page, name="help"),
    path("help/img/<str:name>", help_image, name="help-image"),
    # Before Django's own accounts URLs, under the same name: wrong old passwords count toward the lock-out.
    path("accounts/password_change/", ThrottledPasswordChangeView.as_view(), name="password_change"),
    path("accounts/logout/", LogoutWithMessageView.as_view(), name="logout"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("projects/", include((judged.project_patterns, "projects"))),
    path("adjustments/", include((planned.adjustment_patterns, "adjustments"))),
    path("entry/", include((judged.entry_patterns, "entry"))),
    path("history/", include((judged.history_patterns, "history"))),
    path("monitoring/", include((judged.monitoring_patterns, "monitoring"))),
    path("self-evaluation/", include((judged.self_evaluation_patterns, "self_evaluation"))),
    path("review/", include((judged.review_patterns, "review"))),
    path("targets/", include((judged.target_patterns, "targets"))),
    path("evidence/", include((judged.evidence_patterns, "evidence"))),
    path("exports/", include((judged.export_patterns, "exports"))),
    path("exports/", include((judged.monitoring_export_patterns, "monitoring_exports"))),
    path("exports/", include((judged.report_export_patterns, "report_exports"))),
    path("bureau/", include((judged.bureau_patterns, "bureau"))),
    path("rules/", include((judged.rules_patterns, "rules"))),
    path("api/", include(judged.api_patterns)),
    path("", include(judged.dashboard_patterns)),
]
