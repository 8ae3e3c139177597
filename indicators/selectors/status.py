"""What a status means in words, from the evaluation: why a line is yellow or red, and how final a score is.

A manager who sees a red 滞后 beside 97.91 优 asks why; the answer is the lines behind it, in one sentence each
("设备利用率 93% 未达目标 95%"). The dashboard shows them on hover, the project page beside each line. A project with
no value yet reads 未填报 (not 0.00 差), and until the year ends or every line has a value its score reads 截至目前.
"""
import datetime
from decimal import Decimal
from enum import StrEnum

from core import formatting
from indicators import rules
from indicators.selectors.evaluation import IndicatorEvaluation, ProjectEvaluation

FLAGGED = (rules.Level.RED, rules.Level.YELLOW)
_BACKWARD = {"≤", "<"}


def _amount(value: Decimal | None, unit: str) -> str:
    return f"{formatting.plain(value)}{unit}" if unit == "%" else f"{formatting.plain(value)} {unit}".rstrip()


def line_explanation(line: IndicatorEvaluation, time_progress: Decimal) -> str:
    """Why one indicator line is yellow or red; empty when it is neither."""
    if line.level not in FLAGGED:
        return ""
    name, target, unit = line.indicator.name, line.target, line.target.unit
    if line.tier:
        return f"{name} 评为「{rules.TIER_LABELS[rules.Tier(line.tier)]}」"
    goal = _amount(target.target_value, unit)
    if target.operator in _BACKWARD:
        goal = f"{target.operator} {goal}"
    if line.progress is not None:  # 累计: measured against time progress
        done = _amount(line.actual, unit) if line.actual is not None else "未填报"
        return (f"{name} 完成 {formatting.percent(line.progress)}（{done} / {goal}），"
                f"低于序时进度 {formatting.percent(time_progress)}")
    return f"{name} {_amount(line.actual, unit)} 未达目标 {goal}"


def budget_explanation(project: ProjectEvaluation, time_progress: Decimal) -> str:
    """Why the budget line is yellow or red; empty when it is neither."""
    if project.budget_level not in FLAGGED:
        return ""
    if project.spent is not None and project.spent > project.budget.budget:
        return f"支出 {formatting.money(project.spent)} 万元超过预算 {formatting.money(project.budget.budget)} 万元"
    return (f"预算执行率 {formatting.percent(project.budget_progress)}，"
            f"低于序时进度 {formatting.percent(time_progress)}")


def project_explanations(project: ProjectEvaluation, time_progress: Decimal) -> list[str]:
    """Every yellow or red line of a project, red first, each in one sentence."""
    flagged = [(project.budget_level, budget_explanation(project, time_progress))]
    flagged += [(line.level, line_explanation(line, time_progress)) for line in project.indicators]
    red = [text for level, text in flagged if level is rules.Level.RED and text]
    yellow = [text for level, text in flagged if level is rules.Level.YELLOW and text]
    return red + yellow


class ScoreState(StrEnum):
    NO_DATA = "no_data"  # nothing reported: no score to show
    SO_FAR = "so_far"  # some lines still empty before the year ends: the score is as of now
    FINAL = "final"  # the year has ended, or every line has a value


SCORE_STATE_LABELS = {ScoreState.NO_DATA: "未填报", ScoreState.SO_FAR: "截至目前", ScoreState.FINAL: ""}


class ShowsScoreState:
    """How a row's score reads (a row of the dashboard's table, the project page): the row has a `state`."""

    state: ScoreState

    @property
    def has_data(self) -> bool:
        return self.state is not ScoreState.NO_DATA

    @property
    def state_label(self) -> str:
        return SCORE_STATE_LABELS[self.state]


def year_ended(as_of: datetime.date, year: int) -> bool:
    return as_of >= datetime.date(year, 12, 31)


def score_state(project: ProjectEvaluation, as_of: datetime.date) -> ScoreState:
    reported = [line.report is not None for line in project.indicators] + [project.expenditure is not None]
    if not any(reported):
        return ScoreState.NO_DATA
    if all(reported) or year_ended(as_of, project.project.year):
        return ScoreState.FINAL
    return ScoreState.SO_FAR
