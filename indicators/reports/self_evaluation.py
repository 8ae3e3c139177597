"""The 绩效自评报告 (DOMAIN §9) as blocks of text and tables, following 财预〔2020〕10号's outline: 基本情况,
绩效目标实现情况 (the indicator table with 分值 and 得分), 偏差原因分析, 存在问题及改进措施, 自评结论.

Plain blocks, filled from the self-evaluation selector (the evaluation's own figures and the year-end texts);
indicators.reports.docx writes them as a Word document.
"""
import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from core.templatetags.perf import money, num2, pct, plain
from indicators import rules
from indicators.selectors.year_end import LineState, SelfEvaluation
from projects.models import Department

NOT_WRITTEN = "（未填写）"
LINE_HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "完成情况"]
SUMMARY_HEADER = ["序号", "项目名称", "全年预算数（万元）", "全年执行数（万元）", "执行率", "总分", "等级"]
DIGITS = "一二三四五六七八九"


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 0: the title; 1: 一、…; 2: （一）…


@dataclass(frozen=True)
class Paragraph:
    text: str
    note: bool = False  # a small, muted line (dates, what is still missing)


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]
    numeric: frozenset[int] = frozenset()  # columns aligned right
    total: bool = False  # the last row is a total


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Table | PageBreak


def _numeral(i: int) -> str:
    """1 → 一, 10 → 十, 15 → 十五, 23 → 二十三 (sections and projects; beyond 99 the digits)."""
    if not 1 <= i <= 99:
        return str(i)
    tens, ones = divmod(i, 10)
    head = "" if tens == 0 else "十" if tens == 1 else f"{DIGITS[tens - 1]}十"
    return head + (DIGITS[ones - 1] if ones else "")


def _text(value: str) -> str:
    return value.strip() or NOT_WRITTEN


def _target(state: LineState) -> str:
    target = state.line.target
    if rules.is_qualitative(target.operator):
        return target.target_text
    return f"{target.operator}{target.target_text}{target.unit}"


def _actual(state: LineState) -> str:
    line = state.line
    if line.report is None:
        return "未填报"
    if line.tier:
        return f"{rules.TIER_LABELS[rules.Tier(line.tier)]}（{plain(line.report.tier_percent)}%）"
    return f"{plain(line.actual)}{line.target.unit}"


def indicator_table(state: SelfEvaluation) -> Table:
    """The budget line, every indicator line, and the total: 分值 and 得分 as every page and sheet show them."""
    e = state.evaluation
    budget = e.score.budget
    rows = [["预算执行率", "", "", "100%", pct(e.execution_rate), num2(budget.points_possible), num2(budget.points),
             "超支" if state.budget.over_budget else ""]]
    for s in state.lines:
        line = s.line
        status = line.status_label + ("，超额较多" if rules.Flag.OVER_ACHIEVEMENT in line.score.flags else "")
        if line.deducted:
            status += f"，偏离度扣分 {num2(line.deducted)}"
        rows.append([line.indicator.level1, line.indicator.level2, line.indicator.name, _target(s), _actual(s),
                     num2(line.score.points_possible), num2(line.score.points), status])
    rows.append(["总分", "", "", "", "", "100.00", num2(e.total), f"等级：{e.grade}"])
    return Table(LINE_HEADER, rows, numeric=frozenset({5, 6}), total=True)


def _deviations(state: SelfEvaluation) -> Iterator[Paragraph]:
    budget = state.budget
    if budget.required or budget.text:
        cause = f"（{budget.cause}）" if budget.cause else ""
        yield Paragraph(f"预算执行{cause}：{_text(budget.text)}")
    for s in state.lines:
        name = f"第 {s.line.indicator.order} 项「{s.line.indicator.name}」"
        if s.text_required or s.text:
            cause = f"（{s.cause}）" if s.cause else ""
            yield Paragraph(f"{name}{cause}：{_text(s.text)}")
        if s.line.deducted:
            yield Paragraph(f"{name}偏离度扣分 {num2(s.line.deducted)} 分：{s.line.deduction.reason}")
        if s.qualitative:
            yield Paragraph(f"{name}（定性指标）评价依据：{_text(s.basis)}")


