"""The write path for actuals and expenditures: validate, lock, check for conflicts, append (DOMAIN §3, §6)."""
import datetime
from decimal import Decimal

from django.utils import timezone

from core.errors import DomainError
from core.limits import check_lengths
from indicators import rules
from indicators.models import ExpenditureReport, IndicatorReport
from indicators.selectors.rule_settings import rule_settings
from indicators.services.common import (
    UNSET,
    append_row,
    check_as_of,
    check_writer,
    resolve_correction,
    row_fields,
)
from projects.in_force import (
    budget_adjustments_in_force,
    budget_in_force,
    indicator_adjustments_in_force,
    target_in_force,
)
from projects.models import Indicator, Project
from projects.review_lock import ensure_unlocked
from projects.written import writes_projects

MAX_VALUE = Decimal("1e16")  # DecimalField(20, 4): 16 integer digits
MAX_AMOUNT = Decimal("1e12")  # DecimalField(14, 2)
MAX_REASON = 1000  # 超支说明: refused beyond it, never cut


def describe_report(row: IndicatorReport | None) -> str:
    if row is None:
        return "（无）"
    shown = f"{rules.TIER_LABELS[rules.Tier(row.tier)]} {row.tier_percent.normalize():f}%" if row.tier else (
        f"{row.value.normalize():f}"
    )
    who = row.entered_by.get_full_name() or row.entered_by.username
    when = timezone.localtime(row.entered_at)  # stored in UTC; people read Beijing time
    return f"{shown}（截至 {row.as_of:%Y-%m-%d}，{who} 于 {when:%Y-%m-%d %H:%M} 填报）"


def describe_expenditure(row: ExpenditureReport | None) -> str:
    if row is None:
        return "（无）"
    who = row.entered_by.get_full_name() or row.entered_by.username
    when = timezone.localtime(row.entered_at)  # stored in UTC; people read Beijing time
    return f"{row.amount:,.2f} 万元（截至 {row.as_of:%Y-%m-%d}，{who} 于 {when:%Y-%m-%d %H:%M} 填报）"


def check_note_lengths(*, note: str | None, reason: str | None) -> None:
    """The 说明 and 更正原因 of a report or an expenditure, held to core/limits.py whatever the door."""
    check_lengths(("note", "note", "说明", (note or "").strip()),
                  ("reason", "correction_reason", "更正原因", (reason or "").strip()))


def _year_profile(project: Project) -> rules.RuleSettings:
    """The project's year's rule profile, read once per project object (a batch's lines share theirs)."""
    profile = getattr(project, "_year_profile", None)
    if profile is None:
        profile = project._year_profile = rule_settings(project.year)
    return profile


def _check_value(indicator: Indicator, value, tier, tier_percent) -> tuple:
    if not indicator.operator:
        if value is not None:
            raise DomainError("定性指标请选择完成档次，不填数值。", field="value")
        if not tier:
            raise DomainError("请选择完成档次。", field="tier")
        try:
            tier_enum = rules.Tier(tier)
        except ValueError:
            raise DomainError(f"未知的完成档次：'{tier}'", field="tier") from None
        profile = _year_profile(indicator.project)  # the year's tier bands (DOMAIN §10)
        percent = profile.tier_bands[tier_enum].default if tier_percent is None else tier_percent
        try:
            rules.check_tier_percent(tier_enum, percent, profile)
        except ValueError as exc:
            raise DomainError(str(exc), field="tier_percent") from None
        return None, tier_enum.value, percent
    if tier or tier_percent is not None:
        raise DomainError("定量指标请填写数值，不选档次。", field="tier")
    if value is None:
        raise DomainError("请填写实际完成值。", field="value")
    if not value.is_finite() or abs(value) >= MAX_VALUE or value != value.quantize(Decimal("0.0001")):
        raise DomainError(f"数值超出范围（最多 16 位整数、4 位小数）：{value}", field="value")
    if value < 0 and not rules.allows_negative(name=indicator.name, unit=indicator.unit):
        raise DomainError("实际完成值不能为负数（只有下降率、增长率、节约率可以为负）。", field="value")
    return value, "", None


def check_bounded_rate(indicator: Indicator, value: Decimal | None, as_of: datetime.date, *, field: str = "value",
                       adjustment=UNSET) -> None:
    """A bounded rate (满意度, 利用率… in %) above 100 is refused (DOMAIN §3), in the unit in force at the date.

    `adjustment`: the one in force at `as_of` when the caller has read it (a batch), else it is read here.
    """
    if value is None:
        return
    if adjustment is UNSET:
        adjustment = indicator_adjustments_in_force(indicator_ids=[indicator.pk], as_of=as_of).get(indicator.pk)
    unit = target_in_force(indicator, adjustment).unit
    message = rules.bounded_rate_refusal(name=indicator.name, unit=unit, value=value,
                                          settings=_year_profile(indicator.project))
    if message:
        raise DomainError(message, field=field)


