app_name = "pengawasan"

urlpatterns: list = []
