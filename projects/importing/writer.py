"""A table written back in the published 汇总表 layout (the seed's tab-separated text): the inverse of the reader, so a
drafted table exports, is edited elsewhere, imports again and publishes through the same import.

Unchanged lines come out byte for byte as published: texts as typed (`target_text`, never the parsed number), amounts
with two places, the 合计 row with thousands separators, the closing sentence with plain amounts.
"""
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Protocol

TITLE = "项目绩效目标汇总表"
HEADER = ["序号", "项目名称", "项目概况", "预算金额(万元)", "本级支出(万元)", "转移支付支出(万元)", "年度绩效目标",
          "核心绩效指标", "", "", "", "重大民生标准"]
SUBHEADER = ["", "", "", "", "", "", "", "指标名称", "运算符", "年度目标值", "单位", ""]


class IndicatorLike(Protocol):
    name: str
    operator: str
    target_text: str
    unit: str


class ProjectLike(Protocol):
    seq: int
    name: str
    overview: str
    budget: Decimal
    own_level: Decimal
    transfer: Decimal
    annual_goal: str
    livelihood_standard: str


def _two_places(amount: Decimal) -> str:
    return f"{amount:.2f}"


def _separated(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def _plain(amount: Decimal) -> str:
    """1386.30 → 1386.3, 0.00 → 0: as the closing sentence prints amounts."""
    text = f"{amount:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _cell(text: str) -> str:
    # A tab or a line break inside a cell would split the row: the reader joins wrapped text with spaces anyway.
    return " ".join((text or "").replace("\t", " ").splitlines())


def _rows(project: ProjectLike, indicators: Sequence[IndicatorLike]) -> Iterable[list[str]]:
    lines = list(indicators) or [None]
    for position, line in enumerate(lines):
        head = [str(project.seq), _cell(project.name), _cell(project.overview), _two_places(project.budget),
                _two_places(project.own_level), _two_places(project.transfer), _cell(project.annual_goal)]
        indicator = [_cell(line.name), line.operator, _cell(line.target_text), _cell(line.unit)] if line else [""] * 4
        last = _cell(project.livelihood_standard) if position == 0 else ""
        yield (head if position == 0 else [""] * 7) + indicator + [last]


def published_table_text(*, department: str, year: int,
                         projects: Sequence[tuple[ProjectLike, Sequence[IndicatorLike]]]) -> str:
    """The whole table as text, projects in the order given, each with its indicator lines."""
    rows = [[], [], [TITLE], [], HEADER, SUBHEADER]
    for project, indicators in projects:
        rows.extend(_rows(project, indicators))
    budget = sum((p.budget for p, _ in projects), Decimal("0.00"))
    own = sum((p.own_level for p, _ in projects), Decimal("0.00"))
    transfer = sum((p.transfer for p, _ in projects), Decimal("0.00"))
    rows.append(["合计", "", "", _separated(budget), _separated(own), _separated(transfer)] + [""] * 6)
    rows.append([])
    own_count = sum(1 for p, _ in projects if p.own_level > 0 or p.transfer == 0)
    transfer_count = sum(1 for p, _ in projects if p.transfer > 0)
    rows.append([f"{year}年,{department}部门全面公开预算项目支出绩效目标(涉密项目除外),其中,本级部门预算项目{own_count}个,"
                 f"预算金额{_plain(own)}万元,转移支付项目{transfer_count}个,预算金额{_plain(transfer)}万元"])
    return "\n".join("\t".join(row) for row in rows)
