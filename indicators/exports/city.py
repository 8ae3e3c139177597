"""The whole city's workbooks (issue #21), run as background jobs: one row per department, one per project.

「评价」: 各部门汇总 (each department's dashboard figures), 项目汇总 (every project's score, grade and level, with
the bureau's spot-check verdict) and 抽查复核. 「监控」: the same two levels with the monitoring figures (DOMAIN §5):
execution against time progress, lines at each level, 待说明. Projects are evaluated `chunk` at a time through the
one evaluation (`evaluate_in_chunks`), so memory stays bounded; each department's line is the sum its projects add
up to (`DepartmentTotals.add`), the figures its own dashboard shows. `progress(done, total)` is called as each project
is written, for the job's progress bar (the job's runner decides how often to record it).
"""
import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, localcontext

from indicators import rules
from indicators.exports import styles
from indicators.exports.renderer import Cell, Row, Sheet, render
from indicators.exports.rows import header_row
from indicators.exports.spot_check_sheet import spot_check_sheet
from indicators.selectors.evaluation import ProjectEvaluation, evaluate_in_chunks, project_ids
from indicators.selectors.rule_settings import grade_labels, rule_settings
from indicators.selectors.spot_checks import current_notes
from indicators.selectors.totals import DepartmentTotals
from indicators.models import Verdict

CHUNK = 200
Progress = Callable[[int, int], None]
VERDICTS = dict(Verdict.choices)


@dataclass
class _Department:
    """A department's figures as its projects stream by."""

    code: str
    name: str
    totals: DepartmentTotals
    score_sum: Decimal = Decimal(0)
    grades: dict = field(default_factory=dict)

    def add(self, project: ProjectEvaluation) -> None:
        self.totals = self.totals.add(project)
        with localcontext(prec=rules.PRECISION):
            self.score_sum += project.total
        self.grades[project.grade] = self.grades.get(project.grade, 0) + 1

    @property
    def average(self) -> Decimal | None:
        with localcontext(prec=rules.PRECISION):  # the dashboard's own mean (indicators.selectors.dashboard)
            return self.score_sum / self.totals.projects if self.totals.projects else None


def _level(level: rules.Level) -> str:
    return rules.LEVEL_SHORT[level]


def _evaluation_department(d: _Department) -> list[Cell]:
    average = d.average
    grade = rules.grade_for(rules.to_cents(average), d.totals.settings) if average is not None else ""
    t = d.totals
    return [
        Cell(t.projects, "center"), Cell(t.indicators, "center"), Cell(t.budget, "amount"), Cell(t.spent, "amount"),
        Cell(t.execution_rate, "percent"), Cell(_level(t.budget_level), "center"), Cell(t.met, "center"),
        Cell(t.not_met, "center"), Cell(t.no_data, "center"), Cell(average, "score"), Cell(grade, "center"),
        *(Cell(d.grades.get(g, 0), "center") for g in grade_labels()),
        Cell(t.projects_at[rules.Level.RED], "center"), Cell(t.projects_at[rules.Level.YELLOW], "center"),
        Cell(t.needs_explanation, "center"),
    ]


def _monitoring_department(d: _Department) -> list[Cell]:
    t = d.totals
    return [
        Cell(t.projects, "center"), Cell(t.budget, "amount"), Cell(t.spent, "amount"), Cell(t.execution_rate, "percent"),
        Cell(t.time_progress, "percent"), Cell(_level(t.budget_level), "center"),
        *(Cell(t.lines_at[level], "center") for level in (rules.Level.GREEN, rules.Level.YELLOW, rules.Level.RED)),
        Cell(t.projects_at[rules.Level.RED], "center"), Cell(t.projects_at[rules.Level.YELLOW], "center"),
        Cell(t.needs_explanation, "center"),
    ]


def _evaluation_project(p: ProjectEvaluation, note) -> list[Cell]:
    s = p.score
    return [
        Cell(p.budget.budget, "amount"), Cell(p.spent, "amount"), Cell(p.execution_rate, "percent"),
        Cell(_level(p.budget_level), "center"), Cell(s.met, "center"), Cell(s.not_met, "center"),
        Cell(s.no_data, "center"), Cell(p.total, "score"), Cell(p.grade, "center"),
        Cell(_level(p.monitoring_level), "center"), Cell(p.needs_explanation, "center"),
        Cell(VERDICTS[note.verdict] if note else "", "center"),
        Cell(note.recomputed_score if note else None, "score"),
    ]


def _monitoring_project(p: ProjectEvaluation, note) -> list[Cell]:
    lines = [p.budget_level, *(line.level for line in p.indicators)]
    return [
        Cell(p.budget.budget, "amount"), Cell(p.spent, "amount"), Cell(p.budget_progress, "percent"),
        Cell(_level(p.budget_level), "center"),
        *(Cell(lines.count(level), "center") for level in (rules.Level.GREEN, rules.Level.YELLOW, rules.Level.RED)),
        Cell(_level(p.monitoring_level), "center"), Cell(p.needs_explanation, "center"),
    ]


