"""The history of an indicator or a project (DOMAIN §6, §8): every ledger row and adjustment, newest first.

Queries, whatever the length of the history: indicator page 4 (reports, monitoring notes, target adjustments, its
lines of 分值 adjustments), project page 6 (the same four for all its indicators, expenditures, budget adjustments).
"""
import datetime
from dataclasses import dataclass, field

from core import formatting
from indicators import rules
from indicators.ledger import current_rows
from indicators.models import DeviationReason, ExpenditureReport, IndicatorReport, Likelihood, MonitoringNote
from projects.models import BudgetAdjustment, Indicator, IndicatorAdjustment, PointsAdjustmentLine, Project

REPORT = "report"
EXPENDITURE = "expenditure"
NOTE = "note"
TARGET_ADJUSTMENT = "target_adjustment"
BUDGET_ADJUSTMENT = "budget_adjustment"
POINTS_ADJUSTMENT = "points_adjustment"
ADJUSTMENTS = (TARGET_ADJUSTMENT, BUDGET_ADJUSTMENT, POINTS_ADJUSTMENT)

KIND_LABELS = {
    REPORT: "完成值填报",
    EXPENDITURE: "支出填报",
    NOTE: "监控说明",
    TARGET_ADJUSTMENT: "目标调整",
    BUDGET_ADJUSTMENT: "预算调整",
    POINTS_ADJUSTMENT: "分值调整",
}
LIKELIHOOD_LABELS = dict(Likelihood.choices)
REASON_LABELS = dict(DeviationReason.choices)


@dataclass(frozen=True)
class HistoryEvent:
    """One thing that happened to a line: `row` is the ledger row or adjustment as stored."""

    kind: str
    when: datetime.datetime
    line: str  # the indicator's name, or 预算执行 for the budget line
    row: object
    anchor: str  # the HTML id of the event, for links between a correction and what it corrects
    current: bool = False  # the line's current value now
    corrected_by: int | None = None  # id of the row that corrects this one
    lines: tuple = ()  # a 分值 adjustment's lines (old and new 分值 of each indicator) shown with it

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def is_adjustment(self) -> bool:
        return self.kind in ADJUSTMENTS

    @property
    def shown_value(self) -> str:
        row = self.row
        if self.kind == REPORT:
            if row.tier:
                return f"{rules.TIER_LABELS[rules.Tier(row.tier)]} {formatting.plain(row.tier_percent)}%"
            return formatting.plain(row.value)
        if self.kind == EXPENDITURE:
            return f"{formatting.money(row.amount)} 万元"
        if self.kind == NOTE:
            return "" if row.forecast is None else f"预计全年 {formatting.plain(row.forecast)}"
        return ""

    @property
    def reasons(self) -> str:
        """偏差原因 of a monitoring note, in words."""
        names = [
            f"其他：{self.row.reason_other_text}" if code == DeviationReason.OTHER else REASON_LABELS[code]
            for code in self.row.reasons
        ]
        return "、".join(names)

    @property
    def likelihood_label(self) -> str:
        return LIKELIHOOD_LABELS.get(self.row.likelihood, "")


@dataclass
class History:
    title: str
    events: list[HistoryEvent] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(event.kind == kind for event in self.events)

    @property
    def reports(self) -> int:
        return self.count(REPORT) + self.count(EXPENDITURE)


def _ledger_events(kind: str, rows: list, line_of, key) -> list[HistoryEvent]:
    rows = list(rows)
    current = {row.id for row in current_rows(rows, key=key, as_of=datetime.date.max).values()}
    corrected_by = {row.corrects_id: row.id for row in rows if row.corrects_id}
    return [
        HistoryEvent(kind, row.entered_at, line_of(row), row, f"{kind}-{row.id}", row.id in current,
                     corrected_by.get(row.id))
        for row in rows
    ]


def _adjustment_events(kind: str, rows, line_of) -> list[HistoryEvent]:
    # An adjustment is placed at its latest step: decided if it was, else proposed.
    return [HistoryEvent(kind, row.decided_at or row.proposed_at, line_of(row), row, f"{kind}-{row.id}") for row in rows]


def _points_events(lines, line_of) -> list[HistoryEvent]:
    """One event per 分值 adjustment, from its lines read with the adjustment joined (one query)."""
    grouped: dict[int, list] = {}
    for line in lines:
        grouped.setdefault(line.adjustment_id, []).append(line)
    return [
        HistoryEvent(POINTS_ADJUSTMENT, rows[0].adjustment.decided_at or rows[0].adjustment.proposed_at,
                     line_of(rows), rows[0].adjustment, f"{POINTS_ADJUSTMENT}-{rows[0].adjustment_id}",
                     lines=tuple(rows))
        for rows in grouped.values()
    ]


def _points_lines(**where):
    return PointsAdjustmentLine.objects.filter(**where).select_related(
        "adjustment__proposed_by", "adjustment__decided_by", "indicator"
    ).order_by("adjustment_id", "indicator__order")


def _newest_first(events: list[HistoryEvent]) -> list[HistoryEvent]:
    return sorted(events, key=lambda e: (e.when, e.row.id), reverse=True)


def _indicator_line(row) -> str:
    return row.indicator.name if row.indicator_id else "预算执行"


def indicator_history(*, indicator: Indicator) -> History:
    """Reports, monitoring notes, target adjustments and 分值 adjustments of one indicator (4 queries)."""
    reports = IndicatorReport.objects.filter(indicator=indicator).select_related("entered_by", "indicator")
    notes = MonitoringNote.objects.filter(indicator=indicator).select_related("entered_by", "indicator")
    adjustments = IndicatorAdjustment.objects.filter(indicator=indicator).select_related("proposed_by", "decided_by")
    name = indicator.name
    events = [
        *_ledger_events(REPORT, reports, lambda r: name, key=lambda r: 0),
        *_ledger_events(NOTE, notes, lambda r: name, key=lambda r: 0),
        *_adjustment_events(TARGET_ADJUSTMENT, adjustments, lambda r: name),
        *_points_events(_points_lines(indicator=indicator), lambda rows: name),
    ]
    return History(title=name, events=_newest_first(events))


def project_history(*, project: Project) -> History:
    """Everything entered for a project: its indicators' reports, expenditures, notes and adjustments (6 queries)."""
    reports = IndicatorReport.objects.filter(indicator__project=project).select_related("entered_by", "indicator")
    expenditures = ExpenditureReport.objects.filter(project=project).select_related("entered_by")
    notes = MonitoringNote.objects.filter(project=project).select_related("entered_by", "indicator")
    target_adjustments = IndicatorAdjustment.objects.filter(indicator__project=project).select_related(
        "indicator", "proposed_by", "decided_by"
    )
    budget_adjustments = BudgetAdjustment.objects.filter(project=project).select_related("proposed_by", "decided_by")
    events = [
        *_ledger_events(REPORT, reports, _indicator_line, key=lambda r: r.indicator_id),
        *_ledger_events(EXPENDITURE, expenditures, lambda r: "预算执行", key=lambda r: 0),
        *_ledger_events(NOTE, notes, _indicator_line, key=lambda n: n.indicator_id),
        *_adjustment_events(TARGET_ADJUSTMENT, target_adjustments, lambda r: r.indicator.name),
        *_adjustment_events(BUDGET_ADJUSTMENT, budget_adjustments, lambda r: "预算执行"),
        *_points_events(_points_lines(adjustment__project=project), lambda rows: "各指标分值"),
    ]
    return History(title=project.name, events=_newest_first(events))
