"""Review tests: the seeded 2026 table at year end (Beijing time), with a reviewer and a second reviewer."""
import pytest
import time_machine

from core.roles import BUREAU, REVIEWER
from tests.conftest import YEAR_END, built_once_per_module, import_year_end_reports, person


@pytest.fixture(autouse=True)
def year_end():
    with time_machine.travel(YEAR_END, tick=False):
        yield YEAR_END.date()


@pytest.fixture
def reviewer(department):
    return person("reviewer", group=REVIEWER, department=department, first_name="审核丙")


@pytest.fixture
def outside_reviewer(other_department):
    return person("reviewer-other", group=REVIEWER, department=other_department)


@pytest.fixture
def bureau(db):
    return person("czj", group=BUREAU, first_name="财政丁")


@pytest.fixture
@built_once_per_module(import_year_end_reports)
def scenario(seeded, finance, built):
    """The seed with the year-end scenario's reports (projects 1, 3 and 7), imported by `finance`."""
    built(import_year_end_reports)
    return seeded


def move(seq: int, action, user, reason: str = ""):
    """Moves project `seq`'s state through the ledger writer itself (the lock tests need a locked project, not a
    complete one: 送审's checks are tested with the review service)."""
    from projects.services.review_states import lock_state, record_transition
    from tests.conftest import project

    locked, review = lock_state(project(seq))
    return record_transition(project=locked, review=review, action=action, user=user, reason=reason)


def stored() -> dict:
    """Every row a write could add or change: the ledgers' counts and the planned values."""
    from indicators.evidence_models import EvidenceFile, EvidenceRemoval
    from indicators.models import (
        ExpenditureReport,
        IndicatorReport,
        LineExplanation,
        MonitoringNote,
        ProjectSelfEvaluation,
        ScoreDeduction,
    )
    from projects.models import BudgetAdjustment, Indicator, IndicatorAdjustment, Project

    counts = {model.__name__: model.objects.count() for model in (
        IndicatorReport, ExpenditureReport, MonitoringNote, LineExplanation, ProjectSelfEvaluation, ScoreDeduction,
        IndicatorAdjustment, BudgetAdjustment, Project, Indicator, EvidenceFile, EvidenceRemoval)}
    counts["pending"] = (IndicatorAdjustment.objects.filter(state="pending").count(),
                         BudgetAdjustment.objects.filter(state="pending").count())
    counts["projects"] = list(Project.objects.order_by("pk").values_list("name", "budget", "own_level", "transfer"))
    counts["indicators"] = list(Indicator.objects.order_by("pk").values_list("name", "operator", "target_text", "unit"))
    return counts


def complete_project_1(finance):
    """Everything project 1 of the scenario lacks for 送审: the budget line's and two lines' explanations, the texts."""
    from indicators.services.year_end import record_budget_explanation, record_line_explanation, record_project_texts
    from tests.conftest import project

    indicators = {i.order: i for i in project(1).indicators.all()}
    record_budget_explanation(project=project(1), user=finance, text="部分设备年底到货，尾款次年支付。")
    record_line_explanation(indicator=indicators[1], user=finance, text="单价低于预算，多购 2 台。")
    record_line_explanation(indicator=indicators[4], user=finance, text="新设备调试期利用率偏低。")
    record_project_texts(project=project(1), user=finance, achievement="购置设备 10 台。", problems="利用率不足。",
                         measures="加强培训。")


@pytest.fixture(scope="module")
def seed_moment():
    """The clock of this folder's tests: a seeded table imported once for a module is dated as theirs are."""
    return YEAR_END
