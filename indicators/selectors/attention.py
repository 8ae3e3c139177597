"""The dashboard's "needs attention" list: every line a manager should ask about, and why; no query."""
import datetime
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from core import formatting
from indicators import rules
from indicators.selectors.dates import monitoring_rounds
from indicators.selectors.evaluation import Evaluation, IndicatorEvaluation
from projects.models import Indicator, Project


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
    return (f"{rules.LEVEL_SHORT[level]}：{what} {formatting.percent(progress)}，"
            f"序时进度 {formatting.percent(time_progress)}，尚未说明偏差原因")


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


