"""Median time, SQL query count and peak Python memory of one operation, each measured on its own run.

Timing runs carry no instrumentation and alternate with the floor's runs; the query count comes from one run under
CaptureQueriesContext and the peak from one run under tracemalloc (which slows Python code, so it never shares a
run with the clock).
"""
import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.test.utils import CaptureQueriesContext

from perf_targets.heap import freeze_startup_heap

# A case is prepared before every run (outside the clock) and returns the operation to time.
Prepare = Callable[[int], Callable[[], object]]


@dataclass
class Measure:
    seconds: float  # median of the timed runs
    runs: list[float] = field(default_factory=list)
    queries: int | None = None
    peak_bytes: int | None = None
    floor_seconds: float | None = None  # median of the floor's runs, interleaved with the operation's
    floor_runs: list[float] = field(default_factory=list)


class _Runs:
    """Hands out a prepared operation per run, numbering the runs (prepare sees 0, 1, 2, …)."""

    def __init__(self, prepare: Prepare):
        self.prepare, self.number = prepare, 0

    def next(self) -> Callable[[], object]:
        operation = self.prepare(self.number)
        self.number += 1
        return operation


def _timed(operation: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    operation()
    return time.perf_counter() - start


def measure(prepare: Prepare, *, runs: int, floor: Prepare | None = None, count_queries: bool = True,
            trace_memory: bool = True, warm_up: bool = True) -> Measure:
    """The operation's runs alternate with its floor's, so that both see the same load of a shared machine."""
    operation_runs = _Runs(prepare)
    floor_runs = _Runs(floor) if floor else None
    if warm_up:
        operation_runs.next()()  # warm-up: imports, template loading, connection, caches of the first request
        if floor_runs:
            floor_runs.next()()
    # As a served worker's (perf_targets/wsgi.py): what is alive now (here also the generated data and the cases
    # built so far) is out of the collector's way; the runs' own allocations are collected as in a request.
    freeze_startup_heap()
    times, floor_times = [], []
    for _ in range(runs):
        times.append(_timed(operation_runs.next()))
        if floor_runs:
            floor_times.append(_timed(floor_runs.next()))
    result = Measure(seconds=statistics.median(times), runs=times, floor_runs=floor_times,
                     floor_seconds=statistics.median(floor_times) if floor_times else None)
    if count_queries:
        operation = operation_runs.next()
        with CaptureQueriesContext(connection) as captured:
            operation()
        result.queries = len(captured.captured_queries)
    if trace_memory:
        operation = operation_runs.next()
        gc.collect()
        tracemalloc.start()
        try:
            operation()
            result.peak_bytes = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    return result

