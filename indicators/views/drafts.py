"""Next year's targets drafted in the browser (issue #22): draft from this year, edit lines and projects, export in
the published layout and import it back, review, publish. Every change goes through projects.drafts."""
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST, require_safe

from core.errors import DomainError
from core.ids import whole_number
from core.roles import can_see_drafts, can_write_reports, visible_departments
from indicators.selectors.target_review import ReviewItem, review_draft
from indicators.services.drafting import draft_next_year
from projects import drafts
from projects.models import Department, DraftIndicator, DraftProject, DraftTable, Project
from projects.selectors import resolve_department
from projects.vocabulary import Operator

MAX_UPLOAD = 5 * 1024 * 1024


def _department(request, raw: str | None) -> Department:
    department = resolve_department(user=request.user, code=raw or None)
    if department is None or not can_see_drafts(request.user, department.pk):
        raise Http404("没有找到该部门的目标草稿。")
    return department


def _back(year: int, department: Department, anchor: str = "") -> str:
    return f"{reverse('targets:draft', args=[year])}?department={department.code}{anchor}"


@dataclass(frozen=True)
class LineRow:
    line: DraftIndicator
    items: list[ReviewItem]
    typed: dict | None = None  # what was typed when the save was refused
    error: str = ""


@dataclass(frozen=True)
class ProjectBlock:
    project: DraftProject
    rows: list[LineRow]
    items: list[ReviewItem]  # findings about the project as a whole


def _blocks(draft: DraftTable, failed: tuple[int, dict, str] | None):
    review = review_draft(draft)
    blocks = []
    for project_review in review.projects:
        project = project_review.project
        by_order: dict[int | None, list[ReviewItem]] = {}
        for item in project_review.items:
            by_order.setdefault(item.finding.indicator_order, []).append(item)
        rows = []
        for line in project.indicators.all():
            typed, error = (failed[1], failed[2]) if failed and failed[0] == line.pk else (None, "")
            rows.append(LineRow(line, by_order.get(line.order, []), typed, error))
        blocks.append(ProjectBlock(project, rows, by_order.get(None, [])))
    return review, blocks


def _render(request, year: int, department: Department, *, failed=None, status: int = 200):
    draft = DraftTable.objects.filter(department=department, year=year).first()
    context = {
        "year": year, "department": department, "draft": draft,
        "departments": [d for d in visible_departments(request.user).order_by("code")
                        if can_see_drafts(request.user, d.pk)],
        "can_write": can_write_reports(request.user, department.pk),
        "source_exists": Project.objects.filter(department=department, year=year - 1).exists(),
        "published_exists": Project.objects.filter(department=department, year=year).exists(),
        "operators": [op.value for op in Operator],
        "failed_error": failed[2] if failed else "",
    }
    if draft is not None:
        context["review"], context["blocks"] = _blocks(draft, failed)
    return render(request, "indicators/draft.html", context, status=status)


@login_required
@require_safe
def draft_page(request, year: int):
    return _render(request, year, _department(request, request.GET.get("department")))


def _writing(request, year: int, *, draft_required: bool = False) -> tuple[Department, DraftTable | None]:
    department = _department(request, request.POST.get("department"))
    if not can_write_reports(request.user, department.pk):
        raise PermissionDenied("只有本部门的财务人员可以起草和修改下一年度目标。")
    draft = DraftTable.objects.filter(department=department, year=year).first()
    if draft_required and draft is None:
        raise Http404("没有找到该草稿。")
    return department, draft


def _done(request, action, success: str, year: int, department: Department, anchor: str = ""):
    try:
        action()
    except DomainError as error:
        messages.error(request, f"未保存：{error}")
    else:
        messages.success(request, success)
    return redirect(_back(year, department, anchor))


@login_required
@require_POST
def create(request, year: int):
    department, _ = _writing(request, year)
    return _done(request, lambda: draft_next_year(department=department, year=year - 1, user=request.user),
                 f"已从 {year - 1} 年目标起草 {year} 年目标：每条指标已带出上年目标和上年实际。", year, department)