def check_spending(project: Project, amount: Decimal, as_of: datetime.date, *, over_budget_reason: str,
                   field: str = "amount", reason_field: str = "over_budget_reason", what: str = "累计支出",
                   adjustment=UNSET) -> bool:
    """元 typed for 万元 is refused; spending over the budget in force needs its 超支说明 (DOMAIN §3).

    Returns whether the amount is over the budget in force. `adjustment` as in check_bounded_rate.
    """
    if adjustment is UNSET:
        adjustment = budget_adjustments_in_force(project_ids=[project.pk], as_of=as_of).get(project.pk)
    budget = budget_in_force(project, adjustment).budget
    mistake = rules.unit_mistake_refusal(budget=budget, amount=amount, settings=_year_profile(project))
    if mistake:
        raise DomainError(mistake, field=field)
    missing = rules.over_budget_refusal(budget=budget, amount=amount, reason=over_budget_reason, what=what)
    if missing:
        raise DomainError(missing, field=reason_field)
    if len(over_budget_reason.strip()) > MAX_REASON:
        raise DomainError(f"超支说明最多 {MAX_REASON} 字（现 {len(over_budget_reason.strip())} 字）。", field=reason_field)
    return rules.is_spending_over_budget(budget=budget, amount=amount)


def checked_report(
    *, indicator: Indicator, year: int, user, as_of: datetime.date, value: Decimal | None, tier: str,
    tier_percent: Decimal | None, note: str, corrects, reason: str, expected_current_id, rows: list, adjustment=UNSET,
) -> tuple[IndicatorReport, IndicatorReport | None]:
    """The rules of one actual against its line's rows as read under the project's lock: the row to append (not
    saved) and the row it corrects. Who writes and the project's lock are the caller's checks."""
    check_as_of(as_of, year)
    check_note_lengths(note=note, reason=reason)
    value, tier, tier_percent = _check_value(indicator, value, tier, tier_percent)
    check_bounded_rate(indicator, value, as_of, adjustment=adjustment)
    target = resolve_correction(
        rows=rows, as_of=as_of, corrects=corrects, reason=reason,
        expected_current_id=expected_current_id, describe=describe_report,
    )
    row = IndicatorReport(
        indicator=indicator, value=value, tier=tier, tier_percent=tier_percent, as_of=as_of, note=note.strip(),
        reason=reason.strip() if target else "", entered_by=user,
    )
    return row, target


def checked_expenditure(
    *, project: Project, user, as_of: datetime.date, amount: Decimal | None, note: str, over_budget_reason: str,
    corrects, reason: str, expected_current_id, rows: list, adjustment=UNSET,
) -> tuple[ExpenditureReport, ExpenditureReport | None]:
    """The rules of one cumulative expenditure, as checked_report."""
    check_as_of(as_of, project.year)
    check_note_lengths(note=note, reason=reason)
    if amount is None:
        raise DomainError("请填写累计支出金额。", field="amount")
    if not amount.is_finite() or abs(amount) >= MAX_AMOUNT or amount != amount.quantize(Decimal("0.01")):
        raise DomainError(f"金额超出范围（万元，最多 2 位小数）：{amount}", field="amount")
    if amount < 0:
        raise DomainError("累计支出不能为负数。", field="amount")
    over_budget_reason = (over_budget_reason or "").strip()
    check_spending(project, amount, as_of, over_budget_reason=over_budget_reason, adjustment=adjustment)
    target = resolve_correction(
        rows=rows, as_of=as_of, corrects=corrects, reason=reason,
        expected_current_id=expected_current_id, describe=describe_expenditure, value_field="amount",
    )
    row = ExpenditureReport(
        project=project, amount=amount, as_of=as_of, note=note.strip(), over_budget_reason=over_budget_reason,
        reason=reason.strip() if target else "", entered_by=user,
    )
    return row, target


@writes_projects
def record_indicator_report(
    *,
    indicator: Indicator,
    user,
    as_of: datetime.date,
    value: Decimal | None = None,
    tier: str = "",
    tier_percent: Decimal | None = None,
    note: str = "",
    corrects: IndicatorReport | int | None = None,
    reason: str = "",
    expected_current_id=UNSET,
) -> IndicatorReport:
    """Appends one actual to the ledger; refuses bad input, stale pages and unexplained corrections."""
    indicator = Indicator.objects.select_for_update().select_related("project").get(pk=indicator.pk)
    check_writer(user, indicator.project.department_id)
    ensure_unlocked(indicator.project_id)
    check_as_of(as_of, indicator.project.year)  # before the rows are read, as the batch does
    rows = list(IndicatorReport.objects.filter(indicator=indicator).select_related("entered_by"))
    row, target = checked_report(
        indicator=indicator, year=indicator.project.year, user=user, as_of=as_of, value=value, tier=tier,
        tier_percent=tier_percent, note=note, corrects=corrects, reason=reason,
        expected_current_id=expected_current_id, rows=rows,
    )
    return append_row(IndicatorReport, **row_fields(row), corrects=target)


@writes_projects
def record_expenditure(
    *,
    project: Project,
    user,
    as_of: datetime.date,
    amount: Decimal | None,
    note: str = "",
    over_budget_reason: str = "",
    corrects: ExpenditureReport | int | None = None,
    reason: str = "",
    expected_current_id=UNSET,
) -> ExpenditureReport:
    """Appends the cumulative amount spent (万元) as of a date; over the budget in force only with its 超支说明."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    check_writer(user, project.department_id)
    ensure_unlocked(project)
    check_as_of(as_of, project.year)
    rows = list(ExpenditureReport.objects.filter(project=project).select_related("entered_by"))
    row, target = checked_expenditure(
        project=project, user=user, as_of=as_of, amount=amount, note=note, over_budget_reason=over_budget_reason,
        corrects=corrects, reason=reason, expected_current_id=expected_current_id, rows=rows,
    )
    return append_row(ExpenditureReport, **row_fields(row), corrects=target)
