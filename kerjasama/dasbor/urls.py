from django.urls import path

from . import views

app_name = "dasbor"

urlpatterns = [
    path("", views.kokpit, name="kokpit"),
    path("persetujuan/", views.persetujuan, name="persetujuan"),
    path("persetujuan/riwayat/", views.riwayat_tanda_tangan, name="riwayat_tanda_tangan"),
    path("persetujuan/<int:pk>/<slug:nama>/", views.persetujuan_jalankan, name="persetujuan_jalankan"),
    path("persiapan/<int:pk>/<slug:nama>/", views.persiapan, name="persiapan"),
    path("kalender/", views.kalender, name="kalender"),
    path("kalender/<str:token>.ics", views.kalender_ics, name="kalender_ics"),
    path("rekap/", views.rekap, name="rekap"),
    path("rekap.<str:ext>", views.rekap, name="rekap_berkas"),
    path("ekspor/<slug:daftar>.<str:ext>", views.ekspor, name="ekspor"),
    path("pengaturan/", views.pengaturan, name="pengaturan"),
    path("publikasi/", views.publikasi, name="publikasi"),
]