def _owned(model, pk_raw: str, draft: DraftTable | None, *, path: str):
    pk = whole_number(pk_raw)
    if pk is None or draft is None:
        raise Http404("没有找到。")
    found = model.objects.filter(pk=pk, **{path: draft}).first()
    if found is None:
        raise Http404("没有找到。")
    return found


@login_required
@require_POST
def update_line(request, year: int, pk: str):
    department, draft = _writing(request, year)
    line = _owned(DraftIndicator, pk, draft, path="project__table")
    typed = {key: request.POST.get(key, "") for key in ("name", "operator", "target_text", "unit")}
    try:
        drafts.update_line(line=line, user=request.user, **typed)
    except DomainError as error:
        return _render(request, year, department, failed=(line.pk, typed, str(error)), status=400)
    messages.success(request, f"已保存：{typed['name']}")
    return redirect(_back(year, department, f"#line-{line.pk}"))


@login_required
@require_POST
def remove_line(request, year: int, pk: str):
    department, draft = _writing(request, year)
    line = _owned(DraftIndicator, pk, draft, path="project__table")
    return _done(request, lambda: drafts.remove_line(line=line, user=request.user), f"已删除指标：{line.name}",
                 year, department, f"#project-{line.project.seq}")


@login_required
@require_POST
def add_line(request, year: int, pk: str):
    department, draft = _writing(request, year)
    project = _owned(DraftProject, pk, draft, path="table")
    typed = {key: request.POST.get(key, "") for key in ("name", "operator", "target_text", "unit")}
    return _done(request, lambda: drafts.add_line(project=project, user=request.user, **typed),
                 f"已添加指标：{typed['name']}", year, department, f"#project-{project.seq}")


@login_required
@require_POST
def add_project(request, year: int):
    department, draft = _writing(request, year, draft_required=True)
    typed = {key: request.POST.get(key, "") for key in ("name", "budget", "own_level", "transfer")}
    return _done(request, lambda: drafts.add_project(draft=draft, user=request.user, **typed),
                 f"已添加项目：{typed['name']}（请为它添加指标）", year, department)


@login_required
@require_POST
def remove_project(request, year: int, pk: str):
    department, draft = _writing(request, year)
    project = _owned(DraftProject, pk, draft, path="table")
    return _done(request, lambda: drafts.remove_project(project=project, user=request.user),
                 f"已删除项目：{project.name}", year, department)


@login_required
@require_POST
def upload(request, year: int):
    department, draft = _writing(request, year, draft_required=True)
    file = request.FILES.get("file")
    if file is None or file.size == 0:
        messages.error(request, "未导入：请选择导出后修改过的目标表文件（.txt、.csv 或 .xlsx）。")
        return redirect(_back(year, department))
    if file.size > MAX_UPLOAD:
        messages.error(request, f"未导入：文件超过 {MAX_UPLOAD // 1024 // 1024} MB。")
        return redirect(_back(year, department))
    data = file.read()
    return _done(request, lambda: drafts.replace_from_file(draft=draft, user=request.user, data=data,
                                                           filename=file.name),
                 f"已按「{file.name}」更新草稿：同名的项目和指标保留上年目标与上年实际。", year, department)


@login_required
@require_POST
def publish(request, year: int):
    department, draft = _writing(request, year, draft_required=True)
    try:
        drafts.publish(draft=draft, user=request.user)
    except DomainError as error:
        messages.error(request, f"未发布：{error}")
        return redirect(_back(year, department))
    messages.success(request, f"{year} 年目标已发布：成为该年度的年初目标，{year} 年有填报后开始评分。")
    return redirect(f"{reverse('projects:list')}?year={year}")


@login_required
@require_safe
def export(request, year: int):
    department = _department(request, request.GET.get("department"))
    draft = DraftTable.objects.filter(department=department, year=year).select_related("department").first()
    if draft is None:
        raise Http404("没有找到该草稿。")
    response = HttpResponse(drafts.draft_text(draft).encode("utf-8"), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"{department.name}{year}年项目绩效目标草稿.txt")
    return response
