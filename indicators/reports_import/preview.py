"""What an import of reports writes, row by row: the page's preview, the command's --dry-run, the confirm's check."""
import datetime
import hashlib
import json
from dataclasses import dataclass, field

from core.formatting import money, plain
from indicators import rules
from indicators.models import ExpenditureReport, IndicatorReport
from indicators.selectors.rows import ExpenditureReportRow, IndicatorReportRow
from projects.models import Indicator, Project

NONE = "（无）"
SPENDING = "累计支出"


@dataclass(frozen=True)
class PlannedRow:
    line: int  # the file's line (1 is the header)
    project_seq: int
    project_name: str
    item: str  # 指标 2「使用人员满意度」, or 累计支出
    old: str  # the line's current value before this row, NONE when it has none
    old_id: int | None  # the ledger row it replaces, if that was there before the import
    new: str
    as_of: datetime.date
    note: str
    corrects: bool  # the row corrects the current one of the same date (its reason is required)
    reason: str
    old_line: int | None = None  # the file's own earlier line it replaces (its id is new on every run)

    @property
    def is_expenditure(self) -> bool:
        return self.item == SPENDING

    def key(self) -> list:
        return [self.line, self.project_seq, self.item, self.old_id, self.old_line, self.new, self.as_of.isoformat(),
                self.note, self.reason]


@dataclass
class ReportsPreview:
    rows: list[PlannedRow]
    refusals: list[str]
    blank_lines: list[int] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def reports(self) -> int:
        return sum(not row.is_expenditure for row in self.rows)

    @property
    def expenditures(self) -> int:
        return sum(row.is_expenditure for row in self.rows)

    @property
    def digest(self) -> str:
        """Names what would be written, and over which current values: equal digests, equal imports."""
        text = json.dumps([row.key() for row in self.rows], ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()

    def olds(self) -> dict[str, int | None]:
        """The current row each file line replaces, by line, to say later which lines moved on."""
        return {str(row.line): row.old_id for row in self.rows}

    def moved_on(self, olds: dict[str, int | None]) -> list[PlannedRow]:
        """The rows whose current value is no longer the one a preview (its `olds`) showed."""
        return [row for row in self.rows if str(row.line) in olds and olds[str(row.line)] != row.old_id]

    def summary(self) -> str:
        text = f"指标完成值 {self.reports} 条、支出 {self.expenditures} 条"
        if self.blank_lines:
            text += f"；{len(self.blank_lines)} 行未填写数值，不导入（第 {'、'.join(map(str, self.blank_lines[:10]))}"
            text += " 等行）" if len(self.blank_lines) > 10 else " 行）"
        return text


def shown(row: IndicatorReport | ExpenditureReport | IndicatorReportRow | ExpenditureReportRow | None,
          unit: str = "") -> str:
    """A ledger row's value as the clerk typed it: 96 %, 部分达成年度指标并具有一定效果 70%, 4.14 万元. The row is an
    instance (an import's preview) or the evaluation's values row (the template's 当前值)."""
    if row is None:
        return NONE
    if isinstance(row, ExpenditureReport | ExpenditureReportRow):
        return f"{money(row.amount)} 万元"
    if row.tier:
        return f"{rules.TIER_LABELS[rules.Tier(row.tier)]} {plain(row.tier_percent)}%"
    return f"{plain(row.value)} {unit}".strip()


def planned_row(line: int, project: Project, indicator: Indicator | None, *, before, written,
                written_by_line: dict[tuple, int]) -> PlannedRow:
    """`written_by_line` maps the rows this import wrote, as (model, id), to their file lines."""
    unit = indicator.unit if indicator is not None else ""
    item = SPENDING if indicator is None else f"指标 {indicator.order}「{indicator.name}」"
    old_line = written_by_line.get((type(before), before.pk)) if before is not None else None
    return PlannedRow(
        line=line, project_seq=project.seq, project_name=project.name, item=item, old=shown(before, unit),
        old_id=before.pk if before is not None and old_line is None else None, new=shown(written, unit),
        as_of=written.as_of, note=written.note, corrects=written.corrects_id is not None, reason=written.reason,
        old_line=old_line,
    )
