app_name = "ksdln"

urlpatterns: list = []
