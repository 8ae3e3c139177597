from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.access import get_project_for_user
from core.roles import can_write_reports, reads_drafts
from indicators.presenters.profile import rule_profile
from indicators.selectors.dashboard_project import project_page
from indicators.selectors.previous_years import beside, previous_years
from indicators.selectors.evaluation import evaluate_project
from indicators.selectors.spot_checks import current_note
from indicators.views.params import read_as_of
from projects.review_lock import review_status
from projects.selectors import project_list_for_user, resolve_year
from projects.services.classes import may_confirm_classes


@login_required
@require_safe
def project_list(request):
    year = resolve_year(request.GET.get("year"))
    table = project_list_for_user(user=request.user, year=year, department_code=request.GET.get("department"))
    return render(request, "projects/project_list.html",
                  {"year": year, "table": table, "reads_drafts": reads_drafts(request.user)})


@login_required
@require_safe
def project_detail(request, pk):
    """The project's dashboard as of ?as_of= (default today within its year): score card and every indicator."""
    project = get_project_for_user(request.user, pk)
    as_of = read_as_of(request.GET.get("as_of"), project.year)
    evaluation = evaluate_project(project=project, as_of=as_of.date)
    past = previous_years(project)
    can_write = can_write_reports(request.user, project.department_id)
    context = {
        "past": past,
        "past_projects": list(past.projects.items()),
        "past_rows": beside(evaluation, past),
        "project": project,
        "as_of": as_of,
        "page": project_page(evaluation, as_of=as_of.date),
        "can_write": can_write,
        # A project 已送审 or 已审核 takes no adjustment until it is returned (DOMAIN §9): no link to a refused form.
        "can_propose": can_write and not review_status(project).locked,
        "can_confirm_classes": may_confirm_classes(request.user, project),
        "profile": rule_profile(project.year),
        "spot_check": current_note(project=project),  # the finance bureau's 抽查复核, seen by the department
    }
    return render(request, "projects/project_detail.html", context)
