from django.urls import path

from perf_targets.placeholder import placeholder

app_name = "adjustments"
urlpatterns = [path("", placeholder, name="list")]
