"""Next year's table drafted from this year's, edited, exported, imported back and published (issue #22).

One write path: every change goes through these functions, which check who writes and that the draft is still a
draft. Publishing writes the draft in the published layout and runs the published-table import on it, so a
published draft is exactly what importing the same file would give.
"""
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils import timezone

from core.errors import DomainError
from core.parsing import parse_decimal
from core.roles import can_write_reports
from projects.importing import ImportFailed, import_published_table, parse_table, read_rows
from projects.importing.writer import published_table_text
from projects.keys import assign_keys
from projects.models import Department, DraftIndicator, DraftProject, DraftTable, Indicator, Project
from projects.vocabulary import normalize_operator


@dataclass(frozen=True)
class History:
    """What a line achieved in the year a draft starts from: 历史标准 beside the new target."""

    actual_text: str
    actual: Decimal | None


def _check_writer(user, department_id: int) -> None:
    if not can_write_reports(user, department_id):
        raise DomainError("只有本部门的财务人员可以起草和修改下一年度目标。")


def _open_draft(draft: DraftTable | int) -> DraftTable:
    """The draft, locked for the change; refused once published."""
    pk = draft.pk if isinstance(draft, DraftTable) else draft
    locked = DraftTable.objects.select_for_update().select_related("department").get(pk=pk)
    if locked.state != DraftTable.State.DRAFT:
        raise DomainError(f"{locked.year} 年目标已发布，草稿不能再修改：如需调整请走目标调整。")
    return locked


def draft_from_year(*, department: Department, year: int, user,
                    history: Mapping[tuple[int, int], History]) -> DraftTable:
    """The table of `year + 1` drafted from `year`'s: every project and line copied, each line's target kept as the
    starting point and `history[(seq, order)]` (this year's actual) shown beside it."""
    _check_writer(user, department.pk)
    target_year = year + 1
    with transaction.atomic():
        Department.objects.select_for_update().get(pk=department.pk)
        if DraftTable.objects.filter(department=department, year=target_year).exists():
            raise DomainError(f"{target_year} 年的目标草稿已存在：请在草稿中继续修改。")
        if Project.objects.filter(department=department, year=target_year).exists():
            raise DomainError(f"{target_year} 年的目标表已发布，不能再起草。")
        projects = list(Project.objects.filter(department=department, year=year).order_by("seq")
                        .prefetch_related("indicators"))
        if not projects:
            raise DomainError(f"{department.name} {year} 年没有目标表，无从起草。")
        draft = DraftTable.objects.create(department=department, year=target_year, source_year=year,
                                          created_by=user, created_at=timezone.now())
        for project in projects:
            copy = DraftProject.objects.create(
                table=draft, seq=project.seq, name=project.name, overview=project.overview, budget=project.budget,
                own_level=project.own_level, transfer=project.transfer, annual_goal=project.annual_goal,
                livelihood_standard=project.livelihood_standard, code=project.code)
            DraftIndicator.objects.bulk_create([
                DraftIndicator(project=copy, order=line.order, name=line.name, operator=line.operator, key=line.key,
                               target_text=line.target_text, unit=line.unit, last_target_text=line.target_text,
                               last_actual_text=history.get((project.seq, line.order), History("", None)).actual_text,
                               last_actual=history.get((project.seq, line.order), History("", None)).actual)
                for line in sorted(project.indicators.all(), key=lambda i: i.order)
            ])
        return draft


def draft_contents(draft: DraftTable) -> list[DraftProject]:
    """The draft's projects in order, each with its lines prefetched in order."""
    return list(draft.projects.order_by("seq").prefetch_related(
        Prefetch("indicators", queryset=DraftIndicator.objects.order_by("order"))))


def draft_text(draft: DraftTable) -> str:
    """The draft in the published 汇总表 layout (unchanged lines byte for byte as this year's table)."""
    projects = draft_contents(draft)
    return published_table_text(department=draft.department.name, year=draft.year,
                                projects=[(project, list(project.indicators.all())) for project in projects])


