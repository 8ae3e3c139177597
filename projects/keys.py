"""Stable keys of projects and lines from year to year (issue #22).

A project keeps the 一体化 项目代码 its table prints; otherwise it takes the code of the department's project of the
same name in the previous year, or a new one (`<department code>-<year>-<seq>`). A line keeps the key of the line of
the same name in that previous project, or gets `<project code>-<order>`. Keys only ever fill blanks: a key once
given (by an import, by a draft it was published from, or by hand) is never changed here.
"""
from django.db import transaction

from projects.models import Department, Indicator, Project


def _new_project_code(department: Department, year: int, seq: int) -> str:
    return f"{department.code}-{year}-{seq:02d}"


def assign_keys(*, department: Department, year: int) -> int:
    """Fills the blank codes and keys of a department-year's table; returns how many were given (a fixed number of
    queries: the table, last year's, and two bulk updates)."""
    with transaction.atomic():
        projects = list(Project.objects.select_for_update().filter(department=department, year=year)
                        .prefetch_related("indicators").order_by("seq"))
        if all(p.code and all(line.key for line in p.indicators.all()) for p in projects):
            return 0
        previous = {p.name.strip(): p for p in Project.objects.filter(department=department, year=year - 1)
                    .exclude(code="").prefetch_related("indicators")}
        taken = {p.code for p in projects if p.code}
        coded, keyed = [], []
        for project in projects:
            before = previous.get(project.name.strip())
            if not project.code:
                code = before.code if before is not None and before.code not in taken else ""
                project.code = code or _new_project_code(department, year, project.seq)
                taken.add(project.code)
                coded.append(project)
            earlier = {line.name.strip(): line.key for line in before.indicators.all() if line.key} if before else {}
            keys = {line.key for line in project.indicators.all() if line.key}
            for line in sorted(project.indicators.all(), key=lambda i: i.order):
                if line.key:
                    continue
                key = earlier.get(line.name.strip(), "")
                if not key or key in keys:
                    key = f"{project.code}-{line.order:02d}"
                    while key in keys:
                        key += "+"
                line.key = key
                keys.add(key)
                keyed.append(line)
        # bulk_update writes no history rows: a key is bookkeeping, not a published value.
        Project.objects.bulk_update(coded, ["code"])
        Indicator.objects.bulk_update(keyed, ["key"])
    return len(coded) + len(keyed)
