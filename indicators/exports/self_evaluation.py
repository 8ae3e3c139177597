"""One 「项目支出绩效自评表」 per project, in the layout of 财预〔2020〕10号's self-evaluation form.

年初预算数 is the project's 年初 budget, 全年预算数 the budget in force at the as-of date (DOMAIN §8). The form
foots (DOMAIN §4): 执行率, every line's 得分 (the budget line's included) and the 总分 are formulas over the form's
own cells, each 得分 rounded to the cent as the rules round it and the 总分 the sum of the lines, so a spreadsheet
recomputes the whole form to the cent; their cached results are the rules' own figures, so a reader without a
calculation engine sees the same numbers.

The texts are the year-end ones (DOMAIN §9, indicators.selectors.year_end): 实施单位, 实际完成情况, each line's
偏差原因分析及改进措施 and a 定性 line's 评价依据, the 偏离度 deduction, 存在问题 and 改进措施; a required text not yet
written reads 「未填写（必填）」. The mid-year monitoring notes never stand in for them.
"""
from collections.abc import Iterator

from indicators import rules
from indicators.exports.renderer import Cell, Formula, Row, Sheet, cell_ref
from indicators.exports.rows import actual_cell, height_for, target_text
from indicators.selectors.evaluation import ProjectEvaluation
from indicators.selectors.previous_years import PreviousYears, beside
from indicators.selectors.year_end import PROJECT_TEXT_LABELS, LineState, SelfEvaluation

WIDTHS = [12, 12, 14, 24, 18, 14, 10, 10, 36]
COLS = len(WIDTHS)
FUNDS_ROW = 5  # 0-based row of 年度资金总额
FIRST_INDICATOR_ROW = 9
LEVEL1_ORDER = {level: i for i, level in enumerate(
    (rules.Level1.OUTPUT, rules.Level1.COST, rules.Level1.BENEFIT, rules.Level1.SATISFACTION))}
LEVEL2_ORDER = {level: i for i, level in enumerate(rules.Level2)}


def self_evaluation_sheet(
    state: SelfEvaluation, *, name: str, department_name: str, as_of, review=None, past: PreviousYears | None = None
) -> tuple[Sheet, Iterator[Row]]:
    """`review`: the project's ReviewStamp; an approved project's form says 已审核 with the reviewer and date.
    `past`: the project's earlier years, shown under the form (往年对比) so that the form's own rows never move."""
    layout = Sheet(name=name, widths=WIDTHS, landscape=False,
                   repeat_rows=(FIRST_INDICATOR_ROW - 1, FIRST_INDICATOR_ROW - 1))
    return layout, _with_past(_rows(state, department_name=department_name, as_of=as_of, review=review), state, past)


def _with_past(form: Iterator[Row], state: SelfEvaluation, past: PreviousYears | None) -> Iterator[Row]:
    yield from form
    if past is not None and past.years:
        yield from past_rows(state.evaluation, past)


PAST_TITLE = "往年对比"


def past_rows(project: ProjectEvaluation, past: PreviousYears) -> Iterator[Row]:
    """往年对比 under the form: each line's target and actual this year, then in each earlier year (newest first,
    two at most: the form has room for two years beside this one), and the project's 总分 those years."""
    years = list(reversed(past.years))[:2]
    yield Row.line(Cell(None, "text", cols=COLS), height=10)
    header = [Cell(PAST_TITLE, "label"), Cell("三级指标", "label", cols=2), Cell(f"{project.project.year}年目标", "label"),
              Cell(f"{project.project.year}年实际", "label")]
    for year in years:
        header += [Cell(f"{year}年目标", "label"), Cell(f"{year}年实际", "label")]
    yield Row.line(*header, height=30)
    score = [Cell("项目总分", "label"), Cell(f"{project.project.year}年（截至评价日）", "wrap", cols=2),
             Cell(project.total, "score"), Cell(project.grade, "center")]
    for year in years:
        then = past.projects[year]
        score += [Cell(then.total, "score"), Cell(then.grade, "center")]
    yield Row.line(*score)
    for line, now, history in beside(project, past):
        by_year = dict(zip(past.years, history, strict=True))
        cells = [Cell(None, "text"), Cell(line.indicator.name, "wrap", cols=2), Cell(now.target, "wrap_center"),
                 Cell(now.actual, "wrap_center")]
        for year in years:
            then = by_year[year]
            cells += [Cell(then.target, "wrap_center"), Cell(then.actual, "wrap_center")] if then else [
                Cell("当年无此指标", "center", cols=2)]
        texts = [(line.indicator.name, WIDTHS[1] + WIDTHS[2])]
        yield Row.line(*cells, height=height_for(texts))


