from django.urls import path

from perf_targets.placeholder import placeholder

app_name = "entry"
urlpatterns = [path("", placeholder, name="index")]
