"""The Celery application of the background jobs (issue #21): `celery -A perf_targets worker -l info`.

Settings come from Django's (CELERY_*); tasks are found in each app's `tasks` module.
"""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "perf_targets.settings")

app = Celery("perf_targets")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["indicators.jobs"])
