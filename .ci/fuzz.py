"""CI: malformed requests (issue #23) to every page and API endpoint of a live server, as each role; fails on any 5xx.

Run by .ci/fuzz against its scratch server, with the server's own settings and database in the environment: Django
is set up here only to list the site's URL patterns and to find real ids to put in them. Each pattern is filled
with real ids, then with ids no row has (`1_0`, 20 digits), years outside the calendar (0, 10000), and asked with
NUL and undecodable bytes in the query; every pattern also gets POSTs of JSON nested 1,000 deep, `Infinity` and
NUL in JSON and form fields, invalid UTF-8, a truncated .xlsx upload, and (for a few) a body over the size limit.
A refusal (400, 403, 404, 405, 413…) is what is expected; a 5xx or a dropped connection is a failure.
"""
import argparse
import collections
import io
import os
import re
import sys
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor

import django
import requests

ROLES = ("finance", "manager", "auditor", "reviewer", "czj", "admin")
PASSWORD = "demo-2026"  # projects.demo.DEMO_PASSWORD: the scratch server's demo users
BAD_QUERIES = [
    "?department=%00",
    "?year=0&as_of=0000-00-00",
    "?year=10000&department=%FF%FE",
    "?state=%00&q=%00&o=%00",
    "?project=1_0&indicator=Infinity&page=-1&order=%00&as_of=2026-02-30",
]
NESTED = "[" * 1000 + "]" * 1000
JSON_BODIES = [
    NESTED,
    '{"value": Infinity, "amount": "Infinity", "forecast": NaN, "as_of": "2026-07-31", "note": "a\\u0000b", '
    '"reason": "x", "reasons": [[["其他"]]], "corrects": 1e400, "expected_current": "1_0"}',
]
FORM_BODY = b"value=Infinity&amount=1%00&note=%FF%FE%00&as_of=2026-07-31&reason=%C0%AF&project=1_0&indicator=%EF%BC%91"
SKIP_POST = ("/accounts/logout/",)  # would end the session the rest of the run uses
HUGE = b"x" * (11 * 1024 * 1024)  # over DATA_UPLOAD_MAX_MEMORY_SIZE and the upload limit


def truncated_xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/')
        archive.writestr("xl/workbook.xml", "<workbook><sheets><sheet name=")
    return buffer.getvalue()[:-40]


