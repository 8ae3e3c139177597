"""`make load`: gunicorn on a free loopback port, driven by wrk for a fixed time, against a generated department.

    python -m benchmarks.load [--database-url URL] [--departments 100] [--projects 1500] [--duration 10]
                              [--connections 8] [--threads 2] [--json OUT]

Without --database-url it makes its own scratch database (PostgreSQL when DATABASE_URL names one, else SQLite),
generates 100 departments / 1,500 projects (a city, for the bureau page), and drops it afterwards; `make bench`
does the same (the database of a size it measured holds the rows its write cases added, dated after the as-of, and
the import floor's projects without stored results: the bureau page would be evaluated from the ledger there).
Each address gets a one-second warm-up, then `wrk --latency` for the given time: the dashboard of one department
(logged in: the session and CSRF cookies a browser holds), the API project list (a token), the finance bureau's page
of every department (a 财政人员's session), and `/healthz` as the yardstick; then the dashboard again while one
clerk saves an expenditure every second (benchmarks.clerk).
"""
import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchmarks.databases import ROOT, backends, collect_static, django_env, manage

WRK = shutil.which("wrk") or "/usr/bin/wrk"
AS_OF = "2026-07-31"
TARGETS = {
    "healthz": "/healthz",
    "dashboard": f"/?year=2026&as_of={AS_OF}&department=demo-0001",
    "api": "/api/projects/?year=2026",
    "bureau": f"/bureau/?year=2026&as_of={AS_OF}",
}


def workers() -> int:
    return (os.cpu_count() or 1) * 2 + 1  # gunicorn's rule of thumb, as `make serve`


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def credentials(env: dict[str, str]) -> dict[str, str]:
    """A manager of demo-0001 with a session and a token, and a 财政人员 with a session, made in a child process
    configured like the server."""
    code = (
        "import django, json; django.setup()\n"
        "from django.contrib.auth.models import Group, User\n"
        "from django.test import Client\n"
        "from rest_framework.authtoken.models import Token\n"
        "from projects.models import Department, Membership\n"
        "from core.roles import BUREAU, MANAGER\n"
        "user, made = User.objects.get_or_create(username='load-manager')\n"
        "if made:\n"
        "    user.groups.add(Group.objects.get(name=MANAGER))\n"
        "    Membership.objects.create(user=user, department=Department.objects.get(code='demo-0001'))\n"
        "client = Client(); client.force_login(user)\n"
        "client.get('/accounts/login/')  # the CSRF cookie a browser holds from the login page\n"
        "token, _ = Token.objects.get_or_create(user=user)\n"
        "officer, made = User.objects.get_or_create(username='load-czj')\n"
        "if made:\n"
        "    officer.groups.add(Group.objects.get(name=BUREAU))\n"
        "bureau = Client(); bureau.force_login(officer)\n"
        "print(json.dumps({'session': client.cookies['sessionid'].value, 'csrf': client.cookies['csrftoken'].value,\n"
        "                  'token': token.key, 'bureau_session': bureau.cookies['sessionid'].value}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _wait_until_up(base: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer /healthz within a minute")


