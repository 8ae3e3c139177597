"""The `evaluate` command's table for people: columns aligned by display width (a Chinese character is two)."""
import unicodedata

from core.formatting import money, percent, points
from indicators import rules
from indicators.selectors.evaluation import Evaluation


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


def evaluation_table(evaluation: Evaluation, *, department: str) -> str:
    headers = ["序号", "项目名称", "预算(万元)", "支出(万元)", "执行率", "预算得分", "总分", "等级", "达成", "未达成", "未填报"]
    sizes = [4, 30, 12, 12, 9, 8, 8, 4, 4, 6, 6]
    numeric = {0, 2, 3, 4, 5, 6, 8, 9, 10}
    lines = [
        f"{department} {evaluation.year} 年  截至 {evaluation.as_of:%Y-%m-%d}  "
        f"序时进度 {percent(evaluation.time_progress)}",
        "  ".join(pad(h, s, right=i in numeric) for i, (h, s) in enumerate(zip(headers, sizes))),
    ]
    for p in evaluation.projects:
        s = p.score
        cells = [str(p.project.seq), cut(p.project.name, sizes[1]), money(p.budget.budget), money(p.spent),
                 percent(s.budget.execution_rate), points(s.budget.points), points(s.total), s.grade,
                 str(s.met), str(s.not_met), str(s.no_data)]
        lines.append("  ".join(pad(c, sz, right=i in numeric) for i, (c, sz) in enumerate(zip(cells, sizes))))
        if p.over_budget:
            lines.append(f"      超支：支出 {money(p.spent)} 万元超过预算 {money(p.budget.budget)} 万元")
        for line in p.indicators:
            lines.append(
                f"      {line.indicator.order:>2}. {pad(cut(line.indicator.name, 34), 34)} "
                f"{pad(rules.STATUS_LABELS[line.score.status], 6)} {points(line.score.points):>6} / "
                f"{points(line.score.points_possible):<6} {line.score.explanation}"
            )
    totals = evaluation.totals
    lines.append(f"合计：预算 {money(totals.budget)} 万元，支出 {money(totals.spent)} 万元，项目 {totals.projects} 个。")
    return "\n".join(lines)
