from django.urls import path

from . import views

app_name = "dasbor"

urlpatterns = [
    path("", views.kokpit, name="kokpit"),
    path("persetujuan/", views.persetujuan, name="persetujuan"),
    path("persetujuan/riwayat/", views.riwayat_tanda_tangan, name="riwayat_tanda_tangan"),
    path("persetujuan/<int:pk>/<slug:nama>/", views.persetujuan_jalankan, name="persetujuan_jalankan"),
    path("persetujuan/<int:pk>/<slug:nama>/tte/", views.persetujuan_tte, name="persetujuan_tte"),
    path("persetujuan/<int:pk>/<slug:nama>/kembalikan/", views.persetujuan_kembalikan, name="persetujuan_kembalikan"),
    path("persetujuan/<int:pk>/<slug:nama>/basah/", views.persetujuan_basah, name="persetujuan_basah"),
    path("persetujuan/halaman/<int:pk>/<int:nomor>.png", views.halaman_png, name="halaman_png"),
    path("persiapan/<int:pk>/<slug:nama>/", views.persiapan, name="persiapan"),
    path("kalender/", views.kalender, name="kalender"),
    path("kalender/<str:token>.ics", views.kalender_ics, name="kalender_ics"),
    path("rekap/", views.rekap, name="rekap"),
    path("rekap.<str:ext>", views.rekap, name="rekap_berkas"),
    path("ekspor/<slug:daftar>.<str:ext>", views.ekspor, name="ekspor"),
    path("pengaturan/", views.pengaturan, name="pengaturan"),
    path("publikasi/", views.publikasi, name="publikasi"),
]