def _check(url: str, headers: dict[str, str]) -> None:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:  # a redirect to the login page would be followed
        if response.status != 200 or "/accounts/login" in response.url:
            raise SystemExit(f"{url} did not answer 200 for the logged-in user: {response.status} {response.url}")


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _latency_ms(text: str, percentile: str) -> float:
    match = re.search(rf"^\s*{percentile}%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.MULTILINE)
    return float(match.group(1)) * _UNITS[match.group(2)] if match else float("nan")


def wrk(url: str, headers: dict[str, str], *, threads: int, connections: int, duration: int) -> dict:
    command = [WRK, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    text = subprocess.run([*command, url], check=True, capture_output=True, text=True).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    return {
        "rps": float(rps.group(1)) if rps else 0.0, "p50_ms": _latency_ms(text, "50"),
        "p99_ms": _latency_ms(text, "99"), "non_2xx": int(errors.group(1)) if errors else 0,
    }


def _mixed(url: str, headers: dict[str, str], env: dict[str, str], *, threads: int, connections: int,
           duration: int) -> dict:
    """The dashboard's readers while one clerk saves an expenditure every second (benchmarks.clerk)."""
    clerk = subprocess.Popen([sys.executable, "-m", "benchmarks.clerk", "--seconds", str(duration)], cwd=ROOT,
                             env=env, stdout=subprocess.PIPE, text=True)
    try:
        result = wrk(url, headers, threads=threads, connections=connections, duration=duration)
    finally:
        out, _ = clerk.communicate(timeout=120)
    if clerk.returncode != 0:
        raise SystemExit(f"the clerk's saves failed ({clerk.returncode})")
    result["saves"] = int(out.strip().splitlines()[-1])
    return result


def drive(database_url: str, work_dir: Path, *, backend: str, duration: int, connections: int, threads: int) -> dict:
    env = django_env(database_url, work_dir)
    creds = credentials(env)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "perf_targets.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers()), "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )
    headers = {
        "healthz": {}, "dashboard": {"Cookie": f"sessionid={creds['session']}; csrftoken={creds['csrf']}"},
        "api": {"Authorization": f"Token {creds['token']}"},
        "bureau": {"Cookie": f"sessionid={creds['bureau_session']}"},
    }
    try:
        _wait_until_up(base, server)
        results = {"backend": backend, "workers": workers(), "wrk": f"-t{threads} -c{connections} -d{duration}s"}
        for key, path in TARGETS.items():
            _check(base + path, headers[key])
            wrk(base + path, headers[key], threads=threads, connections=connections, duration=1)  # warm every worker
            results[key] = wrk(base + path, headers[key], threads=threads, connections=connections, duration=duration)
            print(f"  {key}: {results[key]['rps']:,.0f} req/s", file=sys.stderr, flush=True)
        results["mixed"] = _mixed(base + TARGETS["dashboard"], headers["dashboard"], env, threads=threads,
                                  connections=connections, duration=duration)
        print(f"  mixed: {results['mixed']['rps']:,.0f} req/s, {results['mixed']['saves']} saves", file=sys.stderr,
              flush=True)
        return results
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the gunicorn we started, with its workers
        server.wait(timeout=30)


def generated_city(work_dir: Path, *, departments: int = 100, projects: int = 1500):
    """A scratch database of its own (PostgreSQL when configured) with a generated city and nothing else: no row
    dated after the pages' as-of and no project without its stored result, so the bureau page reads the stored
    results as it does in use. Returns the backend, which drops it (label "load"), and its URL."""
    scratch = backends(work_dir)[-1]
    # Migrated on its own, not from make bench's template, so that both can run at once.
    url = scratch.create_migrated("load")
    manage(django_env(url, work_dir), "generate_demo", "--departments", str(departments), "--projects", str(projects))
    return scratch, url


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="a database generate_demo has filled (default: make one)")
    parser.add_argument("--backend", default="", help="its name for the report")
    parser.add_argument("--departments", type=int, default=100, help="generated into the scratch database")
    parser.add_argument("--projects", type=int, default=1500, help="generated into the scratch database")
    parser.add_argument("--work-dir", help="where collected static files are (default: a temporary folder)")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args(argv)
    if not Path(WRK).exists():
        raise SystemExit("wrk is not installed: apt-get install wrk")
    work_dir = Path(args.work_dir) if args.work_dir else Path(tempfile.mkdtemp(prefix="perf-load-"))
    scratch = None
    try:
        if not (work_dir / "static").exists():
            collect_static(work_dir)
        url, backend_name = args.database_url, args.backend
        if url is None:
            scratch, url = generated_city(work_dir, departments=args.departments, projects=args.projects)
            backend_name = f"{scratch.name}, {args.departments:,}/{args.projects:,}"
        results = drive(url, work_dir, backend=backend_name or "?", duration=args.duration,
                        connections=args.connections, threads=args.threads)
    finally:
        if scratch is not None:
            scratch.drop("load")
        if not args.work_dir:
            shutil.rmtree(work_dir, ignore_errors=True)
    from benchmarks.report import load_table

    print(load_table(results))
    ratio = results["dashboard"]["rps"] / results["healthz"]["rps"]
    print(f"dashboard / healthz = {ratio:.0%} (goal ≥ 25 %); with a clerk saving every second "
          f"{results['mixed']['rps'] / results['dashboard']['rps']:.0%} of that (goal ≥ 80 %)")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
