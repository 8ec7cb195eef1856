from django.urls import path

from . import views

app_name = "tte"

urlpatterns = [
    path("", views.verifikasi_unggah, name="verifikasi"),
    path("<str:kode>/", views.verifikasi_kode, name="verifikasi_kode"),
]
