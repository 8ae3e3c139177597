from django.urls import path

from indicators.views.dashboard import dashboard_page

# Both addresses show the same page; `dashboard` (the home page) is the name the navigation uses.
urlpatterns = [
    path("", dashboard_page, name="dashboard"),
    path("dashboard/", dashboard_page, name="dashboard-page"),
]
