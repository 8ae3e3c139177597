"""One cell of another unit's table read as operator, number and unit (`≥50个`, `≤90万元`, `100%(历史标准)`).

Plain Python. Every reading that is not the cell as written says so in `note` (shown in the preview as
「由“≥50个”解析」), and a reading a person should check carries a `warning`.
"""
import re
from dataclasses import dataclass
from decimal import Decimal

from core.parsing import ParseError, parse_decimal
from projects.vocabulary import normalize_operator

# 百分比 is how some platforms print %; full-width signs are what input methods type.
_UNIT_WORDS = {"百分比": "%", "％": "%", "﹪": "%"}
_FUSED = re.compile(
    r"^(?P<op>>=|<=|==|[≥≧⩾≤≦⩽><=＞＜＝]{1,2})?\s*"
    r"(?P<number>[+\-－]?[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)\s*"
    r"(?P<unit>[^()（）]*?)\s*"
    r"(?P<remark>[(（][^()（）]*[)）])?$"
)
_TEN_THOUSAND = "万"
STRICT_WARNING = "运算符为“>”（严格大于）：完成值等于目标值时未达成；如意为“≥”，请改正后再导入"
_OPERATOR_WORDS = {"定性": "", "定量": None, "正向": "≥", "正向指标": "≥", "反向": "≤", "反向指标": "≤"}


@dataclass(frozen=True)
class Target:
    operator: str
    text: str  # the target as it will be stored (年度目标值（原文）): the number as written, or the 定性 text
    value: Decimal | None
    unit: str
    note: str = ""  # 由“≥50个”解析 … : empty when the cell was taken as written
    warning: str = ""


class CellError(ValueError):
    """The cell cannot be read; the message (Chinese) names what is wrong, the caller adds where."""


def read_operator(text: str) -> str:
    """A 运算符 / 指标性质 / 计算符号 cell: a sign, or the words 定性, 正向, 反向; CellError otherwise."""
    squeezed = "".join((text or "").split())
    if squeezed in _OPERATOR_WORDS and _OPERATOR_WORDS[squeezed] is not None:
        return _OPERATOR_WORDS[squeezed]
    try:
        return str(normalize_operator(squeezed))
    except ValueError:
        raise CellError(f"无法识别：{text!r}（应为 ≥、>、≤、<、=、定性 或留空）") from None


def read_target(cell: str, *, operator: str | None, unit: str) -> Target:
    """The target of one line. `operator` is the separate column's reading (None: the table has no such column),
    `unit` the separate unit column's text ('' when none or blank)."""
    text = (cell or "").strip()
    for word, sign in _UNIT_WORDS.items():
        text = text.replace(word, sign)
    match = _FUSED.match("".join(text.split())) if text else None
    if operator == "" and not (match and match["op"]):
        return Target("", cell.strip(), None, unit)  # the 运算符 column says 定性 (blank) and the cell has no sign
    if match is None:
        if operator:  # a quantitative line whose target is no number: refused by the caller's number check
            return _plain(cell, operator, unit)
        return Target("", cell.strip(), None, unit)  # 定性: 及时发放, 优良, 2023.07-2024.01
    fused_op, number, fused_unit, remark = match["op"] or "", match["number"], match["unit"], match["remark"]
    notes, warning = [], ""
    if fused_op:
        try:
            fused_op = str(normalize_operator(fused_op))
        except ValueError:
            raise CellError(f"运算符无法识别：{cell!r}") from None
        if operator and operator != fused_op:
            raise CellError(f"单元格中的运算符「{fused_op}」与运算符列的「{operator}」不一致：{cell!r}")
    final_op = operator or fused_op
    if not final_op:
        final_op = "="
        notes.append("未写运算符，按“=”")
    if final_op == ">":
        warning = STRICT_WARNING
    value = _number(number, cell)
    final_unit, scaled = _unit(fused_unit, unit, cell)
    if scaled:
        value *= 10000
        notes.append(f"“万”为{unit}的万倍：{number}{fused_unit} = {_plain_number(value)} {unit}")
    if remark:
        notes.append(f"括注“{remark}”为说明，不计入目标值")
    interpreted = bool(fused_op or (fused_unit and fused_unit != unit) or remark or notes)
    note = (f"由“{cell.strip()}”解析" + (f"：{'；'.join(notes)}" if notes else "")) if interpreted else ""
    stored = _plain_number(_number(number, cell)) if interpreted else cell.strip()
    return Target(final_op, stored, value, final_unit, note, warning)


def _unit(fused: str, stated: str, cell: str) -> tuple[str, bool]:
    """The line's unit, and whether the number is to be multiplied by 10,000 (`250万` under the unit 元)."""
    if not fused or fused == stated:
        return stated, False
    if not stated:
        return fused, False
    if fused in (_TEN_THOUSAND, _TEN_THOUSAND + stated) and not stated.startswith(_TEN_THOUSAND):
        return stated, True
    if fused == _TEN_THOUSAND:
        return stated, False  # 250万 under 万元: the 万 is the unit's own
    raise CellError(f"单元格中的单位「{fused}」与单位列的「{stated}」不一致：{cell!r}")


def _plain(cell: str, operator: str, unit: str) -> Target:
    try:
        value = parse_decimal(cell, max_digits=20, decimal_places=4, unit=unit)
    except ParseError as error:
        raise CellError(str(error)) from None
    if value is None:
        raise CellError(f"为空：运算符「{operator}」须有数值目标")
    return Target(operator, cell.strip(), value, unit)


def _number(text: str, cell: str) -> Decimal:
    try:
        value = parse_decimal(text, max_digits=20, decimal_places=4)
    except ParseError as error:
        raise CellError(str(error)) from None
    if value is None:
        raise CellError(f"不是数字：{cell!r}")
    return value


def _plain_number(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


CLASS_POINTS = re.compile(r"^(?P<name>.*?)\s*[(（]\s*(?P<points>[0-9.]+)\s*分\s*[)）]$")


def class_heading(text: str) -> tuple[str, Decimal | None]:
    """`产出指标(50分)` → ('产出指标', 50): a heading's own points are read as the heading, not part of its name."""
    squeezed = "".join((text or "").split())
    match = CLASS_POINTS.match(squeezed)
    if match is None:
        return squeezed, None
    return match["name"], Decimal(match["points"])
