app_name = "ksdpk"

urlpatterns: list = []
