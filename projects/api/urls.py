app_name = "api_adjustments"
urlpatterns: list = []
