app_name = "ksdd"

urlpatterns: list = []
