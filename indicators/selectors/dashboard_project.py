"""One project's dashboard (/projects/<id>/): its score card, read from the project's evaluation; no query."""
import datetime
from dataclasses import dataclass
from decimal import Decimal

from core import formatting
from indicators import rules
from indicators.selectors.evaluation import IndicatorEvaluation, ProjectEvaluation
from indicators.selectors.status import (
    ScoreState,
    ShowsScoreState,
    budget_explanation,
    line_explanation,
    project_explanations,
    score_state,
)


@dataclass(frozen=True)
class ScoreLine:
    """One line of the score card: 预算执行率 or an indicator class."""

    label: str
    points_possible: Decimal
    points: Decimal
    explanation: str


def _class_explanation(level: rules.Level1, lines: list[IndicatorEvaluation], possible: Decimal) -> str:
    counts = {status: sum(line.score.status is status for line in lines) for status in rules.Status}
    return (
        f"{len(lines)} 项指标共 {formatting.compact(possible)} 分（"
        + "、".join(f"{rules.STATUS_LABELS[status]} {counts[status]}" for status in rules.Status)
        + "）；每项得分 = 分值 × 完成比例（封顶 100%），未填报得 0 分"
    )


def score_card(project: ProjectEvaluation) -> list[ScoreLine]:
    """预算执行率 first, then each indicator class the project has, in the order of DOMAIN §2."""
    score = project.score
    lines = [ScoreLine("预算执行率", score.budget.points_possible, score.budget.points, score.budget.explanation)]
    for level, possible in score.class_points.items():
        members = [line for line in project.indicators if rules.Level1(line.indicator.level1) is level]
        lines.append(
            ScoreLine(str(level), possible, score.class_scores[level], _class_explanation(level, members, possible))
        )
    return lines


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator line with the labels the page prints beside its colours."""

    line: IndicatorEvaluation
    explanation: str = ""  # why the line is yellow or red

    @property
    def level_label(self) -> str:
        return rules.LEVEL_SHORT[self.line.level]

    @property
    def level_title(self) -> str:
        return "\n".join(filter(None, [rules.LEVEL_LABELS[self.line.level], self.explanation]))

    @property
    def over_achievement_message(self) -> str:
        """The flag's message (DOMAIN §3) when the line is flagged, else empty."""
        return rules.OVER_ACHIEVEMENT_MESSAGE if rules.Flag.OVER_ACHIEVEMENT in self.line.score.flags else ""

    @property
    def tier_label(self) -> str:
        return rules.TIER_LABELS[rules.Tier(self.line.tier)] if self.line.tier else ""


@dataclass(frozen=True)
class ProjectPage(ShowsScoreState):
    evaluation: ProjectEvaluation
    as_of: datetime.date
    time_progress: Decimal
    card: list[ScoreLine]
    rows: list[IndicatorRow]
    state: ScoreState = ScoreState.FINAL
    explanations: tuple[str, ...] = ()  # every yellow or red line of the project, red first
    budget_explanation: str = ""

    @property
    def level_label(self) -> str:
        return rules.LEVEL_SHORT[self.evaluation.monitoring_level]

    @property
    def inferred_classes(self) -> int:
        """Lines whose classes the import inferred and no one has confirmed yet (DOMAIN §2)."""
        return sum(1 for line in self.evaluation.indicators if line.indicator.classes_inferred)

    @property
    def budget_level_label(self) -> str:
        return rules.LEVEL_SHORT[self.evaluation.budget_level]


def project_page(project: ProjectEvaluation, *, as_of: datetime.date) -> ProjectPage:
    t = rules.time_progress(as_of, project.project.year)
    return ProjectPage(
        evaluation=project,
        as_of=as_of,
        time_progress=t,
        card=score_card(project),
        rows=[IndicatorRow(line, line_explanation(line, t)) for line in project.indicators],
        state=score_state(project, as_of),
        explanations=tuple(project_explanations(project, t)),
        budget_explanation=budget_explanation(project, t),
    )
