"""The managers' dashboard (issue #5): headline figures, the project table, charts and what needs attention.

Everything here is computed in memory from ONE `Evaluation` (indicators.selectors.evaluation.evaluate, 7 queries),
so the dashboard costs the same number of queries for 15 projects or 1,500. Numbers stay Decimal at full precision;
templates round them for display.
"""
import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from enum import StrEnum

from indicators import rules
from indicators.selectors.dates import monitoring_rounds, parse_date, resolve_as_of
from indicators.selectors.evaluation import Evaluation, IndicatorEvaluation, ProjectEvaluation
from indicators.selectors.rule_settings import rule_settings
from projects.models import Indicator, Project

ZERO = Decimal(0)
CENT = Decimal("0.01")
SEVERITY = {rules.Level.NONE: 0, rules.Level.GREEN: 1, rules.Level.YELLOW: 2, rules.Level.RED: 3}
LEVEL_FILTERS = (rules.Level.GREEN, rules.Level.YELLOW, rules.Level.RED)


def grade_labels() -> list[str]:
    """The deployment's grades, best first: 优, 良, 中, 差 by default."""
    settings = rule_settings()
    return [label for _, label in settings.grade_bands] + [settings.lowest_grade]


def execution_rate(*, budget: Decimal, spent: Decimal) -> Decimal | None:
    return spent / budget if budget else None


@dataclass(frozen=True)
class AsOf:
    """The as-of date a page shows, and what was typed when it could not be used (kept in the field)."""

    date: datetime.date
    typed: str
    error: str


def read_as_of(raw: str | None, year: int) -> AsOf:
    """?as_of= checked: a date of the budget year, else the default (today within the year) with a message."""
    typed = (raw or "").strip()
    date = parse_date(typed)
    if typed and date is None:
        error = f"截至日期「{typed}」无法识别：请写成 年-月-日，例如 {year}-07-31。下面按默认日期显示。"
    elif date is not None and date.year != year:
        error = f"截至日期「{typed}」不在预算年度 {year} 年内。下面按默认日期显示。"
    else:
        return AsOf(resolve_as_of(typed, year), typed, "")
    return AsOf(resolve_as_of(None, year), typed, error)


# --- Headline figures (also `GET /api/summary/`) ----------------------------------------------------------------


@dataclass(frozen=True)
class DashboardSummary:
    year: int
    as_of: datetime.date
    time_progress: Decimal  # a fraction: 329 / 365 on 2026-11-25
    projects: int
    indicators: int
    budget: Decimal  # 万元, in force at the as-of date
    spent: Decimal  # 万元; a project without an expenditure report counts 0
    execution_rate: Decimal | None  # spent ÷ budget; None when the budget is 0
    budget_level: rules.Level  # execution rate judged against time progress (DOMAIN §5)
    met: int
    not_met: int
    no_data: int
    average_score: Decimal | None  # plain mean of the projects' totals; None without projects
    weighted_average_score: Decimal | None  # mean weighted by budget in force; None when the budget is 0
    grades: dict[str, int]  # every grade, best first, with its number of projects (0 included)
    needs_explanation: int  # 待说明: yellow/red lines without a 偏差原因

    @property
    def budget_level_label(self) -> str:
        return rules.LEVEL_LABELS[self.budget_level]


def dashboard_summary(evaluation: Evaluation) -> DashboardSummary:
    """The headline figures of an evaluated department-year; no query."""
    projects = evaluation.projects
    with localcontext(prec=rules.PRECISION):  # the rules layer's precision, not the caller's 28 digits
        budget, spent = evaluation.budget, evaluation.spent
        scores = [p.total for p in projects]
        weighted = sum((p.total * p.budget.budget for p in projects), ZERO)
        rate = execution_rate(budget=budget, spent=spent)
        average = sum(scores, ZERO) / len(scores) if scores else None
        weighted_average = weighted / budget if budget else None
    grades = dict.fromkeys(grade_labels(), 0)
    for p in projects:
        grades[p.grade] = grades.get(p.grade, 0) + 1
    _, level = rules.budget_monitoring(
        budget=budget, spent=spent, time_progress=evaluation.time_progress, settings=rule_settings()
    )
    return DashboardSummary(
        year=evaluation.year,
        as_of=evaluation.as_of,
        time_progress=evaluation.time_progress,
        projects=len(projects),
        indicators=sum(len(p.indicators) for p in projects),
        budget=budget,
        spent=spent,
        execution_rate=rate,
        budget_level=level,
        met=sum(p.score.met for p in projects),
        not_met=sum(p.score.not_met for p in projects),
        no_data=sum(p.score.no_data for p in projects),
        average_score=average,
        weighted_average_score=weighted_average,
        grades=grades,
        needs_explanation=sum(p.needs_explanation for p in projects),
    )


