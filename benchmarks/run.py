"""`make bench`: every case at three sizes, on SQLite and (when DATABASE_URL names one) PostgreSQL, in one table.

    python -m benchmarks.run [--sizes 1/15,100/1,500,…] [--backends sqlite,postgresql] [--no-load] [--markdown FILE]

Each size runs in a fresh process on its own scratch database (a SQLite file in a temporary folder; on PostgreSQL
perf_targets_bench_<size>, created from a migrated template and dropped afterwards): generate_demo, then
benchmarks.measure. The largest size runs on PostgreSQL only. `make load` runs against the smallest PostgreSQL
database (else SQLite) unless --no-load. Timings are medians; no figure here is asserted by the test suite.
"""
import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import report
from benchmarks.databases import ROOT, Backend, backends, collect_static, django_env
from benchmarks.load import drive

RUNS = {"1/15": (7, 5), "100/1,500": (5, 3), "1,000/15,000": (3, 3)}  # (timed runs, runs of export and import)
LARGEST = "1,000/15,000"


def _label(size: str) -> str:
    departments, projects = report.SIZES[size]
    return f"{departments}_{projects}"


def machine(found: list[Backend]) -> list[str]:
    def sh(command: str) -> str:
        return subprocess.run(command, shell=True, capture_output=True, text=True).stdout.strip()

    memory = sh("free -h | awk '/^Mem:/ {print $2}'")
    lines = [
        f"- machine: {platform.node()}, {sh('nproc')} cores ({sh('nproc')} × {platform.machine()}), "
        f"{memory} RAM (`free -h`), {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}; " + "; ".join(backend.version() for backend in found),
        f"- load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
    ]
    return lines


def measure_size(backend: Backend, size: str, work_dir: Path, *, keep: bool, reuse: bool) -> report.SizeResult:
    departments, projects = report.SIZES[size]
    runs, slow_runs = RUNS[size]
    label = _label(size)
    reusing = reuse and backend.exists(label)
    url = backend.url(label) if reusing else backend.create(label)
    out = work_dir / f"{backend.name}-{label}.json"
    print(f"{backend.name} {size}: {'reusing' if reusing else 'generating'} {url}", file=sys.stderr, flush=True)
    command = [sys.executable, "-m", "benchmarks.measure", "--departments", str(departments), "--projects",
               str(projects), "--runs", str(runs), "--slow-runs", str(slow_runs), "--json", str(out),
               "--work-dir", str(work_dir)]
    subprocess.run(command + (["--no-generate"] if reusing else []), cwd=ROOT, env=django_env(url, work_dir),
                   check=True)
    results = json.loads(out.read_text())
    return report.SizeResult(backend.name, size, results["data"], {c["key"]: c for c in results["cases"]})


def _sizes(text: str) -> list[str]:
    names = dict(zip(("small", "middle", "large"), report.SIZES))
    try:
        return [names[name.strip()] for name in text.split(",")]
    except KeyError as error:
        raise argparse.ArgumentTypeError(f"unknown size {error}: use small, middle, large") from None


def _args(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="small,middle,large", type=_sizes,
                        help="small (1/15), middle (100/1,500), large (1,000/15,000; PostgreSQL only); default all")
    parser.add_argument("--backends", help="sqlite,postgresql (default: SQLite, and PostgreSQL when configured)")
    parser.add_argument("--no-load", action="store_true", help="skip the wrk load test")
    parser.add_argument("--keep", action="store_true", help="keep the scratch databases (PostgreSQL) for --reuse")
    parser.add_argument("--reuse", action="store_true", help="measure kept databases again without generating")
    parser.add_argument("--markdown", help="also write the report (machine, tables, goals) to this file")
    return parser.parse_args(argv)


def main(argv=None) -> None:
    args = _args(argv)
    work_dir = Path(os.environ.get("BENCH_WORK_DIR") or "/tmp/perf-targets-bench")
    work_dir.mkdir(parents=True, exist_ok=True)
    found = backends(work_dir, only=args.backends.split(",") if args.backends else None)
    started = time.monotonic()
    about = machine(found)
    print("\n".join(about), file=sys.stderr)
    collect_static(work_dir)
    results: list[report.SizeResult] = []
    load = None
    load_on = found[-1].name  # PostgreSQL when configured
    for backend in found:
        if not (args.reuse and backend.exists("template")):
            backend.prepare_template()
        for size in args.sizes:
            if size == LARGEST and backend.name != "postgresql":
                continue
            results.append(measure_size(backend, size, work_dir, keep=args.keep, reuse=args.reuse))
            if size == args.sizes[0] and backend.name == load_on and not args.no_load and shutil.which("wrk"):
                print(f"{backend.name} {size}: make load", file=sys.stderr, flush=True)
                load = drive(backend.url(_label(size)), work_dir, backend=f"{backend.name}, {size}", duration=10,
                             connections=8, threads=2)
            if not args.keep:
                backend.drop(_label(size))
        if not args.keep:
            backend.drop("template")
    about.append(f"- load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
                 f"whole run {time.monotonic() - started:.0f} s")
    text = render(about, results, load)
    print(text)
    if args.markdown:
        Path(args.markdown).write_text(text + "\n")


def render(about: list[str], results: list[report.SizeResult], load: dict | None) -> str:
    parts = ["## Machine", "\n".join(about), "## Data", report.data_table(results), "## Results",
             report.table(results)]
    if load:
        parts += ["## Load (`make load`)", report.load_table(load)]
    parts += ["## Goals", "\n".join(f"- {line}" for line in report.goals(results, load))]
    return "\n\n".join(parts)


if __name__ == "__main__":
    main()
