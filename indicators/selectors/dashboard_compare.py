"""与上年对比 on the dashboard (issue #22): the department's year beside the same date of the year before.

Last year is read through the same evaluation and the same headline figures (`dashboard_summary`), so a score or a
rate here is the one last year's dashboard showed that day. One evaluation more: a fixed number of queries.
"""
import datetime
from dataclasses import dataclass
from decimal import Decimal, localcontext

from indicators import rules
from indicators.selectors.dashboard import DashboardSummary, dashboard_summary
from indicators.selectors.evaluation import evaluate


@dataclass(frozen=True)
class Comparison:
    label: str
    kind: str  # how the page shows the figures: "score", "percent" (a fraction) or "count"
    this: Decimal | int | None
    last: Decimal | int | None
    detail_this: str = ""  # 「60 / 85」 beside a rate of lines met
    detail_last: str = ""

    @property
    def change(self) -> Decimal | int | None:
        """This year minus last; a rate's change is a difference of fractions (shown in 百分点)."""
        if self.this is None or self.last is None:
            return None
        with localcontext(prec=rules.PRECISION):
            return self.this - self.last


@dataclass(frozen=True)
class YearOnYear:
    year: int
    as_of: datetime.date  # this year's date
    last_as_of: datetime.date  # the same day a year earlier
    last: DashboardSummary | None  # None: 上年无数据 (the department had no project that year)
    rows: list[Comparison]


def same_day_last_year(day: datetime.date) -> datetime.date:
    """29 February has no twin: the day before it stands in."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def _met_rate(summary: DashboardSummary) -> Decimal | None:
    with localcontext(prec=rules.PRECISION):
        return Decimal(summary.met) / summary.indicators if summary.indicators else None


def _rows(this: DashboardSummary, last: DashboardSummary) -> list[Comparison]:
    def scores(summary: DashboardSummary, figure: str):
        return getattr(summary, figure) if summary.any_reported else None  # no value yet: no score to compare

    return [
        Comparison("平均得分（按预算加权）", "score", scores(this, "weighted_average_score"),
                   scores(last, "weighted_average_score")),
        Comparison("平均得分（简单平均）", "score", scores(this, "average_score"), scores(last, "average_score")),
        Comparison("预算执行率", "percent", this.execution_rate, last.execution_rate),
        Comparison("指标达成率", "percent", _met_rate(this), _met_rate(last),
                   f"{this.met} / {this.indicators}", f"{last.met} / {last.indicators}"),
        Comparison("达成指标数", "count", this.met, last.met),
    ]


def year_on_year(summary: DashboardSummary, *, department) -> YearOnYear:
    """This year's headline figures beside last year's as of the same day (the queries of one evaluation)."""
    last_as_of = same_day_last_year(summary.as_of)
    previous = evaluate(year=summary.year - 1, as_of=last_as_of, departments=[department])
    if not previous.projects:
        return YearOnYear(summary.year, summary.as_of, last_as_of, None, [])
    last = dashboard_summary(previous)
    return YearOnYear(summary.year, summary.as_of, last_as_of, last, _rows(summary, last))