def url_patterns():
    """(route with <converter:name> placeholders) for every pattern the site answers, admin included."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns, prefix):
        for entry in patterns:
            route = str(entry.pattern)
            if route.startswith("^"):  # a regex pattern (the admin's history revert): a plain sample instead
                route = re.sub(r"\([^)]*\)", "1", route.strip("^$")).replace("\\", "")
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, prefix + route)
            elif isinstance(entry, URLPattern):
                yield prefix + route

    return sorted(set(walk(get_resolver().url_patterns, "/")))


def real_ids() -> dict[str, str]:
    from projects.models import Indicator, Project

    project = Project.objects.filter(year=2026).order_by("pk").first()
    indicator = Indicator.objects.filter(project=project).order_by("pk").first()
    return {"project": str(project.pk), "indicator": str(indicator.pk)}


def fill(route: str, ids: dict[str, str], *, bad: bool) -> str:
    def value(match):
        converter, name = match.group(1) or "str", match.group(2)
        if converter == "year":
            return "10000" if bad else "2026"
        if converter == "int":
            return "99999999999999999999" if bad else ids["indicator" if "indicator" in name else "project"]
        return "1_0" if bad else ids["project"]

    return re.sub(r"<(?:(\w+):)?(\w+)>", value, route)


def session_for(base: str, username: str | None) -> requests.Session:
    session = requests.Session()
    # A fresh connection per request: a kept-alive one that gunicorn closes after its 2 s idle limit, just as the
    # next request goes out on it, reads as a dropped connection though the server never failed (seen on a loaded
    # machine). A worker that really dies still drops the request's own connection.
    session.headers["Connection"] = "close"
    if username is None:
        return session
    session.get(f"{base}/accounts/login/", timeout=30)
    token = session.cookies.get("csrftoken", "")
    response = session.post(f"{base}/accounts/login/", timeout=30, allow_redirects=False,
                            data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token})
    if response.status_code != 302:
        raise SystemExit(f"fuzz: login as {username} failed ({response.status_code})")
    session.headers["X-CSRFToken"] = session.cookies.get("csrftoken", "")
    return session


def worth_asking(route: str) -> bool:
    """Every route but most of the admin's: its change lists (where `?state=%00` was a 500) and the pages of the
    planned data; the other models' add, change, delete and history pages are Django's own."""
    if not route.startswith("/admin/") or route.count("/") <= 4:
        return True
    return route.startswith(("/admin/projects/project/", "/admin/projects/indicator/"))


def cases(routes: list[str], ids: dict[str, str]):
    """(role, method, path, body kind) for the whole run."""
    for route in filter(worth_asking, routes):
        admin_only = route.startswith("/admin/")
        roles = ("admin", None) if admin_only else (*ROLES, None)
        for position, role in enumerate(roles):
            # Each role gets one of the bad queries (in turn); the admin gets them all, a NUL in the path and ids
            # no row has, as finance does the ids.
            queries = BAD_QUERIES if role == "admin" else [BAD_QUERIES[(position + len(route)) % len(BAD_QUERIES)]]
            good, bad = fill(route, ids, bad=False), fill(route, ids, bad=True)
            yield from ((role, "GET", good + query, None) for query in queries)
            if role == "admin":
                yield role, "GET", (good.rstrip("/") or "") + "/%00/", None
            if bad != good and role in ("admin", "finance"):
                yield role, "GET", bad, None
            if route in SKIP_POST or role not in ("finance", "admin"):
                continue
            yield from ((role, "POST", good, kind) for kind in ("nested", "infinity", "form", "xlsx"))
            if route in ("/api/indicators/<int:pk>/reports/", "/monitoring/upload/"):
                yield role, "POST", good, "huge"


def send(sessions, base, case, xlsx):
    role, method, path, kind = case
    session = sessions[role]
    kwargs = {"timeout": 60, "allow_redirects": False}
    if kind in ("nested", "infinity"):
        kwargs |= {"data": (NESTED if kind == "nested" else JSON_BODIES[1]).encode(),
                   "headers": {"Content-Type": "application/json"}}
    elif kind == "form":
        kwargs |= {"data": FORM_BODY, "headers": {"Content-Type": "application/x-www-form-urlencoded"}}
    elif kind == "xlsx":
        kwargs |= {"files": {"file": ("监控表.xlsx", xlsx), "workbook": ("draft.xlsx", xlsx)}}
    elif kind == "huge":
        kwargs |= {"data": HUGE, "headers": {"Content-Type": "application/json"}}
    try:
        status = session.request(method, base + path, **kwargs).status_code
    except requests.RequestException as exc:
        status = f"dropped ({exc.__class__.__name__})"
    return role or "anonymous", method, path, kind, status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the live server, e.g. http://127.0.0.1:8123")
    parser.add_argument("--workers", type=int, default=6)
    base = parser.parse_args().base.rstrip("/")
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # the project's root
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "perf_targets.settings")
    django.setup()
    started = time.monotonic()
    routes, ids = url_patterns(), real_ids()
    sessions = {role: session_for(base, role) for role in ROLES} | {None: session_for(base, None)}
    # drf-spectacular builds the schema on its first request; two threads doing so at once answered 500 once
    # (ModuleNotFoundError while it probes optional packages): asked once first, as schemathesis does.
    sessions["admin"].get(f"{base}/api/schema/", timeout=120)
    todo = list(cases(routes, ids))
    xlsx = truncated_xlsx()
    with ThreadPoolExecutor(max_workers=parser.parse_args().workers) as pool:
        results = list(pool.map(lambda case: send(sessions, base, case, xlsx), todo))
    statuses = collections.Counter(str(r[-1]) for r in results)
    failures = [r for r in results if not isinstance(r[-1], int) or r[-1] >= 500]
    for role, method, path, kind, status in failures:
        print(f"  {status} {method} {path}{f' ({kind})' if kind else ''} as {role}")
    shown = ", ".join(f"{status} × {count}" for status, count in sorted(statuses.items()))
    asked = sum(map(worth_asking, routes))
    print(f"fuzz: {len(results)} requests to {asked} of {len(routes)} URL patterns as {len(ROLES)} roles and anonymous "
          f"in {time.monotonic() - started:.0f}s: {shown}; {len(failures)} server errors")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
