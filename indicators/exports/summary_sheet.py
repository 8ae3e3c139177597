"""「汇总表」: the published 项目绩效目标汇总表 column for column, then each indicator's actual and score.

The first twelve columns are the table as published (年初 values, byte for byte), so `import_targets` reads this
sheet back unchanged. Where an approved adjustment is in force at the as-of date, columns with the 调整后 values
follow the published ones; the judging columns always use the targets in force.

The workbook feeds the sheet a project at a time (opening rows, each project's rows, closing rows), so no more than
a chunk of evaluated projects is held however large the department.
"""
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from indicators import rules
from indicators.exports.renderer import A3, Cell, Formula, Row, Sheet, cell_ref
from indicators.exports.rows import actual_cell, height_for, published_number, status_cell, target_text
from indicators.selectors.evaluation import ProjectEvaluation
from indicators.selectors.totals import DepartmentTotals

NAME = "汇总表"
TITLE_ROWS = 1
HEADER_ROWS = 2
FIRST_DATA_ROW = TITLE_ROWS + HEADER_ROWS  # 0-based: row 4 in the spreadsheet
CLOSING_ROWS = 2  # 合计 and the note, below the rows the filter covers
AMOUNTS = ("budget", "own_level", "transfer")
SCORES = "项目自评"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float
    project: bool = False  # one value per project, merged down over its indicator rows
    group: str = ""  # upper header spanning neighbouring columns with the same group


def columns(*, budget_adjusted: bool, targets_adjusted: bool) -> list[Column]:
    # The import finds 核心绩效指标 ignoring a trailing （…）: 「（年初）」 tells readers which targets these are.
    group = "核心绩效指标（年初）" if targets_adjusted else "核心绩效指标"
    published = [
        Column("seq", "序号", 5, project=True),
        Column("name", "项目名称", 16, project=True),
        Column("overview", "项目概况", 36, project=True),
        Column("budget", "预算金额(万元)", 12, project=True),
        Column("own_level", "本级支出(万元)", 12, project=True),
        Column("transfer", "转移支付支出(万元)", 12, project=True),
        Column("annual_goal", "年度绩效目标", 30, project=True),
        Column("indicator", "指标名称", 22, group=group),
        Column("operator", "运算符", 6, group=group),
        Column("target", "年度目标值", 10, group=group),
        Column("unit", "单位", 8, group=group),
        Column("livelihood_standard", "重大民生标准", 10, project=True),
    ]
    extra = []
    if budget_adjusted:
        extra.append(Column("budget_in_force", "全年预算数(万元)", 12, project=True))
    if targets_adjusted:
        extra += [
            Column("adjusted_target", "调整后目标值", 16, group="目标调整"),
            Column("adjusted_from", "调整生效日期", 11, group="目标调整"),
        ]
    results = [
        Column("level1", "一级指标", 10),
        Column("level2", "二级指标", 12),
        Column("actual", "实际完成值", 12),
        Column("status", "完成情况", 8),
        Column("points_possible", "分值", 8),
        Column("points", "得分", 8),
        Column("explanation", "说明", 44),
        Column("review_state", "自评状态", 16, project=True),  # DOMAIN §9: 已审核 with the reviewer and date
    ]
    # The project's figures as every page shows them (from the evaluation, never recomputed), so that an auditor
    # reads all scores on one sheet.
    scores = [
        Column("spent", "支出(万元)", 12, project=True, group=SCORES),
        Column("execution_rate", "执行率", 9, project=True, group=SCORES),
        Column("over_budget", "超支", 6, project=True, group=SCORES),
        Column("total", "总分", 8, project=True, group=SCORES),
        Column("grade", "等级", 6, project=True, group=SCORES),
    ]
    return published + extra + results + scores


def summary_layout(cols: list[Column], *, name: str = NAME) -> Sheet:
    """The sheet's set-up; its rows come from `opening_rows`, `project_rows` and `closing_rows`, with the
    projects' own sheets written between."""
    return Sheet(
        name=name,
        widths=[c.width for c in cols],
        paper=A3,  # a wide table of every project and indicator: A3 landscape, titles repeated on every page
        freeze_rows=FIRST_DATA_ROW,
        freeze_cols=2,
        repeat_rows=(TITLE_ROWS, FIRST_DATA_ROW - 1),
        filter_row=FIRST_DATA_ROW - 1,
        filter_skips_last=CLOSING_ROWS,
        ignore_numbers_as_text=True,
        interleaved=True,
    )


@dataclass
class Totals:
    """The 合计 row's cached values and the data rows it sums, added up as the projects go by."""

    sums: dict[str, Decimal] = field(
        default_factory=lambda: dict.fromkeys((*AMOUNTS, "budget_in_force", "spent"), Decimal(0))
    )
    data_rows: int = 0
    department: DepartmentTotals = field(default_factory=DepartmentTotals)  # the pages' figures, added up alike

    def add(self, project: ProjectEvaluation) -> None:
        for key in AMOUNTS:
            self.sums[key] += getattr(project.project, key)
        self.department = self.department.add(project)
        self.sums["budget_in_force"] = self.department.budget
        self.sums["spent"] = self.department.spent
        self.data_rows += max(1, len(project.indicators))

    @property
    def last_data_row(self) -> int:
        return FIRST_DATA_ROW + self.data_rows - 1


def opening_rows(cols: list[Column], *, year: int, as_of, department_name: str) -> Iterator[Row]:
    title = f"{year}年{department_name}项目绩效目标完成情况（截至 {as_of:%Y-%m-%d}）"
    yield Row.line(Cell(title, "title", cols=len(cols)), height=30)
    yield from _header(cols)


