app_name = "monitoring_exports"
urlpatterns: list = []
