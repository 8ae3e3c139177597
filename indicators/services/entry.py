"""Saving a project's entry form: every changed line through the one write path, all or nothing (DOMAIN §6)."""
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from core.errors import ConflictError, DomainError
from indicators.models import ExpenditureReport, IndicatorReport
from indicators.selectors.rule_settings import read_once
from indicators.services.report_batch import ReportBatch
from projects.models import Indicator, Project
from projects.review_lock import checked_once

EXPENDITURE_LINE = "exp"


def indicator_line(indicator_id: int) -> str:
    """The name of an indicator's line on the form; errors are keyed `<line>-<field>`."""
    return f"ind-{indicator_id}"


@dataclass(frozen=True)
class IndicatorEntry:
    indicator: Indicator
    value: Decimal | None = None
    tier: str = ""
    tier_percent: Decimal | None = None
    note: str = ""
    reason: str = ""
    expected_current_id: int | None = None  # the current row the clerk saw; None: there was none


@dataclass(frozen=True)
class ExpenditureEntry:
    amount: Decimal
    note: str = ""
    over_budget_reason: str = ""  # 超支说明: required over the budget in force (DOMAIN §3)
    reason: str = ""
    expected_current_id: int | None = None


@dataclass
class SavedEntries:
    reports: list[IndicatorReport] = field(default_factory=list)
    expenditure: ExpenditureReport | None = None

    @property
    def count(self) -> int:
        return len(self.reports) + (self.expenditure is not None)


class EntryErrors(DomainError):
    """Some lines were refused; nothing was saved. `errors` is keyed `<line>-<field>`, `<line>` for the line as a
    whole, 'as_of' for the date.

    `conflicts` maps a line to the row someone else saved since the page was loaded.
    """

    def __init__(self, errors: dict[str, list[str]], conflicts: dict[str, object]):
        super().__init__(errors)
        self.conflicts = conflicts
        if conflicts:
            self.status = ConflictError.status


def _collect(errors: dict[str, list[str]], line: str, exc: DomainError) -> None:
    for name, messages in exc.errors.items():
        # The date is shared by every line: one message for the whole form, not one per line.
        key = "as_of" if name == "as_of" else f"{line}-{name}" if name else line
        for message in messages:
            if message not in errors.setdefault(key, []):
                errors[key].append(message)


def save_project_entries(
    *,
    project: Project,
    user,
    as_of: datetime.date,
    entries: list[IndicatorEntry],
    expenditure: ExpenditureEntry | None = None,
) -> SavedEntries:
    """Appends one report per entry and the expenditure, in one transaction.

    Every line is checked, so that all refusals can be shown at once next to their fields; if any line is refused,
    nothing is saved (EntryErrors). The project is locked once and its rows read once; the rows are inserted
    together (ReportBatch), whatever the number of lines.
    """
    errors: dict[str, list[str]] = {}
    conflicts: dict[str, object] = {}
    saved = SavedEntries()
    # checked_once is the transaction (its write scope's, which refreshes the stored result before the commit);
    # the year's profile is read once for the lines' checks and that refresh, as within a request.
    with read_once(), checked_once(project, refuse_as=EntryErrors):  # once, not on every line
        ours = [e.indicator.pk for e in entries if e.indicator.project_id == project.pk]
        batch = ReportBatch(user=user, projects=[project], indicator_ids=ours)
        for entry in entries:
            line = indicator_line(entry.indicator.pk)
            if entry.indicator.project_id != project.pk or entry.indicator.pk not in batch.indicators:
                _collect(errors, line, DomainError("该指标不属于此项目。"))
                continue
            try:
                saved.reports.append(batch.report(
                    indicator_id=entry.indicator.pk, as_of=as_of, value=entry.value, tier=entry.tier,
                    tier_percent=entry.tier_percent, note=entry.note, reason=entry.reason,
                    expected_current_id=entry.expected_current_id,
                ))
            except DomainError as exc:  # nothing of a refused line is kept: the others go on
                _collect(errors, line, exc)
                if isinstance(exc, ConflictError):
                    conflicts[line] = exc.other
        if expenditure is not None:
            try:
                saved.expenditure = batch.expenditure(
                    project_id=project.pk, as_of=as_of, amount=expenditure.amount, note=expenditure.note,
                    over_budget_reason=expenditure.over_budget_reason, reason=expenditure.reason,
                    expected_current_id=expenditure.expected_current_id,
                )
            except DomainError as exc:
                _collect(errors, EXPENDITURE_LINE, exc)
                if isinstance(exc, ConflictError):
                    conflicts[EXPENDITURE_LINE] = exc.other
        if errors:
            raise EntryErrors(errors, conflicts)  # nothing was inserted
        try:
            batch.save()
        except ConflictError as lost:  # a writer that skipped the project's lock: the whole form is refused
            refused = EntryErrors({"": lost.errors.get("corrects", [str(lost)])}, {})
            refused.status = lost.status
            raise refused from None
    return saved