def _rows(state: SelfEvaluation, *, department_name: str, as_of, review=None) -> Iterator[Row]:
    project = state.evaluation
    p, score = project.project, project.score
    yield Row.line(Cell("项目支出绩效自评表", "form_title", cols=COLS), height=30)
    yield Row.line(Cell(f"（{p.year}年度，截至 {as_of:%Y-%m-%d}）", "subtitle", cols=COLS))
    yield Row.line(Cell("项目名称", "label"), Cell(p.name, "wrap", cols=8),
                   height=height_for([(p.name, sum(WIDTHS[1:]))]))
    unit = p.implementing_unit.strip() or department_name  # blank: the department carries the project out itself
    yield Row.line(Cell("主管部门", "label"), Cell(department_name, "wrap", cols=4), Cell("实施单位", "label"),
                   Cell(unit, "wrap", cols=3))
    yield Row.line(Cell("项目资金\n（万元）", "label", rows=2), Cell(None, "label"), Cell("年初预算数", "label"),
                   Cell("全年预算数", "label"), Cell("全年执行数", "label"), Cell("分值", "label"),
                   Cell("执行率", "label"), Cell("得分", "label"), Cell(DEVIATION, "label"), height=30)
    budget_text = budget_explanation(state)
    yield Row([None, *_funds(project, budget_text)], height=height_for([(budget_text, WIDTHS[8])]))
    goal, achieved = p.annual_goal, _achievement(state, as_of)
    yield Row.line(Cell("年度总体目标", "label", rows=2), Cell("预期目标", "label", cols=4),
                   Cell("实际完成情况", "label", cols=4))
    yield Row([None, Cell(goal, "wrap", cols=4), None, None, None, Cell(achieved, "wrap", cols=4), None, None, None],
              height=height_for([(goal, sum(WIDTHS[1:5])), (achieved, sum(WIDTHS[5:9]))]))
    states = sorted(state.lines, key=lambda line_state: (
        LEVEL1_ORDER[rules.Level1(line_state.line.indicator.level1)],
        LEVEL2_ORDER[rules.Level2(line_state.line.indicator.level2)], line_state.line.indicator.order,
    ))
    lines = [line_state.line for line_state in states]
    yield Row.line(Cell("绩效指标", "label", rows=len(lines) + 1), Cell("一级指标", "label"),
                   Cell("二级指标", "label"), Cell("三级指标", "label"), Cell("年度指标值", "label"),
                   Cell("实际完成值", "label"), Cell("分值", "label"), Cell("得分", "label"),
                   Cell(DEVIATION, "label"), height=30)
    yield from _indicator_rows(states)
    last = FIRST_INDICATOR_ROW + len(lines) - 1
    budget_cell = cell_ref(FUNDS_ROW, 5)
    points_cell = cell_ref(FUNDS_ROW, 7)
    possible = score.budget.points_possible + sum((line.score.points_possible for line in lines), rules.ZERO)
    if lines:
        possible_formula = f"={budget_cell}+SUM({cell_ref(FIRST_INDICATOR_ROW, 6)}:{cell_ref(last, 6)})"
        total_formula = f"={points_cell}+SUM({cell_ref(FIRST_INDICATOR_ROW, 7)}:{cell_ref(last, 7)})"
    else:
        possible_formula, total_formula = f"={budget_cell}", f"={points_cell}"
    yield Row.line(Cell("总分", "label"), Cell(None, "text", cols=5),
                   Cell(Formula(possible_formula, possible), "total_score"),
                   Cell(Formula(total_formula, score.total), "total_score"), Cell(None), height=22)
    yield Row.line(Cell("等级", "label"), Cell(score.grade, "grade", cols=8), height=22)
    for name in ("problems", "measures"):
        text = state.text(name).strip() or MISSING
        yield Row.line(Cell(PROJECT_TEXT_LABELS[name], "label"), Cell(text, "wrap", cols=8),
                       height=height_for([(text, sum(WIDTHS[1:]))]))
    # A project scored by its table's own 分值 has no class shares to explain.
    explicit = lines and all(line.input.points is not None for line in lines)
    allocation = "" if explicit else rules.class_allocation_note([line.indicator.level1 for line in lines],
                                                                  project.settings)
    if allocation:
        yield Row.line(Cell("说明", "label"), Cell(allocation, "wrap", cols=8),
                       height=height_for([(allocation, sum(WIDTHS[1:]))]))
    if review is not None and review.approved:
        yield Row.line(Cell(REVIEW_LABEL, "label"), Cell(str(review), "grade", cols=8), height=30)
    else:
        yield review_row(state)
    note = NOTE + _grades(project.settings)
    yield Row.line(Cell(note, "note", cols=COLS), height=height_for([(note, sum(WIDTHS))]))


