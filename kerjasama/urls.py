from django.urls import path

from . import referensi_views, views

app_name = "kerjasama"

urlpatterns = [
    path("", views.registry, name="registry"),
    path("mulai/", views.mulai, name="mulai"),
    path("lama/baru/", views.perjanjian_lama_baru, name="perjanjian_lama_baru"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/transisi/<slug:nama>/", views.transisi, name="transisi"),
    path("<int:pk>/dokumen/unggah/", views.dokumen_unggah, name="dokumen_unggah"),
    path("<int:pk>/riwayat.csv", views.riwayat_csv, name="riwayat_csv"),
    path("<int:pk>/riwayat.pdf", views.riwayat_pdf, name="riwayat_pdf"),
    path("dokumen/<int:pk>/versi-baru/", views.dokumen_versi_baru, name="dokumen_versi_baru"),
    path("dokumen/<int:pk>/klasifikasi/", views.dokumen_klasifikasi, name="dokumen_klasifikasi"),
    path("dokumen/versi/<int:pk>/unduh/", views.dokumen_unduh, name="dokumen_unduh"),
    path("filter/simpan/", views.filter_simpan, name="filter_simpan"),
    path("filter/<int:pk>/", views.filter_terapkan, name="filter_terapkan"),
    path("filter/<int:pk>/hapus/", views.filter_hapus, name="filter_hapus"),
    path("referensi/", referensi_views.indeks, name="referensi"),
    path("referensi/<slug:jenis>/", referensi_views.daftar, name="referensi_daftar"),
    path("referensi/<slug:jenis>/baru/", referensi_views.baru, name="referensi_baru"),
    path("referensi/<slug:jenis>/<int:pk>/", referensi_views.ubah, name="referensi_ubah"),
    path("referensi/<slug:jenis>/<int:pk>/hapus/", referensi_views.hapus, name="referensi_hapus"),
    path("notifikasi/", views.notifikasi, name="notifikasi"),
    path("notifikasi/baca/", views.notifikasi_baca, name="notifikasi_baca_semua"),
    path("notifikasi/<int:pk>/baca/", views.notifikasi_baca, name="notifikasi_baca"),
]
