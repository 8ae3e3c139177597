"""Wait for a CI server to answer /healthz: `wait_healthy.py BASE PID LOG`.

CI starts its live servers while the suite on PostgreSQL, Chromium and LibreOffice load both cores, so a worker
may take a minute or more to boot. The wait is bounded by time (SERVER_BOOT_LIMIT seconds, 300 by default), not
by a number of probes: a probe that times out then counts for what it took. Exit 0 once the server answers;
1, with the server's log, if it exits or the time runs out.
"""
import os
import sys
import time
import urllib.request
from pathlib import Path


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5):
            return True
    except OSError:
        return False


def running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def main(base: str, pid: int, log: Path) -> int:
    limit = float(os.environ.get("SERVER_BOOT_LIMIT", "300"))
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if answers(f"{base}/healthz"):
            print(f"-- {base} answered after {time.monotonic() - started:.0f} s")
            return 0
        if not running(pid):
            print("the server did not start:", file=sys.stderr)
            break
        time.sleep(0.5)
    else:
        print(f"no answer from {base}/healthz in {limit:.0f} s", file=sys.stderr)
    print(log.read_text(errors="replace"), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])))
