"""Importing a filled 监控表: every changed line through the same write path as the page; all or nothing.

A line is changed when what the sheet says differs from the note the sheet was exported with (its hidden 记录号),
so an unchanged re-import writes nothing, and a line someone changed online since the export is refused as stale.
"""
import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO


from core.errors import DomainError
from indicators.exports import monitoring_layout as L
from indicators.models import DeviationReason, MonitoringNote
from indicators.monitoring_import.reader import ReadError, read_workbook
from indicators.monitoring_import.sheets import (
    ProjectSheet,
    Refusals,
    TypedLine,
    check_headers,
    identify,
    is_project_sheet,
    read_lines,
    where,
)
from indicators.selectors.monitoring import monitoring_round
from indicators.services.monitoring import normalize_likelihood, normalize_reasons
from indicators.services.note_batch import NoteBatch
from projects.models import Department, Project
from projects.written import project_writes

FIELD_COLUMNS = {
    "forecast": (L.FORECAST_COLUMN, "全年预计完成值"),
    "reasons": (min(L.REASON_COLUMNS.values()), L.REASON_GROUP),
    "reason_other": (L.OTHER_TEXT_COLUMN, L.TAIL_COLUMNS[L.OTHER_TEXT_COLUMN]),
    "likelihood": (L.LIKELIHOOD_COLUMN, L.TAIL_COLUMNS[L.LIKELIHOOD_COLUMN]),
    "measures": (L.MEASURES_COLUMN, L.TAIL_COLUMNS[L.MEASURES_COLUMN]),
    "as_of": (L.AS_OF_CELL[1], "截至日期"),
}


@dataclass(frozen=True)
class ImportSummary:
    notes: int  # lines written
    unchanged: int  # lines left as they were
    projects: int
    as_of: datetime.date


def _find_sheets(sheets, projects: dict[int, Project], department: Department) -> list[ProjectSheet]:
    errors: list[str] = []
    found: dict[int, ProjectSheet] = {}
    for sheet in sheets:
        if sheet.title == L.SUMMARY_SHEET or not is_project_sheet(sheet):
            continue
        project, as_of = identify(sheet, projects, department.name, errors)
        if project is None:
            continue
        if project.seq in found:
            errors.append(f"工作表「{sheet.title}」与「{found[project.seq].sheet.title}」都是项目 {project.seq}"
                          f"「{project.name}」：每个项目只能有一张表")
            continue
        found[project.seq] = ProjectSheet(sheet=sheet, project=project, as_of=as_of)
    for seq, project in projects.items():
        if seq not in found:
            errors.append(f"缺少项目 {seq}「{project.name}」的工作表（按表头的「项目序号」查找）：请使用导出的完整监控表")
    dates = {ps.as_of for ps in found.values()}
    if len(dates) > 1:
        errors.append("各工作表的截至日期不一致：" + "、".join(sorted(f"{d:%Y-%m-%d}" for d in dates)))
    if errors:
        raise Refusals(errors)
    return [found[seq] for seq in sorted(found)]


def _same_as_seen(typed: TypedLine, seen: MonitoringNote | None) -> bool:
    """Whether the row repeats a note (or is blank where there is none)."""
    try:
        reasons = normalize_reasons(typed.reasons)
        likelihood = normalize_likelihood(typed.likelihood)
    except DomainError:
        return False  # refused later, by the write path, with the column named
    if typed.reason_other and DeviationReason.OTHER not in reasons:
        reasons.append(DeviationReason.OTHER.value)
    if seen is None:
        return typed.forecast is None and not reasons and not typed.reason_other and not likelihood and not (
            typed.measures)
    return (typed.forecast, reasons, typed.reason_other, likelihood, typed.measures) == (
        seen.forecast, seen.reasons, seen.reason_other_text, seen.likelihood, seen.measures
    )