@dataclass(frozen=True)
class _Form:
    title: str
    department_sheet: str
    project_sheet: str
    department_columns: Callable[[], list[str]]
    project_columns: list[str]
    department_cells: Callable[[_Department], list[Cell]]
    project_cells: Callable[[ProjectEvaluation, object], list[Cell]]
    spot_checks: bool


EVALUATION = _Form(
    "全市项目绩效评价汇总", "各部门汇总", "项目汇总",
    lambda: ["项目数", "指标数", "预算(万元)", "支出(万元)", "执行率", "执行状态", "达成", "未达成", "未填报",
             "平均得分", "等级", *grade_labels(), "红灯项目", "黄灯项目", "待说明"],
    ["预算(万元)", "支出(万元)", "执行率", "执行状态", "达成", "未达成", "未填报", "得分", "等级", "监控状态", "待说明",
     "抽查结论", "复核得分"],
    _evaluation_department, _evaluation_project, True,
)
MONITORING = _Form(
    "全市项目绩效运行监控汇总", "各部门监控汇总", "项目监控",
    lambda: ["项目数", "预算(万元)", "支出(万元)", "执行率", "序时进度", "执行状态", "绿灯行", "黄灯行", "红灯行",
             "红灯项目", "黄灯项目", "待说明"],
    ["预算(万元)", "支出(万元)", "执行进度", "执行状态", "绿灯行", "黄灯行", "红灯行", "监控状态", "待说明"],
    _monitoring_department, _monitoring_project, False,
)
FORMS = {"evaluation": EVALUATION, "monitoring": MONITORING}


def _sheet(name: str, headers: list[str], first: int) -> tuple[Sheet, list[tuple[str, float]]]:
    columns = [(h, 22 if i < first else 11) for i, h in enumerate(headers)]
    return Sheet(name=name, widths=[w for _, w in columns], freeze_rows=2, freeze_cols=first, repeat_rows=(1, 1),
                 filter_row=1, interleaved=True), columns


def city_sheets(form: _Form, *, year: int, as_of: datetime.date, ids: list[int], progress: Progress,
                chunk: int) -> Iterator[tuple[Sheet, Iterable[Row]]]:
    time_progress = rules.time_progress(as_of, year)
    dept_sheet, dept_columns = _sheet(form.department_sheet, ["代码", "部门", *form.department_columns()], 2)
    proj_sheet, proj_columns = _sheet(form.project_sheet, ["部门", "序号", "项目名称", *form.project_columns], 3)
    title = f"{year}年{form.title}（截至 {as_of:%Y-%m-%d}）"
    yield dept_sheet, [Row([Cell(title, "title", cols=len(dept_columns))] + [None] * (len(dept_columns) - 1)),
                       header_row(dept_columns)]
    yield proj_sheet, [Row([Cell(title, "title", cols=len(proj_columns))] + [None] * (len(proj_columns) - 1)),
                       header_row(proj_columns)]
    settings = rule_settings(year)
    city = _Department("", "全市合计", DepartmentTotals(time_progress=time_progress, settings=settings))
    current: _Department | None = None
    done = 0
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        notes = current_notes(project_ids=part) if form.spot_checks else {}
        for p in evaluate_in_chunks(year=year, as_of=as_of, ids=part, chunk=chunk, settings=settings):
            department = p.project.department
            if current is None or current.code != department.code:
                if current is not None:
                    yield dept_sheet, [Row([Cell(current.code, "text"), Cell(current.name, "wrap"),
                                            *form.department_cells(current)])]
                current = _Department(department.code, department.name, DepartmentTotals(time_progress=time_progress,
                                                                                      settings=settings))
            current.add(p)
            city.add(p)
            yield proj_sheet, [Row([Cell(department.name, "wrap"), Cell(p.project.seq, "center"),
                                    Cell(p.project.name, "wrap"), *form.project_cells(p, notes.get(p.project.pk))])]
            done += 1  # the renderer has written the row before it asks for the next
            progress(done, len(ids))
    if current is not None:
        yield dept_sheet, [Row([Cell(current.code, "text"), Cell(current.name, "wrap"), *form.department_cells(current)])]
    yield dept_sheet, [Row([Cell("", "total"), Cell("全市合计", "total_label"), *form.department_cells(city)])]
    if form.spot_checks:
        yield spot_check_sheet(year=year)


def write_city_workbook(*, form: str, year: int, as_of: datetime.date, output, progress: Progress = lambda d, t: None,
                        chunk: int = CHUNK) -> int:
    """Writes the city's 评价 or 监控 workbook; returns the number of projects written."""
    spec = FORMS[form]
    ids = project_ids(year=year, departments=None)
    progress(0, len(ids))
    render(output, city_sheets(spec, year=year, as_of=as_of, ids=ids, progress=progress, chunk=chunk),
           styles=styles.EVALUATION, title=f"{year}年{spec.title}", constant_memory=True)
    return len(ids)
