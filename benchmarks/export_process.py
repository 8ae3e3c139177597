"""One `export_xlsx` in a process of its own: its time, SQL query count and the process's peak resident memory.

    python -m benchmarks.export_process OUT.xlsx --department CODE --year 2026 --as-of 2026-07-31

Prints one JSON line: seconds (the command alone, after Django and the export modules are imported), queries,
peak_rss_bytes (the whole process, as the operating system counts it: Python objects, the database driver's
buffers, XlsxWriter's) and baseline_rss_bytes (the same process just before the export). tracemalloc, which the other
cases use, follows Python allocations only and slows an export several times over; this is what a 500 MB goal is
about. Started by benchmarks.measure with the benchmark's environment.
"""
import argparse
import io
import json
import resource
import time
from pathlib import Path


def _status_bytes(field: str) -> int | None:
    """A memory line of /proc/self/status (Linux) in bytes; None elsewhere."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def _peak_rss_bytes() -> int:
    """This process's peak resident memory. Linux: VmHWM, which starts afresh at exec; getrusage's ru_maxrss would
    carry over the peak of the process that started this one (fork, then exec) when it was larger."""
    peak = _status_bytes("VmHWM")
    if peak is not None:
        return peak
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux, bytes on macOS


def _current_rss_bytes() -> int | None:
    return _status_bytes("VmRSS")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output")
    parser.add_argument("--department", required=True)
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--as-of", dest="as_of", required=True)
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    import indicators.exports.workbook  # noqa: F401  (imported before the baseline, like a warm server)

    connection.ensure_connection()
    baseline = _current_rss_bytes() or _peak_rss_bytes()
    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        start = time.perf_counter()
        call_command("export_xlsx", args.output, department=args.department, year=args.year, as_of=args.as_of,
                     stdout=io.StringIO())
        seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "queries": queries, "peak_rss_bytes": _peak_rss_bytes(),
                      "baseline_rss_bytes": baseline}))


if __name__ == "__main__":
    main()
