"""A 自评表 that carries 实际完成值 (and 得分) → that year's reports as of 31 December, through the report service.

So a unit can load last year's results. Its targets must be imported first (import_targets reads the same file);
projects are matched by 项目代码, else by name, lines by name. Every actual is checked before any is written, and
all are written in one transaction or none. The printed 得分 is never imported: it is compared with the score the
rules give, and each difference is listed.
"""
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from core.errors import DomainError
from core.parsing import ParseError, parse_decimal
from indicators.models import IndicatorReport
from indicators.selectors.evaluation import evaluate
from indicators.services.reports import record_indicator_report
from projects.importing import parse_rows
from projects.importing.layouts import FIELDS, ColumnsRefused, detect
from projects.importing.reader import ImportFailed, Row, read_rows
from projects.importing.table import ParsedIndicator, is_published_layout
from projects.models import Department, Indicator, Project

# What a 自评表 writes in 实际完成值 of a 定性 line → the tier (DOMAIN §3).
TIER_WORDS = {
    "达成": "achieved", "完成": "achieved", "已完成": "achieved", "达到": "achieved", "达成年度指标": "achieved",
    "部分达成": "partial", "基本完成": "partial", "基本达成": "partial",
    "部分达成年度指标并具有一定效果": "partial",
    "未达成": "failed", "未完成": "failed", "未达到": "failed", "未达成年度指标且效果较差": "failed",
}
NOTE = "导入自评表：{filename}"
TIER_NAMES = {"achieved": "达成", "partial": "部分达成", "failed": "未达成"}


@dataclass(frozen=True)
class RecordedLine:
    """One actual the import records (or, on a dry run, would record), for the upload page's preview."""

    where: str
    project: str
    indicator: str
    value: str  # as a clerk reads it: 90 %, or 达成


@dataclass
class ResultsImport:
    department: str
    year: int
    recorded: int = 0
    unchanged: int = 0
    differences: list[str] = field(default_factory=list)
    lines: list[RecordedLine] = field(default_factory=list)

    def summary(self, *, dry_run: bool = False) -> str:
        prefix = "【试运行，未写入数据库】" if dry_run else ""
        compared = f"表中得分与本系统计分不同 {len(self.differences)} 处" if self.differences else "表中得分与本系统计分一致"
        return (f"{prefix}{self.department} {self.year} 年自评表：导入实际完成值 {self.recorded} 条（截至 {self.year}-12-31），"
                f"未变 {self.unchanged} 条；{compared}。")


def import_results(*, data: bytes, filename: str, department: Department, year: int, user,
                   mapping: dict[str, int] | None = None, dry_run: bool = False, progress=None) -> ResultsImport:
    """Records the table's actuals as of 31 December of `year`; raises ImportFailed listing every bad cell.

    `mapping` (field → column index, as --column or the page's choice gives it) overrides the columns found by
    their headers; a choice that cannot be read is refused by field (ColumnsRefused). `progress(done, total)` is
    called as each actual is recorded (a terminal's progress line): the lines are written one by one."""
    return import_result_rows(rows=read_rows(data, filename=filename), filename=filename, department=department,
                              year=year, user=user, mapping=mapping, dry_run=dry_run, progress=progress)


def import_result_rows(*, rows: list[Row], filename: str, department: Department, year: int, user,
                       mapping: dict[str, int] | None = None, dry_run: bool = False,
                       progress=None) -> ResultsImport:
    """`import_results` of rows already read (the upload page reads them once, for the columns it offers too)."""
    table = parse_rows(rows, year=year, mapping=mapping)
    _check_actual_column(rows, mapping)
    as_of = datetime.date(year, 12, 31)
    projects = list(Project.objects.filter(department=department, year=year).prefetch_related("indicators"))
    errors, planned = [], []
    for parsed in table.projects:
        project = _project(projects, parsed)
        if project is None:
            errors.append(f"{parsed.where}：项目「{parsed.name}」不在 {department.name} {year} 年的目标中："
                          "请先用 import_targets 导入这张表的目标")
            continue
        lines = {line.name: line for line in project.indicators.all()}
        for parsed_line in parsed.indicators:
            indicator = lines.get(parsed_line.name)
            if indicator is None:
                errors.append(f"{parsed_line.where}：项目「{project.name}」没有指标「{parsed_line.name}」")
                continue
            reading = _reading(indicator, parsed_line, errors)
            if reading is not None:
                planned.append((indicator, parsed_line, reading))
    if errors:
        raise ImportFailed(errors)
    result = ResultsImport(department.name, year)
    current = _current_on(as_of, [indicator.pk for indicator, _, _ in planned])
    with transaction.atomic():
        for done, (indicator, parsed_line, (value, tier)) in enumerate(planned):
            if progress is not None:
                progress(done, len(planned))
            row = current.get(indicator.pk)
            if row is not None and (row.value, row.tier) == (value, tier):
                result.unchanged += 1
                continue
            if row is not None:
                errors.append(f"{parsed_line.actual_where}：{as_of} 已有填报 {row.value if row.tier == '' else row.tier}，"
                              "与表中不同：请在填报页面更正（注明原因）")
                continue
            try:
                record_indicator_report(indicator=indicator, user=user, as_of=as_of, value=value, tier=tier,
                                        note=NOTE.format(filename=filename))
            except DomainError as error:
                errors.append(f"{parsed_line.actual_where}：{'；'.join(error.flat_messages())}")
                continue
            result.recorded += 1
            shown = TIER_NAMES[tier] if tier else f"{value} {indicator.unit}".strip()
            result.lines.append(RecordedLine(parsed_line.actual_where, indicator.project.name, indicator.name, shown))
        if errors:
            raise ImportFailed(errors)
        if progress is not None:
            progress(len(planned), len(planned))
        result.differences = _differences(table, projects, department, year, as_of)
        if dry_run:
            transaction.set_rollback(True)
    return result


