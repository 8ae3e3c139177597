from django.urls import path

from indicators.api import monitoring

app_name = "api_monitoring"
urlpatterns = [
    path("indicators/<int:pk>/monitoring/", monitoring.IndicatorMonitoringView.as_view(), name="indicator"),
    path("projects/<int:pk>/monitoring/", monitoring.ProjectMonitoringView.as_view(), name="project"),
]
