from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from projects.access import get_project_for_user
from projects.selectors import project_list_for_user, resolve_year


@login_required
def project_list(request):
    year = resolve_year(request.GET.get("year"))
    table = project_list_for_user(user=request.user, year=year, department_code=request.GET.get("department"))
    return render(request, "projects/project_list.html", {"year": year, "table": table})


@login_required
def project_detail(request, pk):
    project = get_project_for_user(request.user, pk)
    indicators = project.indicators.all()
    return render(request, "projects/project_detail.html", {"project": project, "indicators": indicators})
