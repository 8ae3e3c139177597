"""Many actuals and expenditures written together (the entry page, import_reports): each project locked once, each
ledger read once, every line checked by the single-row rules (services.reports), then appended in bulk.

Queries, whatever the number of lines: the projects' lock, the writer's departments (once per user), the
indicators, the approved adjustments of targets and of budgets, the two ledgers, and one INSERT per table (one more
per step of a file that corrects its own rows).
"""
import datetime
from decimal import Decimal

from core.errors import ConflictError
from indicators.models import ExpenditureReport, IndicatorReport
from indicators.services.common import UNSET, PendingRows, append_rows, check_writer
from indicators.services.reports import checked_expenditure, checked_report
from projects.choices import AdjustmentState
from projects.in_force import _latest_by_owner
from projects.models import BudgetAdjustment, Indicator, IndicatorAdjustment, Project
from projects.review_lock import lock_projects


def report_key(indicator_id: int) -> tuple:
    return ("report", indicator_id)


def expenditure_key(project_id: int) -> tuple:
    return ("expenditure", project_id)


class AdjustmentsAt:
    """The approved adjustments of some owners, read once, and the one in force at any date (projects.in_force)."""

    def __init__(self, rows, owner_attr: str):
        self.rows = list(rows)
        self.owner_attr = owner_attr
        self._at: dict[datetime.date, dict] = {}

    def get(self, owner_id: int, as_of: datetime.date):
        if as_of not in self._at:
            self._at[as_of] = _latest_by_owner([r for r in self.rows if r.effective_date <= as_of], self.owner_attr)
        return self._at[as_of].get(owner_id)


class ReportBatch:
    """The reports and expenditures of some projects' lines, checked one by one and appended together by `save`.

    Each `report`/`expenditure` call raises the DomainError the single-row service would (nothing is kept of a
    refused line) or returns the row it will append; a later line of the same indicator is checked against the
    earlier ones of the batch, as if they were saved.
    """

    def __init__(self, *, user, projects: list[Project], indicator_ids=None, indicators: list[Indicator] | None = None):
        """`indicators`: the projects' lines when the caller has read them; else those of `indicator_ids` (all the
        projects' lines when None) are read here, after the lock."""
        self.user = user
        self.projects = {p.pk: p for p in projects}
        self.locked = lock_projects(self.projects)  # one lock per project, first, as every write takes it
        if indicators is None:
            indicators = Indicator.objects.filter(project__in=list(self.projects))
            if indicator_ids is not None:
                indicators = indicators.filter(pk__in=list(indicator_ids))
        self.indicators = {i.pk: i for i in indicators}
        for indicator in self.indicators.values():
            indicator.project = self.projects[indicator.project_id]
        self._target_adjustments = None
        self._budget_adjustments = None
        ledger: dict[tuple, list] = {}
        reports = IndicatorReport.objects.filter(indicator__in=list(self.indicators)).select_related("entered_by")
        for row in reports.order_by("id"):
            ledger.setdefault(report_key(row.indicator_id), []).append(row)
        spent = ExpenditureReport.objects.filter(project__in=list(self.projects)).select_related("entered_by")
        for row in spent.order_by("id"):
            ledger.setdefault(expenditure_key(row.project_id), []).append(row)
        self.ledger = ledger
        self.pending = PendingRows(ledger)

    def rows(self, key: tuple) -> list:
        return self.ledger.get(key, [])

    def _allowed(self, project: Project) -> None:
        check_writer(self.user, project.department_id)
        if project.pk in self.locked:
            raise ConflictError(self.locked[project.pk])

    def _target_adjustment(self, indicator_id: int, as_of: datetime.date):
        if self._target_adjustments is None:
            self._target_adjustments = AdjustmentsAt(IndicatorAdjustment.objects.filter(
                indicator_id__in=list(self.indicators), state=AdjustmentState.APPROVED), "indicator_id")
        return self._target_adjustments.get(indicator_id, as_of)

    def _budget_adjustment(self, project_id: int, as_of: datetime.date):
        if self._budget_adjustments is None:
            self._budget_adjustments = AdjustmentsAt(BudgetAdjustment.objects.filter(
                project_id__in=list(self.projects), state=AdjustmentState.APPROVED), "project_id")
        return self._budget_adjustments.get(project_id, as_of)

    def report(self, *, indicator_id: int, as_of: datetime.date, value: Decimal | None = None, tier: str = "",
               tier_percent: Decimal | None = None, note: str = "", corrects=None, reason: str = "",
               expected_current_id=UNSET) -> IndicatorReport:
        indicator = self.indicators[indicator_id]
        self._allowed(indicator.project)
        key = report_key(indicator_id)
        adjustment = self._target_adjustment(indicator_id, as_of) if indicator.operator and value is not None else None
        row, target = checked_report(
            indicator=indicator, year=indicator.project.year, user=self.user, as_of=as_of, value=value, tier=tier,
            tier_percent=tier_percent, note=note, corrects=corrects, reason=reason,
            expected_current_id=expected_current_id, rows=self.rows(key), adjustment=adjustment,
        )
        self.pending.add(key, row, target)
        return row

    def expenditure(self, *, project_id: int, as_of: datetime.date, amount: Decimal | None, note: str = "",
                    over_budget_reason: str = "", corrects=None, reason: str = "",
                    expected_current_id=UNSET) -> ExpenditureReport:
        project = self.projects[project_id]
        self._allowed(project)
        key = expenditure_key(project_id)
        adjustment = self._budget_adjustment(project_id, as_of) if amount is not None else None
        row, target = checked_expenditure(
            project=project, user=self.user, as_of=as_of, amount=amount, note=note,
            over_budget_reason=over_budget_reason, corrects=corrects, reason=reason,
            expected_current_id=expected_current_id, rows=self.rows(key), adjustment=adjustment,
        )
        self.pending.add(key, row, target)
        return row

    def save(self) -> list:
        """Appends every checked row (inside the caller's transaction); they get their real ids."""
        return append_rows(self.pending)