# --- The project table: rows, filters, sorting, 合计 ------------------------------------------------------------


@dataclass(frozen=True)
class ProjectRow:
    evaluation: ProjectEvaluation

    @property
    def project(self) -> Project:
        return self.evaluation.project

    @property
    def budget(self) -> Decimal:
        return self.evaluation.budget.budget

    @property
    def level(self) -> rules.Level:
        """The status badge: the worst of the budget's and the indicators' monitoring levels."""
        return self.evaluation.monitoring_level

    @property
    def level_label(self) -> str:
        return rules.LEVEL_SHORT[self.level]

    @property
    def level_title(self) -> str:
        return rules.LEVEL_LABELS[self.level]

    @property
    def budget_level_label(self) -> str:
        return rules.LEVEL_SHORT[self.evaluation.budget_level]


def _grade_rank(grade: str) -> int:
    labels = grade_labels()
    return labels.index(grade) if grade in labels else len(labels)


# Each sortable column: its key in ?sort= and how a row is compared (None sorts last either way).
SORT_COLUMNS = {
    "seq": lambda r: r.project.seq,
    "name": lambda r: r.project.name,
    "budget": lambda r: r.budget,
    "spent": lambda r: r.evaluation.spent,
    "rate": lambda r: r.evaluation.execution_rate,
    "met": lambda r: r.evaluation.score.met,
    "not_met": lambda r: r.evaluation.score.not_met,
    "no_data": lambda r: r.evaluation.score.no_data,
    "score": lambda r: r.evaluation.total,
    # Best grade first when ascending, like the score descending.
    "grade": lambda r: _grade_rank(r.evaluation.grade),
    "level": lambda r: SEVERITY[r.level],
    "needs": lambda r: r.evaluation.needs_explanation,
}
DEFAULT_SORT = "seq"


@dataclass(frozen=True)
class TableQuery:
    """What the manager asked of the table: filters and order, already checked (unknown values dropped)."""

    grade: str = ""
    level: str = ""
    needs_explanation: bool = False
    sort: str = DEFAULT_SORT
    descending: bool = False
    page: int = 1

    @classmethod
    def from_params(cls, params) -> "TableQuery":
        grade = params.get("grade", "")
        level = params.get("level", "")
        sort = params.get("sort", DEFAULT_SORT)
        page = params.get("page", "")
        return cls(
            grade=grade if grade in grade_labels() else "",
            level=level if level in {lv.value for lv in LEVEL_FILTERS} else "",
            needs_explanation=params.get("needs") == "1",
            sort=sort if sort in SORT_COLUMNS else DEFAULT_SORT,
            descending=params.get("dir") == "desc",
            page=int(page) if page.isdigit() and int(page) > 0 else 1,
        )

    @property
    def filtered(self) -> bool:
        return bool(self.grade or self.level or self.needs_explanation)

    def keeps(self, row: ProjectRow) -> bool:
        return (
            (not self.grade or row.evaluation.grade == self.grade)
            and (not self.level or row.level.value == self.level)
            and (not self.needs_explanation or row.evaluation.needs_explanation > 0)
        )


