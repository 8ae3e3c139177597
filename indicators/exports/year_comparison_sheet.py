"""「上年对比」 (issue #22): each project and line of the year beside last year's, by the stable keys (项目编码,
指标编码), with the project's budget, spending and score both years.

This year's figures are the workbook's own evaluation, collected while each project's 自评表 is written (small
values, not the evaluations); last year's are its year-end evaluation (`department_previous_years`), so every figure
is the one the other sheets and pages show. Written by the one renderer: texts through its write_string path,
amounts in #,##0.00, scores in 0.00.
"""
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from indicators.exports.renderer import Cell, Row, Sheet
from indicators.exports.rows import header_row, record_sheet
from indicators.selectors.evaluation import ProjectEvaluation
from indicators.selectors.previous_years import DepartmentPast, PastLine, past_line

NAME = "上年对比"
BUDGET_LINE = "预算资金（万元）：预算数 / 执行数"
NO_LINE_LAST_YEAR, NO_LINE_THIS_YEAR = "上年无此指标", "本年无此指标"
NO_PROJECT_LAST_YEAR, NO_PROJECT_THIS_YEAR = "上年无此项目", "本年无此项目"


def columns(year: int) -> list[tuple[str, float]]:
    last = year - 1
    return [
        ("项目序号", 8), ("项目名称", 24), ("项目编码", 16), ("指标名称", 26), ("指标编码", 18),
        (f"{last}年目标", 16), (f"{last}年实际", 14), (f"{year}年目标", 16), (f"{year}年实际", 14),
        (f"{last}年项目得分", 12), (f"{year}年项目得分", 12),
    ]


@dataclass(frozen=True)
class _Project:
    seq: int
    name: str
    code: str
    budget: Decimal
    spent: Decimal | None
    total: Decimal
    lines: list[tuple[str, str, PastLine]]  # (name, key, the line as shown)

    @classmethod
    def of(cls, project: ProjectEvaluation) -> "_Project":
        lines = [(line.indicator.name, line.indicator.key, past_line(line)) for line in project.indicators]
        return cls(project.project.seq, project.project.name, project.project.code, project.budget.budget,
                   project.spent, project.total, lines)


@dataclass
class YearComparison:
    """This year's projects as the workbook writes them; then the sheet beside last year's."""

    year: int
    projects: list[_Project] = field(default_factory=list)

    def add(self, project: ProjectEvaluation) -> None:
        self.projects.append(_Project.of(project))

    def sheet(self, past: DepartmentPast, *, name: str = NAME) -> tuple[Sheet, Iterator[Row]]:
        return record_sheet(name, columns(self.year)), self._rows(past)

    def _rows(self, past: DepartmentPast) -> Iterator[Row]:
        yield header_row(columns(self.year))
        last_year = {code: _Project.of(years[self.year - 1])
                     for code, years in past.by_code.items() if self.year - 1 in years}
        for project in self.projects:
            yield from _project_rows(project, last_year.get(project.code) if project.code else None)
        shown = {project.code for project in self.projects if project.code}
        for code, then in sorted(last_year.items(), key=lambda item: item[1].seq):
            if code not in shown:
                yield from _project_rows(None, then)


def _project_rows(now: _Project | None, then: _Project | None) -> Iterator[Row]:
    """A project's budget row (with its scores), then its lines this year, then the lines it had only last year."""
    head = now or then
    ident = [Cell(head.seq, "center"), Cell(head.name, "wrap"), Cell(head.code, "text")]
    yield Row([
        *ident, Cell(BUDGET_LINE, "wrap"), Cell("", "text"),
        *(_amounts(then) if then else [Cell(NO_PROJECT_LAST_YEAR, "center"), Cell("", "center")]),
        *(_amounts(now) if now else [Cell(NO_PROJECT_THIS_YEAR, "center"), Cell("", "center")]),
        Cell(then.total if then else None, "score"), Cell(now.total if now else None, "score"),
    ])
    earlier = {key: line for _, key, line in then.lines if key} if then else {}
    for name, key, line in now.lines if now else ():
        before = earlier.pop(key, None) if key else None
        yield Row([*ident, Cell(name, "wrap"), Cell(key, "text"), *_line(before, NO_LINE_LAST_YEAR), *_line(line, ""),
                   Cell(None, "score"), Cell(None, "score")])
    for name, key, line in then.lines if then else ():
        if key in earlier:
            yield Row([*ident, Cell(name, "wrap"), Cell(key, "text"), *_line(line, ""),
                       *_line(None, NO_LINE_THIS_YEAR if now else NO_PROJECT_THIS_YEAR),
                       Cell(None, "score"), Cell(None, "score")])


def _amounts(project: _Project) -> list[Cell]:
    return [Cell(project.budget, "amount"), Cell(project.spent, "amount")]


def _line(line: PastLine | None, missing: str) -> list[Cell]:
    if line is None:
        return [Cell(missing, "center"), Cell("", "center")]
    return [Cell(line.target, "wrap_center"), Cell(line.actual, "wrap_center")]