DEVIATION = "偏差原因分析及改进措施"
MISSING = "未填写（必填）"  # a required year-end text not written yet: never left blank, never filled from elsewhere
REVIEW_LABEL = "审核"


def review_row(state: SelfEvaluation) -> Row:
    """The reserved 审核 stamp row: 已审核, the reviewer and the date once the project is approved (DOMAIN §9).

    Blank until the review-and-lock work fills it; kept here so that the form's rows do not move when it does.
    """
    return Row.line(Cell(REVIEW_LABEL, "label"), Cell("", "wrap", cols=8), height=30)


def budget_explanation(state: SelfEvaluation) -> str:
    """The budget line's 偏差原因分析及改进措施: 超支 with its 超支说明, then the year-end text (or that it is missing)."""
    budget, expenditure = state.budget, state.evaluation.expenditure
    parts = []
    if budget.over_budget:
        reason = expenditure.over_budget_reason if expenditure is not None else ""
        parts.append(f"{rules.OVER_BUDGET_LABEL}{f'（超支说明：{reason}）' if reason else ''}")
    if budget.text:
        parts.append(budget.text)
    elif budget.required:
        parts.append(MISSING)
    return "\n".join(parts)


def line_explanation(state: LineState) -> str:
    """An indicator line's 偏差原因分析及改进措施 from the year-end ledger (never the monitoring note), the 评价依据
    of a 定性 line, and the 偏离度 deduction with its reason (DOMAIN §4, §9)."""
    line, parts = state.line, []
    if state.text:
        parts.append(state.text)
    elif state.text_required:
        parts.append(MISSING)
    if state.qualitative:
        parts.append(f"评价依据：{state.basis or MISSING}")
    if line.deducted:
        reason = line.deduction.reason if line.deduction else ""
        parts.append(f"偏离度扣分 {rules.format_points(line.deducted)} 分：{reason}")
    return "\n".join(parts)


NOTE = (
    "说明：年初预算数为年初批复的预算金额，全年预算数为截至评价日经批准调整后的预算金额；执行率 = 全年执行数 ÷ "
    "全年预算数，预算执行得分 = 分值 × 执行率（最高 100%）；指标得分 = 分值 × 完成比例（定量指标最高 100%，"
    "定性指标按完成档次的得分率），未填报得 0 分（财预〔2020〕10号）。分值按比例分配到分（余数按最大余额依次补足，"
    "同一类指标排列在前者优先），合计 100.00 分；各项得分四舍五入到分，总分为各项得分之和。"
)


def _grades(settings: rules.RuleSettings) -> str:
    bands = [f"{rules.format_number(low)} 分及以上为{label}" for low, label in settings.grade_bands]
    return f"等级：{'，'.join(bands)}，其余为{settings.lowest_grade}。"


def _funds(project: ProjectEvaluation, explanation: str) -> list[Cell | None]:
    """年度资金总额: 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分, 偏差原因分析及改进措施 (B6:I6)."""
    budget = project.score.budget
    row = FUNDS_ROW
    initial, in_force, spent, possible, rate, points = (cell_ref(row, col) for col in range(2, 8))
    if budget.budget > 0:
        # Without a reported expenditure the cell stays empty and the rate is 0, as the rules say.
        rate_cell = Cell(Formula(f"={spent}/{in_force}", budget.execution_rate), "percent")
        points_cell = Cell(Formula(f"=ROUND({possible}*MIN(1,MAX(0,{rate})),2)", budget.points), "score")
    else:
        rate_cell = Cell("—", "center")  # no rate of a budget of 0 (DOMAIN §4)
        points_cell = Cell(budget.points, "score")
    return [
        Cell("年度资金总额", "label"),
        Cell(project.project.budget, "amount"),
        Cell(project.budget.budget, "amount"),
        Cell(project.spent, "amount"),
        Cell(budget.points_possible, "score"),
        rate_cell,
        points_cell,
        Cell(explanation, "wrap"),
    ]