def _target(operator_text: str, target_text: str, unit: str) -> tuple[str, str, str]:
    """The line's operator, target and unit as the import will read them; DomainError naming the field."""
    try:
        operator = normalize_operator(operator_text)
    except ValueError as error:
        raise DomainError(str(error), field="operator") from None
    target_text, unit = (target_text or "").strip(), (unit or "").strip()
    if operator:
        if not target_text:
            raise DomainError("有运算符的指标须填写目标值。", field="target_text")
        try:
            # The import's own reading (a target written with its unit inside, `5%` with unit %, is 5).
            parse_decimal(target_text, max_digits=20, decimal_places=4, unit=unit)
        except ValueError:
            raise DomainError(f"目标值须是数字：「{target_text}」", field="target_text") from None
    elif not target_text:
        raise DomainError("定性指标须写明目标（及各档的评判标准）。", field="target_text")
    if len(target_text) > 200:
        raise DomainError("目标值最多 200 字。", field="target_text")
    if len(unit) > 50:
        raise DomainError("单位最多 50 字。", field="unit")
    return operator.value, target_text, unit


def update_line(*, line: DraftIndicator | int, user, name: str, operator: str, target_text: str, unit: str
                ) -> DraftIndicator:
    pk = line.pk if isinstance(line, DraftIndicator) else line
    current = DraftIndicator.objects.select_related("project__table").get(pk=pk)
    _check_writer(user, current.project.table.department_id)
    name = (name or "").strip()
    if not name:
        raise DomainError("请填写指标名称。", field="name")
    if len(name) > 500:
        raise DomainError("指标名称最多 500 字。", field="name")
    operator, target_text, unit = _target(operator, target_text, unit)
    with transaction.atomic():
        _open_draft(current.project.table_id)
        current.name, current.operator, current.target_text, current.unit = name, operator, target_text, unit
        current.save(update_fields=["name", "operator", "target_text", "unit"])
        return current


def add_line(*, project: DraftProject | int, user, name: str, operator: str, target_text: str, unit: str
             ) -> DraftIndicator:
    pk = project.pk if isinstance(project, DraftProject) else project
    owner = DraftProject.objects.select_related("table").get(pk=pk)
    _check_writer(user, owner.table.department_id)
    name = (name or "").strip()
    if not name:
        raise DomainError("请填写指标名称。", field="name")
    operator, target_text, unit = _target(operator, target_text, unit)
    with transaction.atomic():
        _open_draft(owner.table_id)
        order = (owner.indicators.aggregate(last=Max("order"))["last"] or 0) + 1
        return DraftIndicator.objects.create(project=owner, order=order, name=name, operator=operator,
                                             target_text=target_text, unit=unit)


def remove_line(*, line: DraftIndicator | int, user) -> None:
    pk = line.pk if isinstance(line, DraftIndicator) else line
    current = DraftIndicator.objects.select_related("project__table").get(pk=pk)
    _check_writer(user, current.project.table.department_id)
    with transaction.atomic():
        _open_draft(current.project.table_id)
        if current.project.indicators.count() == 1:
            raise DomainError("每个项目至少保留一条指标：如不再需要该项目，请删除项目。")
        current.delete()


def add_project(*, draft: DraftTable | int, user, name: str, budget: str, own_level: str, transfer: str
                ) -> DraftProject:
    table = DraftTable.objects.get(pk=draft.pk if isinstance(draft, DraftTable) else draft)
    _check_writer(user, table.department_id)
    name = (name or "").strip()
    if not name:
        raise DomainError("请填写项目名称。", field="name")
    amounts = {}
    for field, raw in (("budget", budget), ("own_level", own_level), ("transfer", transfer)):
        try:
            amounts[field] = parse_decimal(raw or "0").quantize(Decimal("0.01"))
        except ValueError:
            raise DomainError(f"金额须是数字（万元）：「{raw}」", field=field) from None
        if amounts[field] < 0:
            raise DomainError("金额不能为负数。", field=field)
    if amounts["own_level"] + amounts["transfer"] != amounts["budget"]:
        raise DomainError("本级支出与转移支付支出之和须等于预算金额。", field="budget")
    with transaction.atomic():
        table = _open_draft(table)
        seq = (table.projects.aggregate(last=Max("seq"))["last"] or 0) + 1
        return DraftProject.objects.create(table=table, seq=seq, name=name, **amounts)


