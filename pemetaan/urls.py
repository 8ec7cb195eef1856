from django.urls import path

from . import views

app_name = "pemetaan"

urlpatterns = [
    path("", views.indeks, name="indeks"),
    path("realisasi/", views.realisasi, name="realisasi"),
    path("tim/", views.tim, name="tim"),
    path("siklus/baru/", views.siklus_baru, name="siklus_baru"),
    path("siklus/<int:pk>/", views.siklus_detail, name="siklus_detail"),
    path("siklus/<int:pk>/transisi/<slug:nama>/", views.siklus_transisi, name="siklus_transisi"),
    path("siklus/<int:pk>/daftar/", views.siklus_daftar, name="siklus_daftar"),
    path("siklus/<int:pk>/daftar.xlsx", views.siklus_daftar_xlsx, name="siklus_daftar_xlsx"),
    path("siklus/<int:pk>/kehadiran/", views.siklus_kehadiran, name="siklus_kehadiran"),
    path("siklus/<int:pk>/dokumen/unggah/", views.siklus_dokumen_unggah, name="siklus_dokumen_unggah"),
    path("siklus/<int:pk>/dokumen/<slug:jenis>/hasilkan/", views.siklus_dokumen_hasilkan, name="siklus_dokumen_hasilkan"),
    path("siklus/<int:pk>/rekomendasi/", views.rekomendasi_ubah, name="rekomendasi_ubah"),
    path("item/<int:pk>/mulai/", views.item_mulai, name="item_mulai"),
    path("rekomendasi/<int:pk>/", views.rekomendasi_detail, name="rekomendasi_detail"),
    path("rekomendasi/<int:pk>/transisi/<slug:nama>/", views.rekomendasi_transisi, name="rekomendasi_transisi"),
    path("rekomendasi/<int:pk>/dokumen/unggah/", views.rekomendasi_dokumen_unggah, name="rekomendasi_dokumen_unggah"),
]
