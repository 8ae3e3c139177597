"""The REST API under /api/ (OpenAPI at /api/schema/, interactive docs at /api/docs/ served from the project)."""
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from indicators.api import views_indicators, views_ledger, views_projects, views_summary

app_name = "api"
urlpatterns = [
    path("projects/", views_projects.ProjectListView.as_view(), name="project-list"),
    path("projects/<int:pk>/", views_projects.ProjectDetailView.as_view(), name="project-detail"),
    path("projects/<int:pk>/expenditures/", views_ledger.ExpenditureReportsView.as_view(), name="project-expenditures"),
    path("indicators/", views_indicators.IndicatorListView.as_view(), name="indicator-list"),
    path("indicators/<int:pk>/", views_indicators.IndicatorDetailView.as_view(), name="indicator-detail"),
    path("indicators/<int:pk>/reports/", views_ledger.IndicatorReportsView.as_view(), name="indicator-reports"),
    path("summary/", views_summary.SummaryView.as_view(), name="summary"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
]