def remove_project(*, project: DraftProject | int, user) -> None:
    pk = project.pk if isinstance(project, DraftProject) else project
    current = DraftProject.objects.select_related("table").get(pk=pk)
    _check_writer(user, current.table.department_id)
    with transaction.atomic():
        _open_draft(current.table_id)
        current.delete()


def replace_from_file(*, draft: DraftTable | int, user, data: bytes, filename: str) -> DraftTable:
    """The draft's contents replaced by an edited export (all or nothing); each line keeps its 历史标准 when the
    project and the line keep their names."""
    table = DraftTable.objects.select_related("department").get(pk=draft.pk if isinstance(draft, DraftTable) else draft)
    _check_writer(user, table.department_id)
    try:
        parsed = parse_table(read_rows(data, filename=filename))
    except ImportFailed as failure:
        raise DomainError({"file": failure.messages}) from None
    with transaction.atomic():
        table = _open_draft(table)
        before = draft_contents(table)
        codes = {p.name: p.code for p in before}
        history = {(p.name, line.name): (line.last_target_text, line.last_actual_text, line.last_actual, line.key)
                   for p in before for line in p.indicators.all()}
        table.projects.all().delete()
        for project in parsed.projects:
            copy = DraftProject.objects.create(
                table=table, seq=project.seq, name=project.name, overview=project.overview or "",
                budget=project.budget, own_level=project.own_level, transfer=project.transfer,
                annual_goal=project.annual_goal or "", livelihood_standard=project.livelihood_standard or "",
                code=codes.get(project.name, ""))
            lines = []
            for line in project.indicators:
                last_target, last_text, last, key = history.get((project.name, line.name), ("", "", None, ""))
                lines.append(DraftIndicator(project=copy, order=line.order, name=line.name, operator=line.operator,
                                            target_text=line.target_text, unit=line.unit, last_target_text=last_target,
                                            last_actual_text=last_text, last_actual=last, key=key))
            DraftIndicator.objects.bulk_create(lines)
        return table


def _carry_keys(table: DraftTable) -> None:
    """The published projects and lines take the codes and keys their draft carried (a renamed line stays the same
    line), blanking first so that two keys may trade places; what the draft did not carry is given afresh."""
    published = {p.seq: p for p in Project.objects.filter(department=table.department, year=table.year)}
    drafted = [p for p in draft_contents(table) if p.seq in published]
    Project.objects.filter(pk__in=[published[p.seq].pk for p in drafted if p.code]).update(code="")
    Indicator.objects.filter(project__in=[published[p.seq] for p in drafted]).update(key="")
    for project in drafted:
        if project.code:
            Project.objects.filter(pk=published[project.seq].pk).update(code=project.code)
        lines = Indicator.objects.filter(project=published[project.seq])
        for line in project.indicators.all():
            if line.key:
                lines.filter(order=line.order).update(key=line.key)
    assign_keys(department=table.department, year=table.year)


def publish(*, draft: DraftTable | int, user) -> DraftTable:
    """The draft becomes the year's published table (its 年初 values), through the published-table import."""
    table = DraftTable.objects.select_related("department").get(pk=draft.pk if isinstance(draft, DraftTable) else draft)
    _check_writer(user, table.department_id)
    with transaction.atomic():
        table = _open_draft(table)
        if not table.projects.exists():
            raise DomainError("草稿中没有项目，不能发布。")
        text = draft_text(table)
        # ImportFailed and ImportRefused are DomainErrors naming every problem: the page shows them as they are.
        import_published_table(text.encode("utf-8"), filename=f"{table.year}.txt",
                               department=table.department.name, year=table.year, user=user)
        _carry_keys(table)
        table.state, table.published_by, table.published_at = DraftTable.State.PUBLISHED, user, timezone.now()
        table.save(update_fields=["state", "published_by", "published_at"])
        return table
