"""The start-up heap out of the garbage collector's way.

Everything alive once the application has started (modules, settings, URL patterns, models' metadata: some 300,000
objects) lives as long as the process. Left in the collector's oldest generation, it is scanned again by every full
collection, and a large page triggers several: the bureau's 1,500 projects spent about 15 ms of a 70 ms request
collecting, 3 ms once frozen (docs/benchmarks.md, the bureau page). `gc.freeze()` moves it to the permanent
generation, which no collection visits; what requests allocate is collected as before.
"""
import gc


def freeze_startup_heap() -> None:
    gc.collect()  # what start-up left as garbage is freed first, not frozen
    gc.freeze()
