"""Read-only history pages: every report, expenditure, note and adjustment of an indicator or a project (DOMAIN §6)."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from core.access import get_indicator_for_user, get_project_for_user
from core.roles import can_write_reports
from indicators.selectors.history import indicator_history, project_history


@login_required
@require_safe
def history_index(request):
    return redirect("projects:list")


@login_required
@require_safe
def indicator_history_page(request, pk):
    indicator = get_indicator_for_user(request.user, pk)
    history = indicator_history(indicator=indicator)
    context = {"indicator": indicator, "project": indicator.project, "history": history}
    return render(request, "indicators/history_indicator.html", context)


@login_required
@require_safe
def project_history_page(request, pk):
    project = get_project_for_user(request.user, pk)
    history = project_history(project=project)
    context = {"project": project, "history": history, "can_write": can_write_reports(request.user, project.department_id)}
    return render(request, "indicators/history_project.html", context)
