"""Decimal arithmetic of the rules: one 40-digit context for every computation, whatever the caller's."""
import contextlib
import functools
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from decimal import (
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    getcontext,
    localcontext,
)
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

# The context object `precise()` made current: while it still is, the rules compute in it without entering another.
_ENTERED: ContextVar[Context | None] = ContextVar("rules_context", default=None)


@contextlib.contextmanager
def precise() -> Iterator[None]:
    """The rules' context for a whole block of rule calls (an evaluation of many lines): entered once, not per call."""
    with localcontext(_CONTEXT) as context:
        token = _ENTERED.set(context)
        try:
            yield
        finally:
            _ENTERED.reset(token)


def _precise(func: Callable[P, R]) -> Callable[P, R]:
    # The caller's context may have 28 digits or odd traps; the rules always compute with the same one. Inside
    # `precise()` (and untouched since) that context is already the current one.
    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if getcontext() is _ENTERED.get():
            return func(*args, **kwargs)
        with precise():
            return func(*args, **kwargs)

    return wrapper