def project_rows(evaluation: Evaluation, query: TableQuery) -> list[ProjectRow]:
    """The projects the query keeps, in its order; ties keep the published order (序号)."""
    rows = [row for row in (ProjectRow(p) for p in evaluation.projects) if query.keeps(row)]
    key = SORT_COLUMNS[query.sort]
    present = [r for r in rows if key(r) is not None]
    missing = [r for r in rows if key(r) is None]
    present.sort(key=key, reverse=query.descending)  # stable: equal values stay in 序号 order
    return present + missing


PAGE_SIZE = 100  # rows per page: a city-sized department has thousands, and rendering each one costs time


@dataclass(frozen=True)
class TablePage:
    rows: list[ProjectRow]
    number: int
    pages: int
    first: int  # 1-based position of the page's first row among all rows (0 when there are none)
    last: int


def table_page(rows: list[ProjectRow], number: int) -> TablePage:
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    number = min(number, pages)
    start = (number - 1) * PAGE_SIZE
    shown = rows[start:start + PAGE_SIZE]
    return TablePage(shown, number, pages, start + 1 if shown else 0, start + len(shown))


@dataclass(frozen=True)
class TableTotals:
    """The 合计 row of the rows shown."""

    projects: int
    budget: Decimal
    spent: Decimal
    execution_rate: Decimal | None
    met: int
    not_met: int
    no_data: int
    needs_explanation: int


def table_totals(rows: list[ProjectRow]) -> TableTotals:
    budget = sum((r.budget for r in rows), ZERO)
    spent = sum((r.evaluation.spent or ZERO for r in rows), ZERO)
    with localcontext(prec=rules.PRECISION):
        rate = execution_rate(budget=budget, spent=spent)
    return TableTotals(
        projects=len(rows),
        budget=budget,
        spent=spent,
        execution_rate=rate,
        met=sum(r.evaluation.score.met for r in rows),
        not_met=sum(r.evaluation.score.not_met for r in rows),
        no_data=sum(r.evaluation.score.no_data for r in rows),
        needs_explanation=sum(r.evaluation.needs_explanation for r in rows),
    )


# --- Charts: plain JSON for json_script; numbers as strings so no float is made on this side -----------------------


def _cents(value: Decimal | None) -> str | None:
    return None if value is None else f"{value.quantize(CENT, ROUND_HALF_UP):f}"


CHART_PROJECTS = 30  # bars beyond this are unreadable; the charts follow the table's order, so sorting picks them


def chart_data(summary: DashboardSummary, rows: list[ProjectRow]) -> dict:
    return {
        "project_count": len(rows),
        "projects": [
            {
                "label": f"{r.project.seq}. {r.project.name}",
                "budget": _cents(r.budget),
                "spent": _cents(r.evaluation.spent or ZERO),
                "score": _cents(r.evaluation.total),
                "grade": r.evaluation.grade,
            }
            for r in rows[:CHART_PROJECTS]
        ],
        "status": [
            {"key": rules.Status.MET.value, "label": rules.STATUS_LABELS[rules.Status.MET], "count": summary.met},
            {"key": rules.Status.NOT_MET.value, "label": rules.STATUS_LABELS[rules.Status.NOT_MET],
             "count": summary.not_met},
            {"key": rules.Status.NO_DATA.value, "label": rules.STATUS_LABELS[rules.Status.NO_DATA],
             "count": summary.no_data},
        ],
    }


# --- Needs attention -----------------------------------------------------------------------------------------------


class Attention(StrEnum):
    EXPLAIN = "explain"  # yellow/red line without a 偏差原因 (待说明)
    OVER_ACHIEVEMENT = "over_achievement"  # flagged, and the current report carries no note
    NO_DATA = "no_data"  # still no report once a monitoring round date has passed


ATTENTION_LABELS = {
    Attention.EXPLAIN: "待说明",
    Attention.OVER_ACHIEVEMENT: "超额未说明",
    Attention.NO_DATA: "监控点后未填报",
}


@dataclass(frozen=True)
class AttentionItem:
    project: Project
    indicator: Indicator | None  # None: the project's budget line
    line: str
    level: rules.Level
    reasons: tuple[Attention, ...]
    messages: tuple[str, ...]

    @property
    def level_label(self) -> str:
        return rules.LEVEL_SHORT[self.level]

    @property
    def labels(self) -> list[tuple[str, str]]:
        return [(reason.value, ATTENTION_LABELS[reason]) for reason in self.reasons]


