"""Closing the year (DOMAIN §4, §9): which lines need a year-end explanation, and 偏离度 deductions.

Plain values in, plain values out: the selector reads the ledgers, these functions only judge.
"""
import dataclasses
from collections.abc import Sequence
from decimal import Decimal

from indicators.rules.display import format_number, format_percent
from indicators.rules.inputs import is_spending_over_budget
from indicators.rules.numbers import ONE, ZERO, _precise
from indicators.rules.profile import DEFAULT_SETTINGS, RuleSettings
from indicators.rules.scoring import (
    STATUS_LABELS,
    BudgetScore,
    Flag,
    IndicatorInput,
    IndicatorScore,
    ProjectScore,
    Status,
    grade_for,
)
from projects.vocabulary import Level1

OVER_ACHIEVED_LABEL = "超额较多"
OVER_BUDGET_LABEL = "超支"


def line_explanation_cause(score: IndicatorScore) -> str | None:
    """Why an indicator line needs its 偏差原因分析及改进措施 (未达成 / 未填报 / 超额较多), or None.

    Every line not met, with no data, or flagged over-achieved needs one (DOMAIN §9); a met line does not.
    """
    if score.status is not Status.MET:
        return STATUS_LABELS[score.status]
    if Flag.OVER_ACHIEVEMENT in score.flags:
        return OVER_ACHIEVED_LABEL
    return None


def is_over_budget(budget: BudgetScore) -> bool:
    """Spent more than the budget in force; any spending on a budget of 0 is over it (DOMAIN §3)."""
    return is_spending_over_budget(budget=budget.budget, amount=budget.spent)


def budget_explanation_cause(budget: BudgetScore) -> str | None:
    """Why the budget line needs its explanation: no expenditure, over budget, or execution below 100 %; else None."""
    if budget.spent is None:
        return "未填报支出"
    if is_over_budget(budget):
        return OVER_BUDGET_LABEL
    if budget.execution_rate is not None and budget.execution_rate < ONE:
        return f"预算执行率 {format_percent(budget.execution_rate)}，未达 100%"
    return None


def applied_deduction(score: IndicatorScore, deduction: Decimal | None) -> Decimal:
    """The points a recorded deduction takes from a line: at most its 得分, and only while it is flagged
    over-achieved (DOMAIN §4: a deduction is for a line far above a target set too low)."""
    if not deduction or deduction <= 0 or Flag.OVER_ACHIEVEMENT not in score.flags:
        return ZERO
    return min(deduction, max(score.points, ZERO))


@_precise
def apply_deductions(
    score: ProjectScore,
    indicators: Sequence[IndicatorInput],
    deductions: Sequence[Decimal | None],
    settings: RuleSettings = DEFAULT_SETTINGS,
) -> ProjectScore:
    """The project's score with each line's 得分 after its 偏离度 deduction, the classes, the total and the grade
    following. `deductions` are the recorded points per line, in the order of `indicators` (None: none)."""
    applied = [applied_deduction(s, d) for s, d in zip(score.indicators, deductions, strict=True)]
    taken = sum(applied, ZERO)
    if taken == 0:
        return score
    lines = tuple(
        s if cut == 0 else _deducted_line(s, cut) for s, cut in zip(score.indicators, applied, strict=True)
    )
    class_scores = dict(score.class_scores)
    for ind, cut in zip(indicators, applied, strict=True):
        if cut:
            class_scores[Level1(ind.level1)] -= cut
    total = score.total - taken
    grade = grade_for(total, settings)

    def explain() -> str:
        return f"{score.explanation}；偏离度扣分 {format_number(taken)} 分，扣分后 {format_number(total)} 分，等级 {grade}"

    return dataclasses.replace(score, indicators=lines, class_scores=class_scores, total=total, grade=grade,
                               _explain=explain)


def _deducted_line(line: IndicatorScore, cut: Decimal) -> IndicatorScore:
    def explain() -> str:
        return f"{line.explanation}；偏离度扣分 {format_number(cut)} 分，扣分后得 {format_number(line.points - cut)} 分"

    return dataclasses.replace(line, points=line.points - cut, _explain=explain)
