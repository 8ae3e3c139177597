"""「调整记录」: every target, budget and 分值 adjustment of the department-year with its decision (DOMAIN §8).

One streamed query per adjustment table (a 分值 adjustment is one row per line of its project, read with the
adjustment joined). 「评价日有效」 marks the adjustment in force at the as-of date for its line, i.e. the one whose
values the other sheets used.
"""
from collections.abc import Iterator

from indicators.exports.renderer import Cell, Row, Sheet
from indicators.exports.rows import header_row, local, person, record_sheet, target_text
from indicators.exports.used_rows import UsedRows
from projects.choices import AdjustmentState
from projects.models import BudgetAdjustment, IndicatorAdjustment, PointsAdjustmentLine

NAME = "调整记录"
CHUNK = 2000
COLUMNS = [
    ("类别", 10), ("记录号", 8), ("项目序号", 8), ("项目名称", 18), ("指标", 22), ("调整前", 22), ("调整后", 22),
    ("调整前数值", 12), ("调整后数值", 12), ("调整原因", 24), ("生效日期", 11), ("状态", 8), ("提出人", 14),
    ("提出时间", 18), ("审批人", 14), ("审批时间", 18), ("驳回原因", 20), ("评价日有效", 10),
]
STATE_LABELS = dict(AdjustmentState.choices)
STATE_STYLES = {AdjustmentState.APPROVED: "met", AdjustmentState.REJECTED: "not_met", AdjustmentState.PENDING: "no_data"}
PEOPLE = ("proposed_by__username", "proposed_by__first_name", "proposed_by__last_name",
          "decided_by__username", "decided_by__first_name", "decided_by__last_name")
COMMON = ("id", "reason", "effective_date", "state", "proposed_at", "decided_at", "rejection_reason", *PEOPLE)


def adjustments_sheet(used: UsedRows, *, department, year: int, name: str = NAME) -> tuple[Sheet, Iterator[Row]]:
    return record_sheet(name, COLUMNS), _rows(used, department=department, year=year)


def _rows(used: UsedRows, *, department, year: int) -> Iterator[Row]:
    yield header_row(COLUMNS)
    indicator_rows = IndicatorAdjustment.objects.filter(
        indicator__project__department=department, indicator__project__year=year
    ).order_by("indicator__project__seq", "indicator__order", "proposed_at", "id").values(
        *COMMON, "indicator__project__seq", "indicator__project__name", "indicator__name",
        "old_operator", "old_target_text", "old_target_value", "old_unit", "old_weight",
        "new_operator", "new_target_text", "new_target_value", "new_unit", "new_weight",
    )
    for row in indicator_rows.iterator(chunk_size=CHUNK):
        yield _row(
            "指标调整", row, seq=row["indicator__project__seq"], project=row["indicator__project__name"],
            line=row["indicator__name"], old=_target(row, "old"), new=_target(row, "new"),
            old_value=row["old_target_value"], new_value=row["new_target_value"],
            in_force=row["id"] in used.target_adjustments,
        )
    budget_rows = BudgetAdjustment.objects.filter(
        project__department=department, project__year=year
    ).order_by("project__seq", "proposed_at", "id").values(
        *COMMON, "project__seq", "project__name", "old_budget", "old_own_level", "old_transfer",
        "new_budget", "new_own_level", "new_transfer",
    )
    for row in budget_rows.iterator(chunk_size=CHUNK):
        yield _row(
            "预算调整", row, seq=row["project__seq"], project=row["project__name"], line="预算金额",
            old=_budget(row, "old"), new=_budget(row, "new"), old_value=row["old_budget"],
            new_value=row["new_budget"], in_force=row["id"] in used.budget_adjustments,
        )
    points_rows = PointsAdjustmentLine.objects.filter(
        adjustment__project__department=department, adjustment__project__year=year
    ).order_by("adjustment__project__seq", "adjustment__proposed_at", "adjustment_id", "indicator__order").values(
        *(f"adjustment__{name}" for name in COMMON), "adjustment__project__seq", "adjustment__project__name",
        "indicator__name", "old_points", "new_points",
    )
    for line in points_rows.iterator(chunk_size=CHUNK):
        row = {name: line[f"adjustment__{name}"] for name in COMMON}
        yield _row(
            "分值调整", row, seq=line["adjustment__project__seq"], project=line["adjustment__project__name"],
            line=line["indicator__name"], old=f"分值 {line['old_points']:.2f}", new=f"分值 {line['new_points']:.2f}",
            old_value=line["old_points"], new_value=line["new_points"], in_force=row["id"] in used.points_adjustments,
        )


def _target(row: dict, side: str) -> str:
    text = target_text(row[f"{side}_operator"], row[f"{side}_target_text"], row[f"{side}_unit"])
    weight = row[f"{side}_weight"]
    return text + (f"，权重 {weight.normalize():f}" if weight is not None else "")


def _budget(row: dict, side: str) -> str:
    return (f"{row[f'{side}_budget']:,.2f} 万元（本级 {row[f'{side}_own_level']:,.2f}，"
            f"转移支付 {row[f'{side}_transfer']:,.2f}）")


def _row(kind: str, row: dict, *, seq, project, line, old, new, old_value, new_value, in_force: bool) -> Row:
    proposer = person(*(row[f] for f in PEOPLE[:3]))
    decider = person(*(row[f] for f in PEOPLE[3:])) if row["decided_by__username"] else ""
    number_style = {"预算调整": "amount", "分值调整": "score"}.get(kind, "number")
    return Row([
        Cell(kind, "center"), Cell(row["id"], "center"), Cell(seq, "center"), Cell(project, "wrap"),
        Cell(line, "wrap"), Cell(old, "wrap"), Cell(new, "wrap"), Cell(old_value, number_style),
        Cell(new_value, number_style), Cell(row["reason"], "wrap"), Cell(row["effective_date"], "date"),
        Cell(STATE_LABELS.get(row["state"], row["state"]), STATE_STYLES.get(row["state"], "center")),
        Cell(proposer, "wrap"), Cell(local(row["proposed_at"]), "datetime"), Cell(decider, "wrap"),
        Cell(local(row["decided_at"]), "datetime"), Cell(row["rejection_reason"], "wrap"),
        Cell("是" if in_force else "", "center"),
    ])