ATTENTION_SHOWN = 100  # a city-sized department lists thousands; the page shows the first, the counts say how many


@dataclass(frozen=True)
class AttentionList:
    items: list[AttentionItem]
    counts: dict[Attention, int]
    round_passed: datetime.date | None  # the latest monitoring round on or before the as-of date

    @property
    def shown(self) -> list[AttentionItem]:
        return self.items[:ATTENTION_SHOWN]

    @property
    def not_shown(self) -> int:
        return max(0, len(self.items) - ATTENTION_SHOWN)

    @property
    def labelled_counts(self) -> list[tuple[str, str, int]]:
        return [(reason.value, ATTENTION_LABELS[reason], self.counts[reason]) for reason in Attention]


def _lag_message(progress: Decimal | None, level: rules.Level, time_progress: Decimal, what: str) -> str:
    if progress is None:
        return f"{rules.LEVEL_SHORT[level]}：{what}未达到目标，尚未说明偏差原因"
    return (f"{rules.LEVEL_SHORT[level]}：{what} {rules.format_percent(progress)}，"
            f"序时进度 {rules.format_percent(time_progress)}，尚未说明偏差原因")


def _indicator_attention(line: IndicatorEvaluation, time_progress: Decimal, round_passed) -> tuple[list, list]:
    reasons, messages = [], []
    if line.needs_explanation:
        reasons.append(Attention.EXPLAIN)
        messages.append(_lag_message(line.progress, line.level, time_progress, "完成进度"))
    if rules.Flag.OVER_ACHIEVEMENT in line.score.flags and not (line.report and line.report.note.strip()):
        reasons.append(Attention.OVER_ACHIEVEMENT)
        messages.append(rules.OVER_ACHIEVEMENT_MESSAGE)
    if round_passed is not None and line.score.status is rules.Status.NO_DATA:
        reasons.append(Attention.NO_DATA)
        messages.append(f"已过 {round_passed.month}月{round_passed.day}日 监控点，仍未填报")
    return reasons, messages


def attention_list(evaluation: Evaluation) -> AttentionList:
    """Every line a manager should ask about, project by project (the budget line first), with why."""
    passed = [d for d in monitoring_rounds(evaluation.year) if d <= evaluation.as_of]
    round_passed = passed[-1] if passed else None
    items: list[AttentionItem] = []
    t = evaluation.time_progress
    for p in evaluation.projects:
        if p.budget_needs_explanation:
            items.append(AttentionItem(
                p.project, None, "预算执行", p.budget_level, (Attention.EXPLAIN,),
                (_lag_message(p.budget_progress, p.budget_level, t, "预算执行率"),),
            ))
        for line in p.indicators:
            reasons, messages = _indicator_attention(line, t, round_passed)
            if reasons:
                items.append(AttentionItem(
                    p.project, line.indicator, line.indicator.name, line.level, tuple(reasons), tuple(messages)
                ))
    counts = {reason: sum(reason in item.reasons for item in items) for reason in Attention}
    return AttentionList(items=items, counts=counts, round_passed=round_passed)


# --- The whole page -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dashboard:
    summary: DashboardSummary
    query: TableQuery
    rows: list[ProjectRow]  # every row the filters keep, in order
    page: TablePage  # the rows of the page shown
    totals: TableTotals  # of every row the filters keep
    charts: dict
    attention: AttentionList


def dashboard(evaluation: Evaluation, query: TableQuery) -> Dashboard:
    """Everything the dashboard shows, from one evaluation; no query."""
    summary = dashboard_summary(evaluation)
    rows = project_rows(evaluation, query)
    return Dashboard(
        summary=summary,
        query=query,
        rows=rows,
        page=table_page(rows, query.page),
        totals=table_totals(rows),
        charts=chart_data(summary, rows),
        attention=attention_list(evaluation),
    )
