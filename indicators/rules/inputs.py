"""Sane inputs (DOMAIN §3): bounded rates, spending over the budget, amounts typed in 元 for 万元.

Each check returns the Chinese message of a refusal, or None; the services turn a message into a DomainError on the
field it concerns, so that every door (form, API, import, 监控表) refuses the same input with the same words.
"""
from decimal import Decimal

from indicators.rules.display import format_amount, format_number
from indicators.rules.numbers import HUNDRED, _precise
from indicators.rules.profile import DEFAULT_SETTINGS, RuleSettings

BOUNDED_RATE_MESSAGE = "比率不能超过 100%"


def is_bounded_rate(*, name: str, unit: str, settings: RuleSettings = DEFAULT_SETTINGS) -> bool:
    """A % indicator whose name says it is a share of a whole (满意度, 合格率, 利用率…): it cannot exceed 100."""
    is_percent = "%" in unit or "％" in unit
    return is_percent and any(word in name for word in settings.bounded_rate_words)


def bounded_rate_refusal(
    *, name: str, unit: str, value: Decimal | None, settings: RuleSettings = DEFAULT_SETTINGS
) -> str | None:
    """「比率不能超过 100%」 for a bounded rate above 100; None for anything else."""
    if value is None or not is_bounded_rate(name=name, unit=unit, settings=settings) or value <= HUNDRED:
        return None
    return BOUNDED_RATE_MESSAGE


def is_spending_over_budget(*, budget: Decimal, amount: Decimal | None) -> bool:
    """Spent more than the budget in force; any spending on a budget of 0 is over it."""
    return amount is not None and amount > budget


@_precise
def unit_mistake_refusal(
    *, budget: Decimal, amount: Decimal | None, settings: RuleSettings = DEFAULT_SETTINGS
) -> str | None:
    """An amount above 10 × the budget in force is refused as 元 typed for 万元.

    A budget of 0 has no multiple to speak of: spending on it is over budget and needs its reason, nothing more.
    """
    if amount is None or budget <= 0 or amount <= settings.unit_mistake_factor * budget:
        return None
    return (f"金额单位为万元：{format_amount(amount)} 万元是预算的 {format_number(amount / budget)} 倍，"
            "是否按元填写？")


def over_budget_refusal(*, budget: Decimal, amount: Decimal | None, reason: str, what: str = "累计支出") -> str | None:
    """Spending over the budget in force is accepted only with a 超支说明; None when it is not over or explained."""
    if not is_spending_over_budget(budget=budget, amount=amount) or reason.strip():
        return None
    return (f"超支：{what} {format_amount(amount)} 万元超过预算 {format_amount(budget)} 万元，"
            "请填写超支说明。")
