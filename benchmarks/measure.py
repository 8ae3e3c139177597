"""One size on one scratch database, in its own process: generate the data, measure every case, write JSON.

    python -m benchmarks.measure --departments 100 --projects 1500 --runs 5 --json out.json [--no-generate]

run.py starts it with DATABASE_URL pointing at a migrated scratch database and production settings (DEBUG off).
"""
import argparse
import contextlib
import json
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
    return parser.parse_args(argv)


def main(argv=None) -> None:
    args = _args(argv)
    django.setup()
    from django.core.management import call_command

    from benchmarks import cases
    from benchmarks.timing import floor_time, measure
    from projects.models import Department, Indicator, Project
    from indicators.models import ExpenditureReport, IndicatorReport

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
    for make in (cases.healthz, cases.read_cases, cases.entry_case, cases.import_case):
        made = make(ctx)
        for case in made if isinstance(made, list) else [made]:
            if wanted is not None and case.key not in wanted and case.key != "healthz":
                continue
            runs = slow_runs if case.key in ("export", "import") else args.runs
            print(f"  {case.key} …", file=sys.stderr, flush=True)
            with (case.clock() if case.clock else contextlib.nullcontext()):
                result = measure(case.prepare, runs=runs)
                floor = floor_time(case.floor, runs=runs) if case.floor else None
            results.append({
                "key": case.key, "label": case.label, "seconds": result.seconds, "runs": result.runs,
                "queries": result.queries, "peak_bytes": result.peak_bytes, "floor_seconds": floor,
                "floor_kind": case.floor_kind, "note": ctx.notes.get(case.key),
            })
    Path(args.json).write_text(json.dumps({"data": data, "cases": results}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