def _check_actual_column(rows: list[Row], mapping: dict[str, int] | None) -> None:
    """Refuses a table read without a 实际完成值 column: it would record nothing, and say all was recorded."""
    label, aliases = FIELDS["actual"]
    if mapping is not None and mapping.get("actual", 0) < 0:  # chosen as in no column
        raise ColumnsRefused({"actual": [f"「{label}」是必需的：请选择它所在的列"]})
    if mapping is None and is_published_layout(rows):
        raise ColumnsRefused({"actual": [f"这是项目绩效目标汇总表，没有「{label}」列：请上传自评表，或指定「{label}」所在的列"]})
    header = detect(rows, mapping)
    if "actual" not in header.mapping:
        raise ColumnsRefused({"actual": [
            f"{header.where}的表头中没有「{label}」列（可识别的表头：{'、'.join(aliases)}）：请指定它所在的列"]})


def _project(projects: list[Project], parsed) -> Project | None:
    if parsed.code:
        by_code = next((p for p in projects if p.code == parsed.code), None)
        if by_code is not None:
            return by_code
    return next((p for p in projects if p.name == parsed.name), None)


def _reading(indicator: Indicator, line: ParsedIndicator, errors: list[str]) -> tuple[Decimal | None, str] | None:
    """(value, tier) of the line's 实际完成值; None when the cell is empty (nothing to record)."""
    text = line.actual_text.strip()
    if not text or text in ("/", "-", "—"):
        return None
    if not indicator.operator:
        tier = TIER_WORDS.get("".join(text.split()))
        if tier is None:
            errors.append(f"{line.actual_where}「{text}」不是完成档次：定性指标填 达成、部分达成 或 未达成")
        return None if tier is None else (None, tier)
    try:
        value = parse_decimal(text, max_digits=20, decimal_places=4, unit=indicator.unit)
    except ParseError as error:
        errors.append(f"{line.actual_where}{error}（定量指标 {indicator.operator} {indicator.target_text}"
                      f"{indicator.unit} 须填完成数值）")
        return None
    return value, ""


def _current_on(as_of: datetime.date, indicator_ids: list[int]) -> dict[int, IndicatorReport]:
    rows = IndicatorReport.objects.filter(indicator_id__in=indicator_ids, as_of=as_of).order_by("entered_at", "id")
    return {row.indicator_id: row for row in rows}


def _differences(table, projects, department, year, as_of) -> list[str]:
    """Each printed 得分 that is not the score the rules give the line (DOMAIN §4), as a sentence."""
    ids = [p.pk for p in projects]
    evaluation = evaluate(year=year, as_of=as_of, departments=[department], project_ids=ids)
    by_project = {e.project.pk: e for e in evaluation.projects}
    differences = []
    for parsed in table.projects:
        project = _project(projects, parsed)
        lines = {line.indicator.name: line for line in by_project[project.pk].indicators}
        for parsed_line in parsed.indicators:
            if not parsed_line.printed_score.strip() or parsed_line.printed_score.strip() in ("/", "-", "—"):
                continue
            ours = lines[parsed_line.name].score
            try:
                printed = parse_decimal(parsed_line.printed_score)
            except ParseError:
                differences.append(f"{parsed_line.score_where}「{parsed_line.printed_score}」不是数字，未比较")
                continue
            if printed != ours.points:
                differences.append(
                    f"{parsed_line.score_where}：项目「{project.name}」指标「{parsed_line.name}」表中得分 {printed}，"
                    f"本系统 {ours.points}（{ours.explanation}）")
    return differences
