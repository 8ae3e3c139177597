"""Reads of master data for pages: projects a user may see, with counts and totals."""
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, QuerySet
from django.utils import timezone

from core.roles import visible_departments
from projects.models import Department, Project


def resolve_year(raw: str | None) -> int:
    """The year asked for, or this year (Beijing time) when absent or unreadable."""
    try:
        year = int(raw) if raw else 0
    except ValueError:
        year = 0
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def resolve_department(*, user, code: str | None) -> Department | None:
    """The visible department named by code; else the user's first visible department."""
    departments = visible_departments(user)
    if code:
        return departments.filter(code=code).first()
    return departments.order_by("code").first()


def department_among(departments: list[Department], code: str | None) -> Department | None:
    """`resolve_department` over the visible departments a page lists already (in code order): no query."""
    if code:
        return next((d for d in departments if d.code == code), None)
    return departments[0] if departments else None


@dataclass(frozen=True)
class ProjectTable:
    projects: list[Project]
    budget: Decimal
    own_level: Decimal
    transfer: Decimal
    indicators: int


def visible_projects(*, user, year: int, department_code: str | None = None) -> QuerySet[Project]:
    projects = Project.objects.filter(year=year, department__in=visible_departments(user))
    if department_code:
        projects = projects.filter(department__code=department_code)
    return projects


def project_list_for_user(*, user, year: int, department_code: str | None = None) -> ProjectTable:
    projects = list(
        visible_projects(user=user, year=year, department_code=department_code)
        .select_related("department")
        .annotate(indicator_count=Count("indicators"))
        .order_by("department__code", "seq")
    )
    return ProjectTable(
        projects=projects,
        budget=sum((p.budget for p in projects), Decimal("0.00")),
        own_level=sum((p.own_level for p in projects), Decimal("0.00")),
        transfer=sum((p.transfer for p in projects), Decimal("0.00")),
        indicators=sum(p.indicator_count for p in projects),
    )
