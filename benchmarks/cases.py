"""What `make bench` measures, each beside its floor: pages and API in-process (Django's test client), commands
through call_command. The reads come first, then the writes (entry save, import), which add rows.
"""
import datetime
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import time_machine
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db.models import Count
from django.test import Client
from rest_framework.authtoken.models import Token

from benchmarks import floors, xlsx_floor
from benchmarks.timing import Prepare
from core.roles import AUDITOR, FINANCE, MANAGER
from indicators.demo_data import SEED_TABLE, seed_projects
from indicators.ledger import current_rows
from indicators.models import ExpenditureReport, IndicatorReport
from projects.models import Department, Membership, Project

YEAR = 2026
AS_OF = datetime.date(2026, 7, 31)  # the generated ledger's August monitoring round
FIRST_SAVE = datetime.date(2026, 8, 1)  # the entry page's saves are dated from here on, a day later every run
FIRST_SERVICE_SAVE = datetime.date(2026, 10, 1)  # the save service's, after the page's
ENTRY_TODAY = datetime.datetime(2026, 12, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai"))  # entry saves date after it


class BenchError(Exception):
    pass


@dataclass
class Case:
    key: str
    label: str
    prepare: Prepare
    floor: Prepare | None = None
    floor_kind: str = ""  # "SQL", "INSERT", "XlsxWriter"
    note: str = ""
    clock: Callable | None = None  # a context manager the runs happen in (the entry save's frozen date)
    process: Callable[[], dict] | None = None  # the same operation once in a process of its own (peak RSS)
    isolated: bool = False  # timed only in its own process (process), without warm-up or tracemalloc


@dataclass
class Context:
    department: Department
    manager: User
    finance: User
    auditor: User
    manager_client: Client
    manager_token: str
    auditor_token: str
    entry_project: Project
    work_dir: Path
    notes: dict = field(default_factory=dict)


def _user(username: str, group: str, department: Department | None) -> User:
    user = User.objects.create_user(username=username, first_name=username)
    user.groups.add(Group.objects.get(name=group))
    if department is not None:
        Membership.objects.create(user=user, department=department)
    return user


def make_context(work_dir: Path) -> Context:
    department = Department.objects.get(code="demo-0001")
    manager = _user("bench-manager", MANAGER, department)
    finance = _user("bench-finance", FINANCE, department)
    auditor = _user("bench-auditor", AUDITOR, None)
    manager_client = Client()
    manager_client.force_login(manager)
    manager_client.get("/accounts/login/")  # the CSRF cookie a browser holds from the login page
    # The department's largest project (the seed's project 5: 10 indicators, plus its expenditure = 11 rows).
    entry_project = (
        Project.objects.filter(department=department, year=YEAR).annotate(n=Count("indicators")).order_by("-n", "seq")
    )[0]
    return Context(
        department=department, manager=manager, finance=finance, auditor=auditor, manager_client=manager_client,
        manager_token=Token.objects.create(user=manager).key,
        auditor_token=Token.objects.create(user=auditor).key, entry_project=entry_project, work_dir=work_dir,
    )


def _get(client: Client, url: str, **headers) -> Prepare:
    def prepare(_run: int):
        def operation():
            response = client.get(url, headers=headers)
            if response.status_code != 200:
                raise BenchError(f"GET {url} → {response.status_code}")
            return response

        return operation

    return prepare


def _fixed(operation: Callable[[], object]) -> Prepare:
    return lambda _run: operation


def read_cases(ctx: Context, *, isolated_export: bool = False) -> list[Case]:
    dept, as_of = ctx.department, AS_OF.isoformat()
    projects = f"{Project.objects.filter(department=dept, year=YEAR).count():,}"
    session = ctx.manager_client.session.session_key
    in_department = "p.year = %s AND p.department_id = %s"
    mine = "p.year = %s AND p.department_id IN (SELECT department_id FROM projects_membership WHERE user_id = %s)"
    count_mine = (
        "SELECT COUNT(*) FROM projects_project p WHERE " + mine, [YEAR, ctx.manager.pk]
    )
    first_page = (
        "p.id IN (SELECT p2.id FROM projects_project p2 JOIN projects_department d ON d.id = p2.department_id"
        " WHERE p2.year = %s ORDER BY d.code, p2.seq LIMIT 50)"
    )
    count_all = ("SELECT COUNT(*) FROM projects_project p WHERE p.year = %s", [YEAR])
    dashboard = _get(ctx.manager_client, f"/?year={YEAR}&as_of={as_of}&department={dept.code}")
    dashboard_floor = _fixed(floors.rows_floor(where=in_department, params=[YEAR, dept.pk], as_of=AS_OF,
                                               user_id=ctx.manager.pk, session_key=session))
    api = _get(Client(), f"/api/projects/?year={YEAR}&as_of={as_of}", Authorization=f"Token {ctx.manager_token}")
    api_floor = _fixed(floors.rows_floor(where=mine, params=[YEAR, ctx.manager.pk], as_of=AS_OF,
                                         user_id=ctx.manager.pk, token=ctx.manager_token, extra=[count_mine]))
    return [
        Case("dashboard", "dashboard `/` (1 department)", dashboard, dashboard_floor, "SQL"),
        Case(
            "project", f"project page `/projects/<id>/` ({ctx.entry_project.indicators.count()} indicators)",
            _get(ctx.manager_client, f"/projects/{ctx.entry_project.pk}/?as_of={as_of}"),
            _fixed(floors.rows_floor(where="p.id = %s", params=[ctx.entry_project.pk], as_of=AS_OF,
                                     user_id=ctx.manager.pk, session_key=session)), "SQL",
        ),
        Case("api", "API `/api/projects/?year=` (manager, token)", api, api_floor, "SQL"),
        Case(
            "api_all", "API `/api/projects/?year=` (auditor: all departments, page 1 of 50)",
            _get(Client(), f"/api/projects/?year={YEAR}&as_of={as_of}", Authorization=f"Token {ctx.auditor_token}"),
            _fixed(floors.rows_floor(where=first_page, params=[YEAR], as_of=AS_OF, user_id=ctx.auditor.pk,
                                     token=ctx.auditor_token, extra=[count_all])), "SQL",
        ),
        Case(
            "evaluate", "`evaluate --format json` (1 department)",
            _fixed(lambda: call_command("evaluate", department=dept.code, year=YEAR, as_of=as_of, format="json",
                                        stdout=io.StringIO())),
            _fixed(floors.rows_floor(where=in_department, params=[YEAR, dept.pk], as_of=AS_OF,
                                     user_id=ctx.manager.pk)), "SQL",
        ),
        export_case(ctx, dept, key="export", label=f"Excel `export_xlsx` (1 department, {projects} projects)",
                    isolated=isolated_export),
    ]


def export_case(ctx: Context, department: Department, *, key: str, label: str, isolated: bool = False) -> Case:
    """The evaluation workbook of one department; isolated: timed in processes of its own (a large department's
    export is minutes long, and tracemalloc would slow it several times over)."""
    path = ctx.work_dir / f"{key}.xlsx"
    read: dict[str, Path] = {}

    def export():
        call_command("export_xlsx", str(path), department=department.code, year=YEAR, as_of=AS_OF.isoformat(),
                     stdout=io.StringIO())

    def in_own_process() -> dict:
        command = [sys.executable, "-m", "benchmarks.export_process", str(path), "--department", department.code,
                   "--year", str(YEAR), "--as-of", AS_OF.isoformat()]
        out = subprocess.run(command, env=os.environ, check=True, capture_output=True, text=True)
        return json.loads(out.stdout.strip().splitlines()[-1])

    def floor(_run: int):
        # Recorded once, outside the clock: the export run again with XlsxWriter's calls written to a file.
        if "calls" not in read:
            read["calls"] = ctx.work_dir / f"{key}.calls"
            with xlsx_floor.recording(read["calls"]) as recorder:
                export()
            ctx.notes[key] = {"sheets": len(recorder.sheets), "cells": recorder.cells, "bytes": path.stat().st_size}
        return xlsx_floor.replay_floor(read["calls"])

    return Case(key, label, _fixed(export), floor, "XlsxWriter", process=in_own_process, isolated=isolated)


def _current_ids(project: Project) -> tuple[dict[int, int], int | None]:
    reports = current_rows(
        IndicatorReport.objects.filter(indicator__project=project), key=lambda r: r.indicator_id, as_of=datetime.date.max
    )
    spent = current_rows(ExpenditureReport.objects.filter(project=project), key=lambda r: r.project_id,
                         as_of=datetime.date.max)
    return {k: r.id for k, r in reports.items()}, (spent[project.pk].id if project.pk in spent else None)


def _entry_lines(indicators, run: int) -> dict[str, str]:
    """What the clerk types on each line: a new value every run (a rate stays at its target, which is ≤ 100)."""
    data = {}
    for indicator in indicators:
        if indicator.operator and "%" in indicator.unit:
            data[f"ind-{indicator.pk}-value"] = str(indicator.target_value)  # a rate may be bounded at 100
        elif indicator.operator:
            data[f"ind-{indicator.pk}-value"] = str(indicator.target_value + run + 1)
        else:
            data[f"ind-{indicator.pk}-tier"] = ("achieved", "partial")[run % 2]
    return data


class _Appended:
    """Checks, before each run, that the previous one appended every line (rows dated from `first` on; the floor's
    runs, interleaved, insert rows dated earlier)."""

    def __init__(self, first: datetime.date, expected: int):
        self.first, self.expected, self.rows = first, expected, None

    def check(self) -> None:
        rows = (IndicatorReport.objects.filter(as_of__gte=self.first).count()
                + ExpenditureReport.objects.filter(as_of__gte=self.first).count())
        if self.rows is not None and rows - self.rows != self.expected:
            raise BenchError(f"entry save appended {rows - self.rows} rows, not {self.expected}")
        self.rows = rows


def _entry_floor(ctx: Context, indicators, project: Project) -> Prepare:
    half_budget = (project.budget / 2).quantize(Decimal("0.01"))

    def floor(run: int):
        as_of = datetime.date(2026, 1, 2)  # early: never the current row of a later save
        rows = [
            (i.pk, i.target_value, "", None) if i.operator else (i.pk, None, "achieved", Decimal(100))
            for i in indicators
        ]
        return floors.ledger_insert_floor(rows=rows, expenditure=(project.pk, half_budget), as_of=as_of,
                                          user_id=ctx.finance.pk)

    return floor


def entry_case(ctx: Context) -> Case:
    """The save itself (issue #18's goal): save_project_entries with what the page's form hands it, for a clerk
    read afresh (as on a request), the 10 reports and the expenditure each replacing the current row it saw."""
    from indicators.services.entry import ExpenditureEntry, IndicatorEntry, save_project_entries

    project = ctx.entry_project
    indicators = list(project.indicators.order_by("order"))
    expected = len(indicators) + 1
    half_budget = (project.budget / 2).quantize(Decimal("0.01"))
    appended = _Appended(FIRST_SERVICE_SAVE, expected)

    def prepare(run: int):
        appended.check()
        # A later as-of date every run: each save appends 10 reports and the expenditure, none a correction.
        as_of = FIRST_SERVICE_SAVE + datetime.timedelta(days=run)
        seen, spent_seen = _current_ids(project)
        typed = _entry_lines(indicators, run)
        lines = list(Project.objects.get(pk=project.pk).indicators.order_by("order"))
        entries = [
            IndicatorEntry(indicator=i, value=Decimal(typed[f"ind-{i.pk}-value"]) if i.operator else None,
                           tier="" if i.operator else typed[f"ind-{i.pk}-tier"], expected_current_id=seen.get(i.pk))
            for i in lines
        ]
        spent = ExpenditureEntry(amount=half_budget + run, expected_current_id=spent_seen)
        clerk = User.objects.get(pk=ctx.finance.pk)  # its groups and departments unread, as on a new request
        target = Project.objects.get(pk=project.pk)

        def operation():
            saved = save_project_entries(project=target, user=clerk, as_of=as_of, entries=entries, expenditure=spent)
            if saved.count != expected:
                raise BenchError(f"entry save saved {saved.count} rows, not {expected}")

        return operation

    return Case(
        "entry", f"entry save `save_project_entries`: {len(indicators)} reports + expenditure ({expected} rows)",
        prepare, _entry_floor(ctx, indicators, project), "INSERT",
        clock=lambda: time_machine.travel(ENTRY_TODAY, tick=True),
    )


def entry_page_case(ctx: Context) -> Case:
    """The whole POST of the entry page around that save: session, access, the form's evaluation, the redirect."""
    project = ctx.entry_project
    indicators = list(project.indicators.order_by("order"))
    url = f"/entry/{project.pk}/"
    expected = len(indicators) + 1
    half_budget = (project.budget / 2).quantize(Decimal("0.01"))
    appended = _Appended(FIRST_SAVE, expected)
    client = Client()

    def prepare(run: int):
        if run == 0:
            client.force_login(ctx.finance)  # inside the frozen clock, so that the session has not expired
        appended.check()
        as_of = FIRST_SAVE + datetime.timedelta(days=run)
        seen, spent_seen = _current_ids(project)
        data = {"as_of": as_of.isoformat(), "exp-amount": str(half_budget + run), "exp-seen": spent_seen or ""}
        data.update({f"ind-{i.pk}-seen": seen.get(i.pk, "") for i in indicators})
        data.update(_entry_lines(indicators, run))

        def operation():
            response = client.post(url, data)
            if response.status_code != 302 or response["Location"] != url:
                errors = re.findall(r'<ul class="errorlist[^>]*>(.*?)</ul>', response.content.decode(), re.S)
                raise BenchError(f"POST {url} → {response.status_code} {response.get('Location', '')} {errors}")

        return operation

    return Case(
        "entry_page", "entry page POST `/entry/<id>/` around that save (session, access, the form's evaluation)",
        prepare, _entry_floor(ctx, indicators, project), "INSERT",
        clock=lambda: time_machine.travel(ENTRY_TODAY, tick=True),
    )


def import_case(ctx: Context) -> Case:
    projects = seed_projects()

    def prepare(run: int):
        name = f"基准导入部门{run:03d}"
        return lambda: call_command("import_targets", str(SEED_TABLE), department=name, year=YEAR, verbosity=0)

    def floor(run: int):
        return floors.table_insert_floor(projects=projects, department_name=f"基准直写部门{run:03d}", year=YEAR)

    return Case("import", "`import_targets` of the seed (15 projects, 85 indicators)", prepare, floor, "INSERT")


def healthz(ctx: Context) -> Case:
    return Case("healthz", "`/healthz` in-process (request overhead)", _get(Client(), "/healthz"))


def temp_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="perf-bench-"))
