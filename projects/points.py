"""Explicit 分值 (DOMAIN §4, weighting `explicit`): the one check that a project's lines and its budget line foot.

Plain Python: the import refuses a table with it, the admin refuses an edit with it.
"""
from decimal import Decimal

FULL_MARKS = Decimal(100)


def points_problem(points: list[Decimal | None], *, budget_points: Decimal) -> str:
    """'' when the lines carry no 分值 or carry them all and, with the budget line's, sum to 100.00; else why not."""
    given = [p for p in points if p is not None]
    if not given:
        return ""
    if len(given) != len(points):
        return f"{len(points) - len(given)} 个指标没有分值：按表中分值计分时，每个指标都须有分值"
    lines = sum(given, Decimal(0))
    if lines + budget_points == FULL_MARKS:
        return ""
    return (f"各指标分值合计 {lines:.2f} 分，加预算执行 {budget_points:.2f} 分为 {lines + budget_points:.2f} 分，"
            "应为 100.00 分")
