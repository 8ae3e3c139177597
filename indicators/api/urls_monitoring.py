app_name = "api_monitoring"
urlpatterns: list = []
