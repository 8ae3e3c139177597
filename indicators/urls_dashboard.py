from django.urls import path

from perf_targets.placeholder import placeholder

urlpatterns = [path("", placeholder, name="dashboard")]
