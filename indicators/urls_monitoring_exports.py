from django.urls import path

from indicators.views import monitoring

app_name = "monitoring_exports"
urlpatterns = [path("<int:year>/monitoring.xlsx", monitoring.export_workbook, name="workbook")]