def _refusals(typed: TypedLine, exc: DomainError) -> list[str]:
    messages = []
    for name, texts in exc.errors.items():
        if name in FIELD_COLUMNS:
            column, label = FIELD_COLUMNS[name]
            row = L.AS_OF_CELL[0] if name == "as_of" else typed.row
            if name == "forecast" and typed.line.is_budget:
                label = L.BUDGET_COLUMNS[-1]
            messages += [f"{where(typed.sheet, row, column, label)}{text}" for text in texts]
        else:
            messages += [f"{where(typed.sheet, typed.row)}（{typed.line.name}）：{text}" for text in texts]
    return messages


def import_monitoring(*, source: str | Path | BinaryIO, department: Department, year: int, user,
                      file_name: str = "", progress=None) -> ImportSummary:
    """Writes every filled line of the workbook as a monitoring note, or nothing (Refusals, with every message).

    `progress(done, total)` is called as each project sheet is read and checked (a terminal's progress line): the
    cell-by-cell reading is what grows with the workbook, the notes are then written in one batch."""
    try:
        sheets = read_workbook(source)
    except ReadError as exc:
        raise Refusals([str(exc)]) from None
    projects = {p.seq: p for p in Project.objects.filter(department=department, year=year)}
    if not projects:
        raise Refusals([f"{department.name} {year} 年没有项目：请先导入绩效目标表。"])
    found = _find_sheets(sheets, projects, department)
    as_of = found[0].as_of
    the_round = monitoring_round(department=department, year=year, as_of=as_of)
    lines_by_project = {p.project.pk: p.lines for p in the_round.projects}
    errors: list[str] = []
    typed: list[tuple[Project, TypedLine]] = []
    for done, project_sheet in enumerate(found):
        if progress is not None:
            progress(done, len(found))
        before = len(errors)
        check_headers(project_sheet.sheet, errors)
        if len(errors) == before:
            lines = read_lines(project_sheet.sheet, lines_by_project[project_sheet.project.pk], errors)
            typed += [(project_sheet.project, line) for line in lines]
    if progress is not None:
        progress(len(found), len(found))
    if errors:
        raise Refusals(errors)
    seen = {n.pk: n for n in MonitoringNote.objects.filter(
        project__in=projects.values(), pk__in=[t.note_id for _, t in typed if t.note_id is not None])}
    # Unchanged: the row repeats the note it was exported with, or the note that is current now (a file
    # imported twice). Anything else is written, and refused as stale if the line moved on since the export.
    changed = [(p, t) for p, t in typed
               if not _same_as_seen(t, _seen_note(p, t, seen)) and not _same_as_seen(t, t.line.note)]
    reason = f"导入监控表{f'「{file_name}」' if file_name else ''}"
    with project_writes():  # one refresh per project for the whole sheet, before the commit
        # The changed sheets' projects locked once, their notes read once; the notes inserted together.
        batch = NoteBatch(user=user, projects=list({project.pk: project for project, _ in changed}.values()))
        for project, line in changed:
            try:
                batch.note(
                    project_id=project.pk, indicator=line.line.indicator, as_of=as_of, forecast=line.forecast,
                    reasons=line.reasons, reason_other=line.reason_other, likelihood=line.likelihood,
                    measures=line.measures, reason=reason, expected_current_id=line.note_id,
                )
            except DomainError as exc:
                errors += _refusals(line, exc)
        if not errors:
            batch.save()
    if errors:
        raise Refusals(errors)
    return ImportSummary(notes=len(changed), unchanged=len(typed) - len(changed), projects=len(found), as_of=as_of)


def _seen_note(project: Project, typed: TypedLine, seen: dict[int, MonitoringNote]) -> MonitoringNote | None:
    """The note the row was exported with, if the hidden 记录号 names one of this very line."""
    note = seen.get(typed.note_id)
    indicator_id = typed.line.indicator.pk if typed.line.indicator else None
    belongs = note is not None and note.project_id == project.pk and note.indicator_id == indicator_id
    return note if belongs else None
