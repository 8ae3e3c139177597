from django.urls import path

from perf_targets.placeholder import placeholder

app_name = "exports"
urlpatterns = [path("", placeholder, name="index")]
