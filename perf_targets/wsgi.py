import os

from django.core.wsgi import get_wsgi_application

from perf_targets.heap import freeze_startup_heap

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "perf_targets.settings")

application = get_wsgi_application()
freeze_startup_heap()
