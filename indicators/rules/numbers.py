"""Decimal arithmetic of the rules: one 40-digit context for every computation, whatever the caller's."""
import functools
from collections.abc import Callable
from decimal import ROUND_HALF_EVEN, Context, Decimal, DivisionByZero, InvalidOperation, Overflow, localcontext
from typing import ParamSpec, TypeVar

PRECISION = 40
ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
_CONTEXT = Context(prec=PRECISION, rounding=ROUND_HALF_EVEN, traps=[InvalidOperation, DivisionByZero, Overflow])
# Every figure of the form (分值, 得分, 总分) is in hundredths (DOMAIN §4: the form foots).
CENT = Decimal("0.01")

P = ParamSpec("P")
R = TypeVar("R")


def _precise(func: Callable[P, R]) -> Callable[P, R]:
    # The caller's context may have 28 digits or odd traps; the rules always compute with the same one.
    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with localcontext(_CONTEXT):
            return func(*args, **kwargs)

    return wrapper
