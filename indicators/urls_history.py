from django.urls import path

from indicators.views import history

app_name = "history"
urlpatterns = [
    path("", history.history_index, name="index"),
    path("indicator/<int:pk>/", history.indicator_history_page, name="indicator"),
    path("project/<int:pk>/", history.project_history_page, name="project"),
]
