"""Issue #18's newcomer goal: on a fresh machine, `make run` serves its first page in ≤ 60 s.

A clean clone of the committed tree in a temporary folder (no `.venv`, no database) runs exactly `make run`; the time
is from the command's start until http://127.0.0.1:8000/ answers (the login page, after its redirect). Each step the
Makefile prints is timed too. Port 8000 must be free.

    python -m benchmarks.first_page            # the clone of HEAD
    python -m benchmarks.first_page --keep     # and keep the folder
"""
import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

GOAL_SECONDS = 60
URL = "http://127.0.0.1:8000/"
ROOT = Path(__file__).resolve().parent.parent


def answers() -> bool:
    try:
        with urllib.request.urlopen(URL, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the clone")
    parser.add_argument("--timeout", type=int, default=600)
    options = parser.parse_args()
    if answers():
        print(f"{URL} already answers: stop the server on port 8000 first.", file=sys.stderr)
        return 2
    folder = Path(tempfile.mkdtemp(prefix="perf-targets-first-page-"))
    clone = folder / "perf_targets"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "VIRTUAL_ENV", "REDIS_URL")}
    started = time.monotonic()
    server = subprocess.Popen(["make", "run"], cwd=clone, env=environment, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, start_new_session=True)
    os.set_blocking(server.stdout.fileno(), False)
    steps: list[tuple[float, str]] = []
    served = None
    try:
        while time.monotonic() - started < options.timeout and server.poll() is None:
            for line in iter(server.stdout.readline, ""):
                if line.startswith("=="):
                    steps.append((time.monotonic() - started, line.strip()))
            if answers():
                served = time.monotonic() - started
                break
            time.sleep(0.2)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        if not options.keep:
            shutil.rmtree(folder, ignore_errors=True)
    for at, step in steps:
        print(f"{at:6.1f} s  {step}")
    if served is None:
        print(f"NOT MET: no page within {options.timeout} s (make run exit {server.returncode})")
        return 1
    verdict = "MET" if served <= GOAL_SECONDS else "NOT MET"
    print(f"[{verdict}] make run on a clean clone served its first page in {served:.1f} s (goal ≤ {GOAL_SECONDS} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
