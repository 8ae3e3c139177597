"""The rules' numbers in their explanations, shown by the project's one formatting module (core.formatting).

Kept under the rules' own names: the explanations say '得 10 分', a figure on a page '10.00'.
"""
from core.formatting import compact as format_number
from core.formatting import compact_percent as format_percent
from core.formatting import money as format_amount
from core.formatting import plain as format_plain
from core.formatting import points as format_points

__all__ = ["format_number", "format_percent", "format_amount", "format_plain", "format_points"]
