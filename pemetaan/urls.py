app_name = "pemetaan"

urlpatterns: list = []
