"""The `evaluate` command's table for people: columns aligned by display width (a Chinese character is two)."""
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from indicators import rules
from indicators.selectors.evaluation import Evaluation

CENT = Decimal("0.01")


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, size: int, *, right: bool = False) -> str:
    fill = " " * max(0, size - width(text))
    return fill + text if right else text + fill


def cut(text: str, size: int) -> str:
    out = ""
    for ch in text:
        if width(out + ch) > size - 1:
            return out + "…"
        out += ch
    return out


def fmt(value: Decimal | None, *, percent: bool = False) -> str:
    if value is None:
        return "—"
    shown = (value * 100 if percent else value).quantize(CENT, ROUND_HALF_UP)
    return f"{shown:,}%" if percent else f"{shown:,}"


def evaluation_table(evaluation: Evaluation, *, department: str) -> str:
    headers = ["序号", "项目名称", "预算(万元)", "支出(万元)", "执行率", "预算得分", "总分", "等级", "达成", "未达成", "未填报"]
    sizes = [4, 30, 12, 12, 9, 8, 8, 4, 4, 6, 6]
    numeric = {0, 2, 3, 4, 5, 6, 8, 9, 10}
    lines = [
        f"{department} {evaluation.year} 年  截至 {evaluation.as_of:%Y-%m-%d}  "
        f"序时进度 {fmt(evaluation.time_progress, percent=True)}",
        "  ".join(pad(h, s, right=i in numeric) for i, (h, s) in enumerate(zip(headers, sizes))),
    ]
    for p in evaluation.projects:
        s = p.score
        cells = [str(p.project.seq), cut(p.project.name, sizes[1]), fmt(p.budget.budget), fmt(p.spent),
                 fmt(s.budget.execution_rate, percent=True), fmt(s.budget.points), fmt(s.total), s.grade,
                 str(s.met), str(s.not_met), str(s.no_data)]
        lines.append("  ".join(pad(c, sz, right=i in numeric) for i, (c, sz) in enumerate(zip(cells, sizes))))
        for line in p.indicators:
            lines.append(
                f"      {line.indicator.order:>2}. {pad(cut(line.indicator.name, 34), 34)} "
                f"{pad(rules.STATUS_LABELS[line.score.status], 6)} {fmt(line.score.points):>6} / "
                f"{fmt(line.score.points_possible):<6} {line.score.explanation}"
            )
    total_budget = evaluation.budget
    lines.append(f"合计：预算 {fmt(total_budget)} 万元，支出 {fmt(evaluation.spent)} 万元，项目 {len(evaluation.projects)} 个。")
    return "\n".join(lines)
