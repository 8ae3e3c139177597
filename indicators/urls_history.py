from django.urls import path

from perf_targets.placeholder import placeholder

app_name = "history"
urlpatterns = [path("", placeholder, name="index")]
