"""Median time, SQL query count and peak Python memory of one operation, each measured on its own run.

Timing runs carry no instrumentation; the query count comes from one run under CaptureQueriesContext and the
peak from one run under tracemalloc (which slows Python code, so it never shares a run with the clock).
"""
import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.test.utils import CaptureQueriesContext

# A case is prepared before every run (outside the clock) and returns the operation to time.
Prepare = Callable[[int], Callable[[], object]]


@dataclass
class Measure:
    seconds: float  # median of the timed runs
    runs: list[float] = field(default_factory=list)
    queries: int | None = None
    peak_bytes: int | None = None


def measure(prepare: Prepare, *, runs: int, count_queries: bool = True, trace_memory: bool = True) -> Measure:
    run_number = 0

    def next_operation():
        nonlocal run_number
        operation = prepare(run_number)
        run_number += 1
        return operation

    next_operation()()  # warm-up: imports, template loading, connection, caches of the first request
    times = []
    for _ in range(runs):
        operation = next_operation()
        gc.collect()
        start = time.perf_counter()
        operation()
        times.append(time.perf_counter() - start)
    result = Measure(seconds=statistics.median(times), runs=times)
    if count_queries:
        operation = next_operation()
        with CaptureQueriesContext(connection) as captured:
            operation()
        result.queries = len(captured.captured_queries)
    if trace_memory:
        operation = next_operation()
        gc.collect()
        tracemalloc.start()
        try:
            operation()
            result.peak_bytes = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    return result


def floor_time(prepare: Prepare, *, runs: int) -> float:
    return measure(prepare, runs=runs, count_queries=False, trace_memory=False).seconds