def _conclusion(state: SelfEvaluation, stamp) -> Iterator[Paragraph]:
    score = state.evaluation.score
    yield Paragraph(
        f"本项目自评总分 {num2(state.evaluation.total)} 分，等级为“{state.evaluation.grade}”。"
        f"核心绩效指标 {len(state.lines)} 项：达成 {score.met} 项，未达成 {score.not_met} 项，未填报 {score.no_data} 项。"
    )
    if stamp is not None and stamp.approved:  # DOMAIN §9: the approved report says so, with reviewer and date
        yield Paragraph(f"审核情况：{stamp}。")
    if state.missing:
        yield Paragraph(f"尚有 {len(state.missing)} 项说明未填写：{'；'.join(m.message for m in state.missing)}", note=True)


def project_report(state: SelfEvaluation, *, title: bool = True, number: int | None = None,
                   stamp=None) -> Iterator[Block]:
    """One project's report; in the department's report its sections sit one level down, under its number.

    `stamp`: the project's ReviewStamp (selectors/review.py); an approved project's report carries 已审核."""
    p, e = state.project, state.evaluation
    top = 1 if title else 2
    if title:
        yield Heading(f"{p.year}年度{p.name}绩效自评报告", 0)
        shown = f" · {stamp}" if stamp is not None and stamp.approved else ""
        yield Paragraph(f"{p.department.name} · 截至 {state.as_of:%Y年%m月%d日}{shown}", note=True)
    else:
        yield Heading(f"（{_numeral(number or p.seq)}）{p.name}", 1)
    sections = ["基本情况", "绩效目标实现情况", "偏差原因分析", "存在问题及改进措施", "自评结论"]
    heading = {name: f"{_numeral(i)}、{name}" if title else f"{i}. {name}" for i, name in enumerate(sections, 1)}
    yield Heading(heading["基本情况"], top)
    yield Paragraph(f"项目概况：{_text(p.overview)}")
    in_force = e.budget
    yield Paragraph(
        f"项目资金：年初预算数 {money(p.budget)} 万元（本级 {money(p.own_level)} 万元、转移支付 {money(p.transfer)} 万元），"
        f"全年预算数 {money(in_force.budget)} 万元，全年执行数 {money(e.spent)} 万元，预算执行率 {pct(e.execution_rate)}。"
    )
    yield Paragraph(f"年度绩效目标：{_text(p.annual_goal)}")
    yield Heading(heading["绩效目标实现情况"], top)
    yield Paragraph(f"实际完成情况：{_text(state.text('achievement'))}")
    yield indicator_table(state)
    yield Heading(heading["偏差原因分析"], top)
    deviations = list(_deviations(state))
    yield from deviations or [Paragraph("各项指标均已达成，预算全部执行，无需说明偏差。")]
    yield Heading(heading["存在问题及改进措施"], top)
    yield Paragraph(f"存在问题：{_text(state.text('problems'))}")
    yield Paragraph(f"改进措施：{_text(state.text('measures'))}")
    yield Heading(heading["自评结论"], top)
    yield from _conclusion(state, stamp)


def department_report(states: Sequence[SelfEvaluation], *, department: Department, year: int,
                      as_of: datetime.date, stamps: dict | None = None) -> Iterator[Block]:
    """The department's report: the projects' scores on one table, then each project's report."""
    yield Heading(f"{department.name}{year}年度项目支出绩效自评报告", 0)
    yield Paragraph(f"截至 {as_of:%Y年%m月%d日}", note=True)
    yield Heading("一、总体情况", 1)
    budget = sum((s.evaluation.budget.budget for s in states), rules.ZERO)
    spent = sum((s.evaluation.spent or rules.ZERO for s in states), rules.ZERO)
    grades = {grade: sum(s.evaluation.grade == grade for s in states) for grade in ("优", "良", "中", "差")}
    yield Paragraph(
        f"本部门 {year} 年度项目 {len(states)} 个，全年预算数合计 {money(budget)} 万元，全年执行数合计 {money(spent)} 万元，"
        f"预算执行率 {pct(spent / budget) if budget else '—'}。自评等级：" + "，".join(f"{g} {n} 个" for g, n in grades.items())
        + "。"
    )
    rows = [[str(s.project.seq), s.project.name, money(s.evaluation.budget.budget), money(s.evaluation.spent),
             pct(s.evaluation.execution_rate), num2(s.evaluation.total), s.evaluation.grade] for s in states]
    yield Table(SUMMARY_HEADER, rows, numeric=frozenset({2, 3, 4, 5}))
    yield Heading("二、各项目自评情况", 1)
    for i, state in enumerate(states, 1):
        if i > 1:
            yield PageBreak()
        yield from project_report(state, title=False, number=i, stamp=(stamps or {}).get(state.project.pk))
