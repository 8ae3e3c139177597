"""Import of the published 项目绩效目标汇总表 (DOMAIN §1): read → parse and validate → plan → apply.

reader.py turns bytes into located rows, table.py into projects with indicators (every bad cell reported),
service.py compares them with the database and writes the difference in one transaction. The command
`import_targets` (and any upload page) calls `import_published_table` and prints `summary`.
"""
import datetime

from django.db import transaction

from projects.importing.reader import ImportFailed, Row, read_rows
from projects.keys import assign_keys
from projects.importing.service import (
    ImportPlan,
    ImportRefused,
    PlanChanged,
    apply_plan,
    check_plan,
    check_unlocked,
    find_department,
    plan_import,
)
from projects.importing.layouts import parse_layout
from projects.importing.profile import import_profile
from projects.importing.table import ParsedTable, is_published_layout, parse_table
from projects.vocabulary import Framework

__all__ = [
    "ImportFailed", "ImportPlan", "ImportRefused", "ParsedTable", "PlanChanged", "apply_plan", "check_plan",
    "check_preview", "check_unlocked", "import_published_table", "parse_rows", "parse_table", "plan_import", "read_rows", "read_table",
    "summary",
]


def read_table(data: bytes, *, filename: str, year: int, mapping: dict[str, int] | None = None) -> ParsedTable:
    """The projects of a file: the published 汇总表's layout as before, any other by its headers (or `mapping`)."""
    return parse_rows(read_rows(data, filename=filename), year=year, mapping=mapping)


def parse_rows(rows: list[Row], *, year: int, mapping: dict[str, int] | None = None) -> ParsedTable:
    """`read_table` of rows already read (an upload page reads them once, for the columns it offers too)."""
    if mapping is None and is_published_layout(rows):
        return parse_table(rows)
    profile = import_profile(year)
    return parse_layout(rows, mapping=mapping, budget_points=profile.budget_points,
                        framework=Framework(profile.framework))


def import_published_table(data: bytes, *, filename: str, department: str, year: int, dry_run: bool = False,
                           user=None, reason: str | None = None, effective: datetime.date | None = None,
                           expected_digest: str | None = None, mapping: dict[str, int] | None = None,
                           progress=None, rows: list[Row] | None = None) -> ImportPlan:
    """Reads, validates, plans and (unless dry_run) applies a table; raises ImportFailed or ImportRefused.

    With `expected_digest` (of the plan a user previewed), raises PlanChanged instead of applying another plan.
    `mapping` (field → column index) overrides the columns found by their headers. `progress(done, total)` counts
    the projects written (`apply_plan`), and says all are written once their stored results and keys are too.
    `rows`: the file's rows when the caller has read them already (a large workbook takes seconds to read).
    """
    rows = read_rows(data, filename=filename) if rows is None else rows
    table = parse_rows(rows, year=year, mapping=mapping)
    with transaction.atomic():
        # Two imports of one department-year run one after the other.
        found = find_department(department, lock=True)
        plan = plan_import(table, department=found or department, year=year)
        if expected_digest is not None and plan.digest() != expected_digest:
            raise PlanChanged(plan)
        if dry_run:
            check_preview(plan, user=user, reason=reason)
            return plan
        applied = apply_plan(plan, user=user, reason=reason, effective=effective, progress=progress)
        assign_keys(department=applied.department, year=year)
        if progress is not None:
            # Not at the last insert: on a first import of a large table the refresh and the keys that follow it
            # take as long as the inserts, and a line at 100 % would look stuck.
            progress(len(plan.projects), len(plan.projects))
        return applied


def check_preview(plan: ImportPlan, *, user=None, reason: str | None = None) -> None:
    """What a dry run refuses: what `apply_plan` would refuse, its review lock included (read only, no lock taken)."""
    check_plan(plan, user=user, reason=reason)
    check_unlocked(plan)


def summary(plan: ImportPlan, *, dry_run: bool = False) -> str:
    """宁波市妇女联合会 2026 年：新建项目 15 个、指标 85 个；更新 0；未变 0。"""
    parts = [f"新建项目 {plan.count('projects', 'create')} 个、指标 {plan.count('indicators', 'create')} 个"]
    for label, status in (("更新", "update"), ("未变", "unchanged")):
        projects, indicators = plan.count("projects", status), plan.count("indicators", status)
        parts.append(f"{label} {projects + indicators}" + (
            f"（项目 {projects} 个、指标 {indicators} 个）" if projects + indicators else ""
        ))
    if plan.deleted_indicators:
        parts.append(f"删除指标 {len(plan.deleted_indicators)} 个（已不在表中）")
    if plan.deleted_projects:
        parts.append(f"删除项目 {len(plan.deleted_projects)} 个（已不在表中）")
    if plan.closed_projects:
        parts.append(f"撤销项目 {len(plan.closed_projects)} 个（已不在表中：预算调整为 0，记录保留）")
    if plan.adjustments:
        parts.append(f"其中 {len(plan.adjustments)} 项作为已批准的调整记录")
    prefix = "【试运行，未写入数据库】" if dry_run else ""
    return f"{prefix}{plan.department_name} {plan.year} 年：{'；'.join(parts)}。"
