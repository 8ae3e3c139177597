from django.urls import path

from indicators.views import exports

app_name = "exports"
urlpatterns = [
    path("", exports.index, name="index"),
    path("<int:year>.xlsx", exports.workbook, name="workbook"),
]
