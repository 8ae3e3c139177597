"""The served application's start-up heap is frozen out of the garbage collector's way (perf_targets/heap.py)."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import gc, perf_targets.wsgi as served; "
    "before = gc.get_freeze_count(); garbage = [[] for _ in range(1000)]; gc.collect(); "
    "print(callable(served.application), before, gc.get_freeze_count())"
)


def test_gunicorns_entry_point_freezes_what_start_up_left_and_nothing_allocated_later():
    # A process of its own: freezing this test process's heap would keep the suite's garbage for good.
    probe = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True,
                           env={"DJANGO_SETTINGS_MODULE": "perf_targets.settings", "PATH": "/usr/bin:/bin",
                                "SECRET_KEY": "test-only-" + "x" * 50, "DEBUG": "1"})
    served, frozen_at_start, frozen_after = probe.stdout.split()
    assert served == "True"
    assert int(frozen_at_start) > 50_000  # Django and the apps, loaded by get_wsgi_application()
    assert int(frozen_after) == int(frozen_at_start)  # later objects stay in the collector's generations