def _achievement(state: SelfEvaluation, as_of) -> str:
    """实际完成情况: the text finance wrote (or that it is missing), then the figures of the evaluation."""
    project, score = state.evaluation, state.evaluation.score
    parts = [
        f"截至 {as_of:%Y-%m-%d}，绩效指标 {len(project.indicators)} 项：达成 {score.met} 项、未达成 {score.not_met} 项、"
        f"未填报 {score.no_data} 项。"
    ]
    if project.spent is None:
        parts.append("尚未填报支出。")
    elif score.budget.execution_rate is not None:
        parts.append(
            f"全年执行数 {rules.format_amount(project.spent)} 万元，预算执行率 "
            f"{rules.format_percent(score.budget.execution_rate)}。"
        )
    else:
        parts.append(f"全年执行数 {rules.format_amount(project.spent)} 万元（全年预算数为 0）。")
    return f"{state.text('achievement').strip() or MISSING}\n{''.join(parts)}"


# The comparison each operator meets its target by (DOMAIN §3); `=` is met by any actual at or above it.
COMPARE = {rules.Operator.GE: ">=", rules.Operator.GT: ">", rules.Operator.LE: "<=", rules.Operator.LT: "<",
           rules.Operator.EQ: ">="}


def _points_formula(line, row: int) -> Formula:
    """得分 over the line's own cells: ROUND(分值 × MIN(1, MAX(0, ratio)), 2), or 分值 × the tier's percentage, less
    the line's 偏离度 deduction (DOMAIN §3–4); a blank or non-numeric 实际完成值 scores 0. The target, printed as
    text in 年度指标值, enters as a number."""
    actual, possible = cell_ref(row, 5), cell_ref(row, 6)
    operator = rules.Operator(line.target.operator)
    if rules.is_qualitative(operator):
        share = f"{rules.format_plain(line.score.ratio * 100)}%" if line.score.ratio is not None else "0"
    else:
        target = rules.format_plain(line.target.target_value)
        if line.target.target_value <= 0:  # met scores 1, not met 0
            ratio = f"IF({actual}{COMPARE[operator]}{target},1,0)"
        elif operator in (rules.Operator.LE, rules.Operator.LT):
            ratio = f"IF({actual}<=0,1,{target}/{actual})"
        else:
            ratio = f"{actual}/{target}"
        share = f"IF(ISNUMBER({actual}),MIN(1,MAX(0,{ratio})),0)"
    deduction = f"-{rules.format_plain(line.deducted)}" if line.deducted else ""
    return Formula(f"=ROUND({possible}*{share},2){deduction}", line.score.points)


def _indicator_rows(states: list[LineState]) -> Iterator[Row]:
    lines = [state.line for state in states]
    runs1 = _runs([line.indicator.level1 for line in lines])
    runs2 = _runs([(line.indicator.level1, line.indicator.level2) for line in lines])
    for index, line in enumerate(lines):
        target = line.target
        shown = target_text(target.operator, target.target_text, target.unit)
        if line.adjusted:
            initial = target_text(line.indicator.operator, line.indicator.target_text, line.indicator.unit)
            shown += f"\n（{target.adjustment.effective_date:%Y-%m-%d} 起调整；年初：{initial}）"
        deviation = line_explanation(states[index])
        cells = [
            None,
            Cell(line.indicator.level1, "center", rows=runs1[index]) if index in runs1 else None,
            Cell(line.indicator.level2, "center", rows=runs2[index]) if index in runs2 else None,
            Cell(line.indicator.name, "wrap"),
            Cell(shown, "wrap_center"),
            actual_cell(line, "number_center"),
            Cell(line.score.points_possible, "score"),
            Cell(_points_formula(line, FIRST_INDICATOR_ROW + index), "score"),
            Cell(deviation, "wrap"),
        ]
        texts = [(line.indicator.name, WIDTHS[3]), (shown, WIDTHS[4]), (deviation, WIDTHS[8])]
        if line.tier:
            texts.append((cells[5].value, WIDTHS[5]))
        yield Row(cells, height=height_for(texts))


def _runs(keys: list) -> dict[int, int]:
    """Start index → length of each run of equal neighbouring keys (the cells merged down in the form)."""
    runs, start = {}, 0
    for index in range(1, len(keys) + 1):
        if index == len(keys) or keys[index] != keys[start]:
            runs[start] = index - start
            start = index
    return runs
