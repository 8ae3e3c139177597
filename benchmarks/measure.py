"""One size on one scratch database, in its own process: generate the data, measure every case, write JSON.

    python -m benchmarks.measure --departments 100 --projects 1500 --runs 5 --json out.json [--no-generate]

run.py starts it with DATABASE_URL pointing at a migrated scratch database and production settings (DEBUG off).
"""
import argparse
import contextlib
import functools
import json
import statistics
import sys
import time
from pathlib import Path

import django


def _args(argv):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--departments", type=int, required=True)
    parser.add_argument("--projects", type=int, required=True)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per case (the median is reported)")
    parser.add_argument("--slow-runs", type=int, default=None, help="timed runs of the export and the import")
    parser.add_argument("--json", required=True, help="where to write the results")
    parser.add_argument("--work-dir", required=True)
    parser.add_argument("--no-generate", action="store_true", help="the database already holds the data")
    parser.add_argument("--only", help="comma-separated case keys")
    parser.add_argument("--export-process", action="store_true",
                        help="time the export only in processes of its own (no warm-up, no tracemalloc)")
    return parser.parse_args(argv)


def main(argv=None) -> None:
    args = _args(argv)
    django.setup()
    from django.core.management import call_command

    from benchmarks import bureau_cases, cases
    from benchmarks.timing import Measure, measure
    from indicators.models import ExpenditureReport, IndicatorReport
    from projects.models import Department, Indicator, Project

    work_dir = Path(args.work_dir)
    generated_in = None
    if not args.no_generate:
        start = time.perf_counter()
        call_command("generate_demo", departments=args.departments, projects=args.projects, seed=args.seed,
                     stdout=sys.stderr)
        generated_in = time.perf_counter() - start
    data = {
        "departments": Department.objects.count(), "projects": Project.objects.count(),
        "indicators": Indicator.objects.count(), "reports": IndicatorReport.objects.count(),
        "expenditures": ExpenditureReport.objects.count(), "generated_seconds": generated_in,
    }
    ctx = cases.make_context(work_dir)
    slow_runs = args.slow_runs or args.runs
    wanted = set(args.only.split(",")) if args.only else None
    results = []
    read_cases = functools.partial(cases.read_cases, isolated_export=args.export_process)
    writes = (cases.entry_page_case, cases.entry_case, cases.import_case)
    for make in (cases.healthz, read_cases, bureau_cases.bureau_cases, *writes):
        made = make(ctx)
        for case in made if isinstance(made, list) else [made]:
            if wanted is not None and case.key not in wanted and case.key != "healthz":
                continue
            runs = slow_runs if case.key in ("export", "import") else args.runs
            print(f"  {case.key} …", file=sys.stderr, flush=True)
            own = None
            if case.isolated:
                # Each run in a process of its own: its time, queries and peak RSS; no warm-up, no tracemalloc.
                own = [case.process() for _ in range(runs)]
                result = Measure(statistics.median(o["seconds"] for o in own), [o["seconds"] for o in own],
                                 queries=own[0]["queries"])
                floor_alone = measure(case.floor, runs=runs, count_queries=False, trace_memory=False, warm_up=False)
                result.floor_seconds, result.floor_runs = floor_alone.seconds, floor_alone.runs
            else:
                with (case.clock() if case.clock else contextlib.nullcontext()):
                    result = measure(case.prepare, runs=runs, floor=case.floor)
                if case.process:
                    own = [case.process()]
            results.append({
                "key": case.key, "label": case.label, "seconds": result.seconds, "runs": result.runs,
                "floor_runs": result.floor_runs,
                "queries": result.queries, "peak_bytes": result.peak_bytes, "floor_seconds": result.floor_seconds,
                "floor_kind": case.floor_kind, "note": ctx.notes.get(case.key),
                "peak_rss_bytes": max(o["peak_rss_bytes"] for o in own) if own else None,
                "baseline_rss_bytes": own[0]["baseline_rss_bytes"] if own else None,
                "own_process_seconds": [o["seconds"] for o in own] if own else None,
            })
    Path(args.json).write_text(json.dumps({"data": data, "cases": results}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
