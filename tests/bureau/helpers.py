"""Reading the bureau's and the departments' pages as a person reads them; sending self-evaluations in."""
import re
from decimal import Decimal

from projects.choices import ReviewAction
from projects.services.review_states import lock_state, record_transition
from tests.dashboard.helpers import body_rows
from tests.dashboard.test_headline_figures import text_of

__all__ = ["amount", "body_rows", "grades_of", "submit", "text_of"]


def amount(text: str) -> Decimal:
    """「1,237.79」 or 「32.61%」 as shown → Decimal."""
    return Decimal(text.replace(",", "").rstrip("%"))


def grades_of(page: str) -> dict[str, int]:
    return {grade: int(n) for grade, n in re.findall(r'data-grade="([^"]+)">(\d+)<', page)}


def submit(project, user) -> None:
    """送审 through the projects' own ledger writer (the review service, issue #20, calls the same)."""
    locked, review = lock_state(project)
    record_transition(project=locked, review=review, action=ReviewAction.SUBMIT, user=user)
