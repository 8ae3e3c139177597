"""The score a project would have with the values being typed: the evaluation's own inputs, those values in place.

No query of its own: it reuses a ProjectEvaluation (evaluate_project) and asks the rules layer again.
"""
from dataclasses import replace
from decimal import Decimal

from indicators import rules
from indicators.selectors.evaluation import ProjectEvaluation

Typed = tuple[Decimal | None, str, Decimal | None]  # (value, tier, tier percent)


def preview_project(
    *, evaluation: ProjectEvaluation, actuals: dict[int, Typed], spent: Decimal | None
) -> rules.ProjectScore:
    """`evaluation`'s score with each typed actual (by indicator id) and the typed expenditure in place.

    Lines not typed keep their current value; `spent` None keeps the current expenditure.
    """
    inputs = []
    for line in evaluation.indicators:
        typed = actuals.get(line.indicator.pk)
        if typed is None:
            inputs.append(line.input)
            continue
        value, tier, percent = typed
        inputs.append(replace(line.input, actual=value, tier=rules.Tier(tier) if tier else None, tier_percent=percent))
    return rules.score_project(
        budget=evaluation.budget.budget,
        spent=evaluation.spent if spent is None else spent,
        indicators=inputs,
        settings=evaluation.settings,
    )
