"""Query parameters of the read endpoints, validated: a bad year, date or department is a 400, not a guess."""
import datetime
from dataclasses import dataclass

from rest_framework import serializers

from core.roles import visible_departments
from indicators.api.permissions import MAX_ID
from indicators.selectors.dates import default_as_of
from projects.models import Department
from projects.selectors import resolve_year

MIN_YEAR, MAX_YEAR = 2000, 2100


class AsOfQuery(serializers.Serializer):
    as_of = serializers.DateField(required=False, help_text="截至日期 YYYY-MM-DD；默认今天（限于预算年度内）")


class YearQuery(AsOfQuery):
    year = serializers.IntegerField(
        required=False, min_value=MIN_YEAR, max_value=MAX_YEAR, help_text="预算年度；默认截至日期所在年度，或今年"
    )
    department = serializers.CharField(
        required=False, allow_blank=True, max_length=50, help_text="部门代码；列表默认本人可见的全部部门，总览默认第一个"
    )


class IndicatorQuery(YearQuery):
    project = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text="项目 ID；给出时年度取该项目的年度"
    )


@dataclass(frozen=True)
class Scope:
    """What a list reads: a year, the date its figures are as of, and optionally one department."""

    year: int
    as_of: datetime.date
    department: Department | None


def _read(serializer_class, request) -> dict:
    # A plain dict (the last value of each name, as QueryDict gives it), not the QueryDict itself: DRF reads an
    # empty value in form-like data as "not given", so `?as_of=` or `?year=` would silently mean the default.
    # Here an empty date or number is what it is, a 400.
    query = serializer_class(data=request.query_params.dict())
    query.is_valid(raise_exception=True)
    return query.validated_data


def as_of_in_year(raw: datetime.date | None, year: int) -> datetime.date:
    """The as-of date asked for, which must lie in the budget year; else today clamped into the year."""
    if raw is None:
        return default_as_of(year)
    if raw.year != year:
        raise serializers.ValidationError({"as_of": [f"截至日期应在预算年度 {year} 年内：{raw.isoformat()}"]})
    return raw


def read_as_of(request, *, year: int) -> datetime.date:
    return as_of_in_year(_read(AsOfQuery, request).get("as_of"), year)


def _department(request, code: str) -> Department | None:
    if not code:
        return None
    department = visible_departments(request.user).filter(code=code).first()
    if department is None:
        raise serializers.ValidationError({"department": [f"没有找到该部门，或无权查看：{code}"]})
    return department


def read_query(request, query_class=YearQuery) -> dict:
    """The validated query parameters (400 with field errors when any is bad)."""
    return _read(query_class, request)


def scope_of(request, params: dict, *, year: int | None = None) -> Scope:
    """What a list reads; `year` (a project's) wins over the parameters."""
    as_of = params.get("as_of")
    if year is None:
        year = params.get("year") or (as_of.year if as_of else resolve_year(None))
    return Scope(
        year=year,
        as_of=as_of_in_year(as_of, year),
        department=_department(request, params.get("department", "")),
    )
