"""The evaluation workbook: 汇总表, one 自评表 per project, 填报记录, 调整记录, 佐证材料, 抽查复核 and 上年对比, as a
stream of sheets and rows.

Memory stays bounded whatever the number of indicators: the projects are evaluated a chunk of `CHUNK` at a time (one
query per ledger, adjustment and year-end table), the 汇总表 gets each project's rows while that project's own sheet is written,
then the project is let go; the renderer's constant_memory mode keeps one row in memory per open sheet.
"""
import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from core.errors import DomainError
from indicators.exports import styles, summary_sheet
from indicators.exports.adjustments_sheet import adjustments_sheet
from indicators.exports.evidence_sheet import evidence_sheet
from indicators.exports.ledger_sheet import ledger_sheet
from indicators.exports.names import SheetNames
from indicators.exports.renderer import Row, Sheet, render
from indicators.exports.self_evaluation import self_evaluation_sheet
from indicators.exports.spot_check_sheet import spot_check_sheet
from indicators.exports.used_rows import UsedRows
from indicators.exports.year_comparison_sheet import YearComparison
from indicators.selectors.evaluation import project_ids
from indicators.selectors.previous_years import department_previous_years
from indicators.selectors.review import DRAFT_STAMP, review_stamps
from indicators.selectors.year_end import SelfEvaluation, self_evaluations_in_chunks
from projects.in_force import adjustments_in_force_exist
from projects.models import Department, Indicator, Project

CHUNK = 200  # projects evaluated and held at once: one department's export in one go, a city's in bounded memory


@dataclass(frozen=True)
class ExportSummary:
    department: str
    year: int
    as_of: datetime.date
    projects: int
    indicators: int
    sheets: int


def download_name(*, department: Department, year: int) -> str:
    return f"{year}年{department.name}项目绩效目标完成情况.xlsx"


def write_evaluation_workbook(
    *, department: Department, year: int, as_of: datetime.date, output, chunk: int = CHUNK, progress=None
) -> ExportSummary:
    """Writes the auditors' workbook of a department-year as of a date to a path or a binary file;
    `progress(done, total)` as each project's sheet is written (a terminal's progress line)."""
    ids = project_ids(year=year, departments=[department])
    if not ids:
        raise DomainError(f"{department.name} {year} 年没有项目：请先导入项目绩效目标汇总表。")
    indicators = 0

    def counted(states: Iterable[SelfEvaluation]) -> Iterator[SelfEvaluation]:
        nonlocal indicators
        for done, state in enumerate(states):
            if progress is not None:
                progress(done, len(ids))  # the previous project's sheet is written when the next is asked for
            indicators += len(state.evaluation.indicators)
            yield state
        if progress is not None:
            progress(len(ids), len(ids))

    projects = counted(self_evaluations_in_chunks(year=year, as_of=as_of, ids=ids, chunk=chunk))
    sheets = render(
        output, evaluation_sheets(projects, department=department, year=year, as_of=as_of),
        styles=styles.EVALUATION, title=download_name(department=department, year=year)[:-5], constant_memory=True,
    )
    return ExportSummary(
        department=department.name, year=year, as_of=as_of, projects=len(ids), indicators=indicators, sheets=sheets,
    )


def evaluation_sheets(
    states: Iterable[SelfEvaluation], *, department: Department, year: int, as_of: datetime.date
) -> Iterator[tuple[Sheet, Iterable[Row]]]:
    """The workbook's sheets and their rows, in the order they are written (a project's year-end self-evaluation
    carries its evaluation, which the 汇总表 reads)."""
    # Subqueries, not lists of ids: a city's department can have more projects than SQLite takes parameters.
    in_year = Project.objects.filter(department=department, year=year)
    budget_adjusted, targets_adjusted = adjustments_in_force_exist(
        project_ids=in_year.values("pk"), indicator_ids=Indicator.objects.filter(project__in=in_year).values("pk"),
        as_of=as_of,
    )
    cols = summary_sheet.columns(budget_adjusted=budget_adjusted, targets_adjusted=targets_adjusted)
    names = SheetNames()
    fixed = {title: names.claim(title) for title in ("汇总表", "填报记录", "调整记录", "佐证材料", "抽查复核", "上年对比")}
    summary = summary_sheet.summary_layout(cols, name=fixed["汇总表"])
    yield summary, summary_sheet.opening_rows(cols, year=year, as_of=as_of, department_name=department.name)
    totals, used, compared = summary_sheet.Totals(), UsedRows(), YearComparison(year)
    stamps = review_stamps(in_year)  # one query: each project's state, the 自评表 of an approved one says so
    past = department_previous_years(department=department, year=year)  # one evaluation per earlier year
    for state in states:
        project = state.evaluation
        stamp = stamps.get(project.project.pk, DRAFT_STAMP)
        yield summary, summary_sheet.project_rows(project, cols, review_state=str(stamp))
        yield self_evaluation_sheet(state, name=names.project(project.project.seq, project.project.name),
                                    department_name=department.name, as_of=as_of, review=stamp,
                                    past=past.of(project.project))
        totals.add(project)
        used.add(project)
        compared.add(project)
    yield summary, summary_sheet.closing_rows(cols, totals, as_of=as_of)
    yield ledger_sheet(used, department=department, year=year, name=fixed["填报记录"])
    yield adjustments_sheet(used, department=department, year=year, name=fixed["调整记录"])
    yield evidence_sheet(department=department, year=year, name=fixed["佐证材料"])
    yield spot_check_sheet(year=year, department=department, name=fixed["抽查复核"])
    yield compared.sheet(past, name=fixed["上年对比"])
