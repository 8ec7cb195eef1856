from django.urls import path

from . import views

app_name = "akun"

urlpatterns = [
    path("", views.akun, name="akun"),
    path("2fa/siapkan/", views.siapkan, name="2fa-siapkan"),
    path("2fa/verifikasi/", views.verifikasi, name="2fa-verifikasi"),
    path("2fa/kode-pemulihan/", views.kode_pemulihan_baru, name="2fa-kode-pemulihan"),
    path("2fa/nonaktifkan/", views.nonaktifkan, name="2fa-nonaktifkan"),
    path("keluar-semua/", views.keluar_semua, name="keluar-semua"),
    path("bahasa/", views.bahasa, name="bahasa"),
]
