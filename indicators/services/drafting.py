"""Drafting next year's table from this year's (issue #22): this year's year-end actual of each line, judged by the
one evaluation, goes with the copy as 历史标准."""
import datetime

from core.formatting import plain
from indicators import rules
from indicators.selectors.evaluation import evaluate
from projects.drafts import History, draft_from_year
from projects.models import Department, DraftTable


def _history(department: Department, year: int) -> dict[tuple[int, int], History]:
    evaluation = evaluate(year=year, as_of=datetime.date(year, 12, 31), departments=[department])
    history = {}
    for result in evaluation.projects:
        for line in result.indicators:
            if line.actual is not None:
                text = f"{plain(line.actual)}{line.indicator.unit}"
            elif line.tier:
                text = rules.TIER_LABELS[rules.Tier(line.tier)]
            else:
                text = ""
            history[(result.project.seq, line.indicator.order)] = History(text, line.actual)
    return history


def draft_next_year(*, department: Department, year: int, user) -> DraftTable:
    """`year + 1`'s draft of the department, every line prefilled from `year` with its actual beside it."""
    return draft_from_year(department=department, year=year, user=user, history=_history(department, year))
