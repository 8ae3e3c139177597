"""The read path of closing the year (DOMAIN §9): each line's figures beside its year-end explanation, what is
required and what is still missing, from the one evaluation (the scores are never recomputed here).

Queries: the evaluation's 7, the projects' line explanations, their texts (9), whatever the number of projects.
"""
import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from indicators import rules
from indicators.ledger import standing_rows
from indicators.models import LineExplanation, ProjectSelfEvaluation
from indicators.selectors.dates import default_as_of
from indicators.selectors.evaluation import IndicatorEvaluation, ProjectEvaluation, evaluate
from indicators.selectors.rule_settings import rule_settings
from projects.models import Project

BUDGET_ANCHOR = "budget-line"
PROJECT_TEXT_LABELS = {"achievement": "实际完成情况", "problems": "存在问题", "measures": "改进措施"}


def line_anchor(indicator_id: int) -> str:
    return f"line-{indicator_id}"


def project_text_anchor(name: str) -> str:
    """The id of a project text's field on the page (the form's prefix `project`, then the field)."""
    return f"project-{name}"


@dataclass(frozen=True)
class Missing:
    """One thing still required before the self-evaluation is complete, with the Chinese message to show."""

    line: str  # "indicator", "budget" or "project"
    field: str  # "text", "basis", "achievement", "problems" or "measures"
    indicator: int | None
    anchor: str  # the id of the field on the page (or of the text shown in its place)
    message: str


@dataclass
class LineState:
    """An indicator line: its evaluation, its current year-end explanation and what it requires."""

    line: IndicatorEvaluation
    explanation: LineExplanation | None
    cause: str | None  # why the 偏差原因分析 is required (未达成 / 未填报 / 超额较多), None when it is not

    @property
    def qualitative(self) -> bool:
        return rules.is_qualitative(self.line.target.operator)

    @property
    def text(self) -> str:
        return self.explanation.text if self.explanation else ""

    @property
    def basis(self) -> str:
        return self.explanation.basis if self.explanation else ""

    @property
    def text_required(self) -> bool:
        return self.cause is not None

    @property
    def basis_required(self) -> bool:
        return self.qualitative

    @property
    def required(self) -> bool:
        return self.text_required or self.basis_required

    @property
    def text_missing(self) -> bool:
        return self.text_required and not self.text

    @property
    def basis_missing(self) -> bool:
        return self.basis_required and not self.basis

    @property
    def starting_text(self) -> str:
        """The 说明 typed at entry (the current report's note), offered while the line has no text of its own.

        Never the monitoring note: the mid-year 监控说明 does not stand in for the year-end explanation.
        """
        report = self.line.report
        return report.note if report is not None and not self.explanation else ""

    @property
    def anchor(self) -> str:
        return line_anchor(self.line.indicator.pk)


@dataclass
class BudgetState:
    explanation: LineExplanation | None
    cause: str | None
    over_budget: bool

    @property
    def text(self) -> str:
        return self.explanation.text if self.explanation else ""

    @property
    def required(self) -> bool:
        return self.cause is not None

    @property
    def text_missing(self) -> bool:
        return self.required and not self.text

    @property
    def starting_text(self) -> str:
        return ""

    anchor = BUDGET_ANCHOR


@dataclass
class SelfEvaluation:
    evaluation: ProjectEvaluation
    as_of: datetime.date
    budget: BudgetState
    lines: list[LineState]
    texts: ProjectSelfEvaluation | None
    missing: list[Missing] = field(default_factory=list)

    @property
    def project(self) -> Project:
        return self.evaluation.project

    @property
    def complete(self) -> bool:
        return not self.missing

    def text(self, name: str) -> str:
        return getattr(self.texts, name) if self.texts else ""


def _line_name(state: LineState) -> str:
    return f"第 {state.line.indicator.order} 项指标「{state.line.indicator.name}」"


def _missing(budget: BudgetState, lines: list[LineState], texts: ProjectSelfEvaluation | None) -> list[Missing]:
    missing = []
    if budget.text_missing:
        missing.append(Missing("budget", "text", None, f"{budget.anchor}-text",
                               f"预算执行（{budget.cause}）：请填写偏差原因分析及改进措施。"))
    for state in lines:
        pk = state.line.indicator.pk
        if state.text_missing:
            missing.append(Missing("indicator", "text", pk, f"{state.anchor}-text",
                                   f"{_line_name(state)}{state.cause}：请填写偏差原因分析及改进措施。"))
        if state.basis_missing:
            missing.append(Missing("indicator", "basis", pk, f"{state.anchor}-basis",
                                   f"{_line_name(state)}为定性指标：请填写评价依据（为何评为该档次、该得分率）。"))
    for name, label in PROJECT_TEXT_LABELS.items():
        if not (getattr(texts, name) if texts else ""):
            missing.append(Missing("project", name, None, project_text_anchor(name), f"请填写项目的{label}。"))
    return missing


def _assemble(evaluation: ProjectEvaluation, as_of: datetime.date, explanations: dict, texts) -> SelfEvaluation:
    budget_score = evaluation.score.budget
    pk = evaluation.project.pk
    budget = BudgetState(explanations.get((pk, None)), rules.budget_explanation_cause(budget_score),
                         rules.is_over_budget(budget_score))
    lines = [
        LineState(line, explanations.get((pk, line.indicator.pk)), rules.line_explanation_cause(line.score))
        for line in evaluation.indicators
    ]
    return SelfEvaluation(evaluation, as_of, budget, lines, texts, _missing(budget, lines, texts))


def self_evaluations(*, year: int, as_of: datetime.date, departments=None, project_ids=None) -> list[SelfEvaluation]:
    """The year-end self-evaluation of every project of a year (optionally of some departments or projects)."""
    evaluation = evaluate(year=year, as_of=as_of, departments=departments, project_ids=project_ids)
    return _with_texts(evaluation.projects, as_of)


def self_evaluations_in_chunks(*, year: int, as_of: datetime.date, ids: Sequence[int], chunk: int
                               ) -> Iterator[SelfEvaluation]:
    """What `self_evaluations` gives, `chunk` projects at a time: the workbook's 自评表. The year's rule profile
    once, then nine queries per chunk."""
    settings = rule_settings(year)
    for start in range(0, len(ids), chunk):
        evaluation = evaluate(year=year, as_of=as_of, project_ids=ids[start:start + chunk], settings=settings)
        yield from _with_texts(evaluation.projects, as_of)


def _with_texts(projects: list[ProjectEvaluation], as_of: datetime.date) -> list[SelfEvaluation]:
    ids = [p.project.pk for p in projects]
    explanations = standing_rows(
        LineExplanation.objects.filter(project_id__in=ids).select_related("entered_by"),
        key=lambda row: (row.project_id, row.indicator_id),
    )
    texts = standing_rows(
        ProjectSelfEvaluation.objects.filter(project_id__in=ids).select_related("entered_by"),
        key=lambda row: row.project_id,
    )
    return [_assemble(p, as_of, explanations, texts.get(p.project.pk)) for p in projects]


def self_evaluation(*, project: Project, as_of: datetime.date | None = None) -> SelfEvaluation:
    """The project's year-end self-evaluation as of a date (default: today within its year)."""
    as_of = as_of or default_as_of(project.year)
    return self_evaluations(year=project.year, as_of=as_of, project_ids=[project.pk])[0]
