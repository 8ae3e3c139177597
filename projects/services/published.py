"""A reported year's published values change only by adjustment (DOMAIN §8), whatever the door.

Published values: a project's department, year, budget and split; an indicator's project, operator, target, unit,
weight and explicit 分值; and which projects and indicators a department-year has (the split of the 90 points depends on it).
Once the department-year has a report, none of them changes in place: targets and budgets change by an approved
adjustment (projects/services/adjustments.py), a project that leaves the published table is closed by an
adjustment of its budget to 0 (projects/importing: nothing is deleted), and projects and indicators are neither
added to nor removed from it by hand. Before the first report they are 年初 values and change freely.

`published_change_refusal` is the one check; the admin's forms, inlines, deletes and history revert write through
the functions below, which ask it again under lock, and the import asks it for every row it would add or remove.
"""
from django.db import transaction

from core.errors import DomainError
from projects.ledger_presence import any_reports
from projects.models import Indicator, Project
from projects.written import mark_written, writes_projects

PROJECT_PUBLISHED = {
    "department": "部门", "year": "年度", "budget": "预算金额", "own_level": "本级支出", "transfer": "转移支付支出",
}
INDICATOR_PUBLISHED = {
    "project": "所属项目", "operator": "运算符", "target_text": "年度目标值", "target_value": "年度目标值",
    "unit": "单位", "weight": "权重", "points": "分值",
}
BY_ADJUSTMENT = "请由财务人员在「目标调整」中提出、管理员审批"
# Explicit 分值 foot to 100.00 with the budget line's, so they change a whole project at a time, by their own form
# (projects/services/points_adjustments.py).
BY_POINTS_ADJUSTMENT = "请由财务人员在项目页面点「调整分值」，为整个项目提出新分值（合计须为 100.00）、管理员审批"


def year_has_reports(*, department_id: int | None, year: int | None) -> bool:
    """Whether the department-year has any report or expenditure (three queries)."""
    if department_id is None or year is None:
        return False
    return any_reports(Project.objects.filter(department_id=department_id, year=year).values("pk"))


def _year_of(row: Project | Indicator) -> tuple[int | None, int | None]:
    project = row if isinstance(row, Project) else (row.project if row.project_id else None)
    return (project.department_id, project.year) if project is not None else (None, None)


def _changed(before, after, fields: dict[str, str]) -> list[str]:
    labels = [label for name, label in fields.items()
              if getattr(before, f"{name}_id" if name in ("department", "project") else name)
              != getattr(after, f"{name}_id" if name in ("department", "project") else name)]
    return list(dict.fromkeys(labels))


def published_change_refusal(*, before: Project | Indicator | None, after: Project | Indicator | None) -> str | None:
    """Why this change may not be made in place (None: it may). `before` None adds a row, `after` None removes it;
    `before` is the stored row, `after` the row as it would be saved."""
    row = after if after is not None else before
    kind = "项目" if isinstance(row, Project) else "指标"
    fields = PROJECT_PUBLISHED if kind == "项目" else INDICATOR_PUBLISHED
    years = {_year_of(r) for r in (before, after) if r is not None}
    reported = [year for year in years if year_has_reports(department_id=year[0], year=year[1])]
    if not reported:
        return None
    year = reported[0][1]
    prefix = f"{year} 年本部门已有填报记录"
    if before is None:
        return f"{prefix}，不能再新增{kind}：{kind}清单以年初公布的汇总表为准。"
    if after is None:
        if kind == "项目":
            return (f"{prefix}，项目不能删除：如项目已撤销，请按汇总表重新导入并注明调整原因"
                    "（预算调整为 0，记录全部保留）。")
        return f"{prefix}，指标不能删除（指标清单决定各指标的分值）：目标变更{BY_ADJUSTMENT}。"
    changed = _changed(before, after, fields)
    if not changed:
        return None
    if "部门" in changed or "年度" in changed or "所属项目" in changed:
        return f"{prefix}，{kind}不能移到其他{'部门或年度' if kind == '项目' else '项目'}。"
    others = [label for label in changed if label != "分值"]
    parts = [f"{'、'.join(others)}不能直接修改，{BY_ADJUSTMENT}"] if others else []
    if "分值" in changed:
        parts.append(f"分值不能直接修改，{BY_POINTS_ADJUSTMENT}")
    return f"{prefix}：{'；'.join(parts)}。"


def _refuse(before, after) -> None:
    refusal = published_change_refusal(before=before, after=after)
    if refusal:
        raise DomainError(refusal)


def _stored(model, pk):
    """The stored row under lock (None for a row not yet saved), with its project for an indicator."""
    if pk is None:
        return None
    rows = model.objects.select_for_update()
    return (rows.select_related("project") if model is Indicator else rows).filter(pk=pk).first()


@writes_projects
def save_project(*, project: Project) -> Project:
    """Saves a project as edited by hand; refused (DomainError) when it changes a reported year's published values."""
    _refuse(_stored(Project, project.pk), project)
    project.save()
    mark_written([project.pk])
    return project


@writes_projects
def save_indicator(*, indicator: Indicator) -> Indicator:
    """Saves an indicator as edited by hand; refused when it changes a reported year's published values."""
    stored = _stored(Indicator, indicator.pk)
    _refuse(stored, indicator)
    indicator.save()
    mark_written({indicator.project_id} | ({stored.project_id} if stored else set()))  # moved: both projects
    return indicator


@transaction.atomic
def delete_project(*, project: Project) -> None:
    """Deletes a project of a year without reports (its indicators go with it)."""
    stored = _stored(Project, project.pk)
    if stored is not None:
        _refuse(stored, None)
        stored.delete()


@writes_projects
def delete_indicator(*, indicator: Indicator) -> None:
    """Deletes an indicator of a year without reports."""
    stored = _stored(Indicator, indicator.pk)
    if stored is not None:
        _refuse(stored, None)
        stored.delete()
        mark_written([stored.project_id])
