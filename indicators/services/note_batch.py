"""Many monitoring notes written together (the 监控表 page's save, the sheet's upload): each project locked once,
the notes read once, every line checked by the single-note rules (services.monitoring), then appended in bulk."""
import datetime

from core.errors import ConflictError, DomainError
from indicators.models import MonitoringNote
from indicators.services.common import UNSET, PendingRows, append_rows, check_writer
from indicators.services.monitoring import checked_note
from indicators.services.report_batch import AdjustmentsAt
from projects.choices import AdjustmentState
from projects.models import BudgetAdjustment, Indicator, IndicatorAdjustment, Project
from projects.review_lock import lock_projects


class NoteBatch:
    """The notes of some projects' lines, checked one by one (`note` raises what record_monitoring_note would)
    and appended together by `save`."""

    def __init__(self, *, user, projects: list[Project]):
        self.user = user
        self.projects = {p.pk: p for p in projects}
        self.locked = lock_projects(self.projects)  # one lock per project, first, as every write takes it
        self.indicators = {i.pk: i for i in Indicator.objects.filter(project__in=list(self.projects))}
        ledger: dict[tuple, list] = {}
        notes = MonitoringNote.objects.filter(project__in=list(self.projects)).select_related("entered_by")
        for row in notes.order_by("id"):
            ledger.setdefault((row.project_id, row.indicator_id), []).append(row)
        self.ledger = ledger
        self.pending = PendingRows(ledger)
        self._targets = None
        self._budgets = None

    def _adjustment(self, project_id: int, indicator_id: int | None, as_of: datetime.date):
        if indicator_id is None:
            if self._budgets is None:
                self._budgets = AdjustmentsAt(BudgetAdjustment.objects.filter(
                    project_id__in=list(self.projects), state=AdjustmentState.APPROVED), "project_id")
            return self._budgets.get(project_id, as_of)
        if self._targets is None:
            self._targets = AdjustmentsAt(IndicatorAdjustment.objects.filter(
                indicator_id__in=list(self.indicators), state=AdjustmentState.APPROVED), "indicator_id")
        return self._targets.get(indicator_id, as_of)

    def note(self, *, project_id: int, indicator: Indicator | None, as_of: datetime.date, forecast, reasons,
             reason_other: str = "", likelihood: str = "", measures: str = "", note: str = "", corrects=None,
             reason: str = "", expected_current_id=UNSET) -> MonitoringNote:
        project = self.projects[project_id]
        if indicator is not None:
            indicator = self.indicators.get(indicator.pk)
            if indicator is None or indicator.project_id != project_id:
                raise DomainError("该指标不属于此项目。")
            indicator.project = project
        check_writer(self.user, project.department_id)
        if project_id in self.locked:
            raise ConflictError(self.locked[project_id])
        key = (project_id, indicator.pk if indicator else None)
        # Read only when a forecast is checked against the line's target or budget in force.
        adjustment = self._adjustment(project_id, key[1], as_of) if forecast is not None else UNSET
        row, target = checked_note(
            project=project, indicator=indicator, user=self.user, as_of=as_of, forecast=forecast, reasons=reasons,
            reason_other=reason_other, likelihood=likelihood, measures=measures, note=note, corrects=corrects,
            reason=reason, expected_current_id=expected_current_id, rows=self.ledger.get(key, []),
            adjustment=adjustment,
        )
        self.pending.add(key, row, target)
        return row

    def save(self) -> list[MonitoringNote]:
        """Appends every checked note (inside the caller's transaction); they get their real ids."""
        return append_rows(self.pending)
