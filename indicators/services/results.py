"""Stored per-project results (issue #21 item 4): derived from the ledger by the evaluation itself, refreshed inside
every writing transaction (projects/written.py calls `refresh_results`), rebuilt and compared by `check_results`.

Nothing here judges anything: a row is copied from `evaluate` as of the far future (every dated row in force), and
keeps only what does not depend on the day (docs/ARCHITECTURE.md, "Stored results").
"""
import datetime
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import DateField, Max, OuterRef, Subquery

from indicators.models import ExpenditureReport, IndicatorReport, MonitoringNote, ProjectResult, ScoreDeduction
from indicators.selectors.evaluation import ProjectEvaluation, evaluate, has_reason
from indicators.selectors.rule_settings import read_once, rule_settings
from indicators.selectors.totals import LEVELS
from projects.models import BudgetAdjustment, IndicatorAdjustment, PointsAdjustment, Project

EVERY_ROW = datetime.date.max  # as of this date every dated row of a project is in force
CHUNK = 1000  # projects evaluated at a time by `check_results` (bounded memory for a whole city)
# The lines of fixed level counted per level, in LEVELS order: the bureau page adds the date's lines by position.
FIXED_FIELDS = {level: f"fixed_{level.value}" for level in LEVELS}
STORED_FIELDS = ("valid_from", "rules_key", "budget", "spent", "over_budget", "total", "grade", "met", "not_met",
                 "no_data", "budget_reason", *FIXED_FIELDS.values(), "fixed_needs", "cumulative")
# Part of every row's key: a row stored in another layout (before the lines were stored counted) is not read.
STORED_LAYOUT = 2


def rules_key(year: int) -> str:
    """A short digest of the year's rule profile and the rows' layout: a row computed under another profile (or
    stored in another layout) is not read."""
    return hashlib.sha256(f"{STORED_LAYOUT}:{rule_settings(year)!r}".encode()).hexdigest()[:16]


def _latest(model, project_path: str, date_field: str):
    rows = model.objects.filter(**{project_path: OuterRef("pk")}).order_by().values(project_path)
    return Subquery(rows.annotate(latest=Max(date_field)).values("latest")[:1], output_field=DateField())


def _dated(project_ids: Iterable[int]) -> dict[int, tuple[int, datetime.date | None]]:
    """Each project's year and the latest date among its dated rows (None: it has none), in one query."""
    latest = [
        _latest(IndicatorReport, "indicator__project", "as_of"),
        _latest(ExpenditureReport, "project", "as_of"),
        _latest(MonitoringNote, "project", "as_of"),
        _latest(ScoreDeduction, "indicator__project", "as_of"),
        _latest(IndicatorAdjustment, "indicator__project", "effective_date"),
        _latest(BudgetAdjustment, "project", "effective_date"),
        _latest(PointsAdjustment, "project", "effective_date"),
    ]
    rows = Project.objects.filter(pk__in=list(project_ids)).annotate(
        **{f"d{n}": date for n, date in enumerate(latest)}
    ).values_list("pk", "year", *(f"d{n}" for n in range(len(latest))))
    dated = {}
    for pk, year, *dates in rows:
        present = [d for d in dates if d is not None]
        dated[pk] = (year, max(present) if present else None)
    return dated


def _stored_values(project: ProjectEvaluation, *, valid_from, key: str) -> dict:
    # A 累计 line has a progress, and its level depends on the date; any other line's level does not.
    fixed = [line for line in project.indicators if line.progress is None]
    return {
        "valid_from": valid_from,
        "rules_key": key,
        "budget": project.budget.budget,
        "spent": project.spent,
        "over_budget": project.over_budget,
        "total": project.total,
        "grade": project.grade,
        "met": project.score.met,
        "not_met": project.score.not_met,
        "no_data": project.score.no_data,
        "budget_reason": has_reason(project.budget_note),
        **{name: sum(line.level == level for line in fixed) for level, name in FIXED_FIELDS.items()},
        "fixed_needs": sum(line.needs_explanation for line in fixed),
        "cumulative": [[str(line.progress), has_reason(line.note)] for line in project.indicators
                       if line.progress is not None],
    }


def fresh_results(project_ids: Iterable[int]) -> dict[int, dict]:
    """What each project's stored row should hold, from the ledger now: per year 1 + 8 (the rows' latest dates, the
    profile, the evaluation's 7)."""
    dated = _dated(project_ids)
    by_year: dict[int, list[int]] = {}
    for pk, (year, _) in dated.items():
        by_year.setdefault(year, []).append(pk)
    fresh = {}
    with read_once():  # the key and the evaluation read the year's profile once between them
        fresh.update(_fresh_by_year(by_year, dated))
    return fresh


def _fresh_by_year(by_year: dict[int, list[int]], dated) -> dict[int, dict]:
    fresh = {}
    for year, ids in by_year.items():
        key = rules_key(year)
        for project in evaluate(year=year, as_of=EVERY_ROW, project_ids=ids).projects:
            fresh[project.project.id] = _stored_values(project, valid_from=dated[project.project.id][1], key=key)
    return fresh


def _store(fresh: dict[int, dict]) -> None:
    ProjectResult.objects.bulk_create(
        [ProjectResult(project_id=pk, **values) for pk, values in fresh.items()],
        update_conflicts=True, unique_fields=["project"], update_fields=[*STORED_FIELDS, "computed_at"],
    )


def refresh_results(project_ids: Iterable[int]) -> None:
    """Brings the projects' stored rows in step with the ledger; called inside the writing transaction.

    A deleted project's row went with it (CASCADE); an id that no longer exists is skipped. A write of more than
    CHUNK projects (a year's rule profile changed) is refreshed CHUNK at a time, in bounded memory."""
    ids = sorted(project_ids)
    for start in range(0, len(ids), CHUNK):
        _store(fresh_results(ids[start:start + CHUNK]))


@dataclass(frozen=True)
class Difference:
    project_id: int
    field: str
    stored: object
    fresh: object

    def __str__(self) -> str:
        return f"项目 {self.project_id}「{self.field}」：存储 {self.stored!r}，重算 {self.fresh!r}"


def _differences(pk: int, stored: dict | None, fresh: dict) -> list[Difference]:
    if stored is None:
        return [Difference(pk, "（整行）", None, "缺少存储结果")]
    return [Difference(pk, name, stored[name], fresh[name]) for name in STORED_FIELDS if stored[name] != fresh[name]]


def check_results(*, year: int | None = None, fix: bool = False) -> list[Difference]:
    """Rebuilds every project's row (of a year, or of every year) from the ledger and compares it with the stored
    one; with `fix`, stores the rebuilt rows where they differ. Returns the differences found."""
    projects = Project.objects.order_by("pk")
    if year is not None:
        projects = projects.filter(year=year)
    ids = list(projects.values_list("pk", flat=True))
    found: list[Difference] = []
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        stored = {row["project_id"]: row for row in
                  ProjectResult.objects.filter(project_id__in=chunk).values("project_id", *STORED_FIELDS)}
        fresh = fresh_results(chunk)
        differing = {}
        for pk in chunk:
            differences = _differences(pk, stored.get(pk), fresh[pk])
            if differences:
                found += differences
                differing[pk] = fresh[pk]
        if fix and differing:
            _store(differing)
    return found

