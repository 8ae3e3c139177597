"""`make bench`: every case at three sizes, on SQLite and (when DATABASE_URL names one) PostgreSQL, in one table.

    python -m benchmarks.run [--sizes small,middle,large,wide] [--backends sqlite,postgresql] [--no-load]
                             [--markdown FILE]

Each size runs in a fresh process on its own scratch database (a SQLite file in a temporary folder; on PostgreSQL
perf_targets_bench_<size>, created from a migrated template and dropped afterwards): generate_demo, then
benchmarks.measure. The largest size runs on PostgreSQL only, and so does "wide": the largest size's 15,000
projects in one department, for the Excel export alone (the export is per department, so this is the largest
workbook the largest size can ask for). `make load` runs against the smallest PostgreSQL database (else SQLite)
unless --no-load. Timings are medians; no figure here is asserted by the test suite.
"""
import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import report
from benchmarks.databases import ROOT, Backend, backends, collect_static, django_env
from benchmarks.load import drive, generated_city

# (timed runs, runs of export and import)
RUNS = {"1/15": (7, 5), "100/1,500": (5, 3), "1,000/15,000": (3, 3), "1/15,000": (1, 1)}
LARGEST = "1,000/15,000"
WIDE = "1/15,000"  # the export of one department holding the largest size; minutes a run
POSTGRESQL_ONLY = (LARGEST, WIDE)
EXTRA_ARGS = {WIDE: ["--only", "export", "--export-process"]}


def _label(size: str) -> str:
    departments, projects = report.SIZES[size]
    return f"{departments}_{projects}"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _os_name() -> str:
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    return platform.system()


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in ("Django", "djangorestframework", "gunicorn", "psycopg2-binary", "psycopg2", "openpyxl", "XlsxWriter"):
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            continue
    return ", ".join(found)


def _wrk_version() -> str:
    if not shutil.which("wrk"):
        return "wrk not installed"
    out = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    words = (out.stdout or out.stderr).split()
    return f"wrk {words[1]}" if len(words) > 1 else "wrk"


def machine(found: list[Backend]) -> list[str]:
    """Cores, CPU, memory, OS and versions; no host name."""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return [
        f"- machine: {os.cpu_count()} cores ({_cpu_model()}, {platform.machine()}), {memory:.0f} GiB RAM; "
        f"{_os_name()}, Linux {platform.release()}",
        f"- Python {platform.python_version()}; " + "; ".join(backend.version() for backend in found)
        + f"; {_versions()}; {_wrk_version()}",
        f"- load average (1, 5, 15 min) at start: {_loadavg()}",
    ]


def _loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def measure_size(backend: Backend, size: str, work_dir: Path, only: str | None = None) -> report.SizeResult:
    departments, projects = report.SIZES[size]
    runs, slow_runs = RUNS[size]
    label = _label(size)
    url = backend.create(label)
    out = work_dir / f"{backend.name}-{label}.json"
    print(f"{backend.name} {size}: generating {url}", file=sys.stderr, flush=True)
    load_before = os.getloadavg()[0]
    command = [sys.executable, "-m", "benchmarks.measure", "--departments", str(departments), "--projects",
               str(projects), "--runs", str(runs), "--slow-runs", str(slow_runs), "--json", str(out),
               "--work-dir", str(work_dir), *EXTRA_ARGS.get(size, [])]
    if only and "--only" not in command:
        command += ["--only", only]
    subprocess.run(command, cwd=ROOT, env=django_env(url, work_dir),
                   check=True)
    results = json.loads(out.read_text())
    results["data"]["load_before"] = load_before
    return report.SizeResult(backend.name, size, results["data"], {c["key"]: c for c in results["cases"]})


def _load(work_dir: Path) -> dict:
    """`make load` on a generated city of its own, as `make load` runs it: not on a size's database, which the write
    cases have added rows to (see benchmarks.load)."""
    print("make load: generating 100/1,500", file=sys.stderr, flush=True)
    scratch, url = generated_city(work_dir)
    try:
        return drive(url, work_dir, backend=f"{scratch.name}, 100/1,500", duration=10, connections=8, threads=2)
    finally:
        scratch.drop("load")


def _sizes(text: str) -> list[str]:
    names = dict(zip(("small", "middle", "large", "wide"), report.SIZES))
    try:
        return [names[name.strip()] for name in text.split(",")]
    except KeyError as error:
        raise argparse.ArgumentTypeError(f"unknown size {error}: use small, middle, large, wide") from None


def _args(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="small,middle,large,wide", type=_sizes,
                        help="small (1/15), middle (100/1,500), large (1,000/15,000), wide (1/15,000: the export "
                             "only); large and wide on PostgreSQL only; default all")
    parser.add_argument("--backends", help="sqlite,postgresql (default: SQLite, and PostgreSQL when configured)")
    parser.add_argument("--no-load", action="store_true", help="skip the wrk load test")
    parser.add_argument("--only", help="comma-separated case keys to measure (e.g. entry,entry_page); default all")
    parser.add_argument("--keep", action="store_true",
                        help="keep the scratch databases afterwards (to look at plans; they hold the rows the entry "
                             "and import cases added)")
    parser.add_argument("--markdown", help="also write the report (machine, tables, goals) to this file")
    return parser.parse_args(argv)


def main(argv=None) -> None:
    args = _args(argv)
    work_dir = Path(os.environ.get("BENCH_WORK_DIR") or Path(tempfile.gettempdir()) / "perf-targets-bench")
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
        backend.prepare_template()
        try:
            for size in args.sizes:
                if size in POSTGRESQL_ONLY and backend.name != "postgresql":
                    continue
                try:
                    results.append(measure_size(backend, size, work_dir, only=args.only))
                    if size == args.sizes[0] and backend.name == load_on and not args.no_load and shutil.which("wrk"):
                        load = _load(work_dir)
                finally:
                    if not args.keep:
                        backend.drop(_label(size))
        finally:
            if not args.keep:
                backend.drop("template")
    about.append(f"- load average at end: {_loadavg()}; "
                 f"whole run {time.monotonic() - started:.0f} s")
    text = render(about, results, load)
    print(text)
    if args.markdown:
        write_markdown(Path(args.markdown), text)


MARKER = "<!-- Everything below this line is written by `python -m benchmarks.run --markdown FILE`. -->"


def write_markdown(path: Path, text: str) -> None:
    """Replaces what follows MARKER, keeping the hand-written introduction above it."""
    head = "# Benchmarks\n\n"
    if path.exists() and MARKER in path.read_text():
        head = path.read_text().split(MARKER)[0]
    path.write_text(f"{head}{MARKER}\n\n{text}\n")


def render(about: list[str], results: list[report.SizeResult], load: dict | None) -> str:
    parts = ["## Machine", "\n".join(about), "## Data", report.data_table(results), "## Results",
             report.table(results), "## Excel exports", report.exports_table(results)]
    if load:
        parts += ["## Load (`make load`)", report.load_table(load)]
    parts += ["## Goals", "\n".join(f"- {line}" for line in report.goals(results, load))]
    return "\n\n".join(parts)


if __name__ == "__main__":
    main()