def closing_rows(cols: list[Column], totals: Totals, *, as_of) -> Iterator[Row]:
    """The CLOSING_ROWS rows below the projects."""
    yield _total(cols, totals)
    yield _note(cols, as_of=as_of)


def _header(cols: list[Column]) -> Iterator[Row]:
    upper: list[Cell | None] = [None] * len(cols)
    lower: list[Cell | None] = [None] * len(cols)
    index = 0
    while index < len(cols):
        column = cols[index]
        if column.group:
            span = 1
            while index + span < len(cols) and cols[index + span].group == column.group:
                span += 1
            upper[index] = Cell(column.group, "header", cols=span)
            for offset in range(span):
                lower[index + offset] = Cell(cols[index + offset].header, "header")
            index += span
        else:
            upper[index] = Cell(column.header, "header", rows=2)
            index += 1
    yield Row(upper, height=30)
    yield Row(lower, height=30)


def _project_values(project: ProjectEvaluation, review_state: str) -> dict[str, Cell]:
    p = project.project
    return {
        "review_state": Cell(review_state, "wrap"),
        "seq": Cell(p.seq, "center"),
        "name": Cell(p.name, "wrap"),
        "overview": Cell(p.overview, "wrap"),
        "budget": Cell(p.budget, "amount"),
        "own_level": Cell(p.own_level, "amount"),
        "transfer": Cell(p.transfer, "amount"),
        "annual_goal": Cell(p.annual_goal, "wrap"),
        "livelihood_standard": Cell(p.livelihood_standard, "wrap"),
        "budget_in_force": Cell(project.budget.budget, "amount"),
        "spent": Cell(project.spent, "amount"),
        "execution_rate": Cell(project.execution_rate, "percent"),
        "over_budget": Cell(rules.OVER_BUDGET_LABEL if project.over_budget else None, "not_met"),
        "total": Cell(project.total, "score"),
        "grade": Cell(project.grade, "center"),
    }


def _indicator_values(line) -> dict[str, Cell]:
    indicator, target = line.indicator, line.target
    adjustment = target.adjustment
    return {
        "indicator": Cell(indicator.name, "wrap"),
        "operator": Cell(indicator.operator, "center"),
        "target": Cell(published_number(indicator.target_text), "center"),
        "unit": Cell(indicator.unit, "center"),
        "adjusted_target": Cell(
            target_text(target.operator, target.target_text, target.unit) if adjustment else None, "wrap"
        ),
        "adjusted_from": Cell(adjustment.effective_date if adjustment else None, "date"),
        "level1": Cell(indicator.level1, "center"),
        "level2": Cell(indicator.level2, "center"),
        "actual": actual_cell(line),
        "status": status_cell(line),
        "points_possible": Cell(line.score.points_possible, "score"),
        "points": Cell(line.score.points, "score"),
        "explanation": Cell(line.score.explanation, "wrap"),
    }


def project_rows(project: ProjectEvaluation, cols: list[Column], *, review_state: str = "填报中") -> Iterator[Row]:
    lines = project.indicators
    span = max(1, len(lines))
    values = _project_values(project, review_state)
    widths = {c.key: c.width for c in cols}
    merged_texts = [(values[k].value, widths[k]) for k in ("name", "overview", "annual_goal") if values[k].value]
    shared = height_for(merged_texts, rows=span)
    for offset in range(span):
        line_values = _indicator_values(lines[offset]) if lines else {}
        cells: list[Cell | None] = []
        for column in cols:
            if column.project:
                if offset == 0:
                    cell = values[column.key]
                    cells.append(Cell(cell.value, cell.style, rows=span) if span > 1 else cell)
                else:
                    cells.append(None)
            else:
                cell = line_values.get(column.key)
                cells.append(Cell(None) if cell is None else cell)
        own = [(c.value, widths[col.key]) for c, col in zip(cells, cols) if c is not None and isinstance(c.value, str)
               and not col.project]
        yield Row(cells, height=max(shared, height_for(own)))


def _total(cols: list[Column], totals: Totals) -> Row:
    cells: list[Cell | None] = [Cell("合计", "total_label")] + [Cell(None, "total") for _ in cols[1:]]
    for index, column in enumerate(cols):
        if column.key in totals.sums:
            first, last = cell_ref(FIRST_DATA_ROW, index), cell_ref(totals.last_data_row, index)
            cells[index] = Cell(Formula(f"=SUM({first}:{last})", totals.sums[column.key]), "total_amount")
    return Row(cells, height=22)


def _note(cols: list[Column], *, as_of) -> Row:
    text = (
        f"说明：预算金额、本级支出、转移支付支出与核心绩效指标（运算符、年度目标值、单位）为年初公开数；"
        f"实际完成值、完成情况、分值和得分按截至 {as_of:%Y-%m-%d} 的填报记录和当日有效的目标计算"
        f"（财预〔2020〕10号）；分值、得分显示两位小数，单元格内为完整精度。"
    )
    text += "项目自评各列为各项目的支出、执行率、总分和等级，与自评表一致；超支指累计支出超过当时有效的预算。"
    if any(c.key == "budget_in_force" for c in cols):
        text += "全年预算数为截至该日经批准调整后的预算。"
    if any(c.key == "adjusted_target" for c in cols):
        text += "调整后目标值为截至该日已生效的经批准调整，未调整的指标留空。"
    return Row.line(Cell(text, "note", cols=len(cols)), height=height_for([(text, sum(c.width for c in cols))]))
