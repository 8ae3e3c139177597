from django.urls import path

from indicators.views import monitoring

app_name = "monitoring"
urlpatterns = [
    path("", monitoring.round_index, name="index"),
    path("upload/", monitoring.upload, name="upload"),
    path("<int:project_id>/", monitoring.project_sheet, name="project"),
]
