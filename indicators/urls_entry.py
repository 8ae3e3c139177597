from django.urls import path

from indicators.views import entry

app_name = "entry"
urlpatterns = [
    path("", entry.entry_index, name="index"),
    path("<int:project_id>/", entry.project_entry, name="project"),
    path("<int:project_id>/preview/", entry.entry_preview, name="preview"),
]
