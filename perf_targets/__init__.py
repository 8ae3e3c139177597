# The Celery app loads with Django, so that `shared_task`s bind to it (Celery's documented Django layout).
from perf_targets.celery import app as celery_app

__all__ = ["celery_app"]
