from django.urls import path

from . import views

app_name = "pengawasan"

urlpatterns = [
    path("", views.ikhtisar, name="ikhtisar"),
    path("ikhtisar.xlsx", views.ikhtisar_xlsx, name="ikhtisar_xlsx"),
    path("kerjasama/<int:pk>/", views.kerjasama, name="kerjasama"),
    path("kerjasama/<int:pk>/mulai/", views.mulai, name="mulai"),
    path("kerjasama/<int:pk>/tim/", views.tim, name="tim"),
    path("kerjasama/<int:pk>/kegiatan/baru/", views.kegiatan_baru, name="kegiatan_baru"),
    path("kerjasama/<int:pk>/laporan-mitra/", views.laporan_unggah, name="laporan_unggah"),
    path("anggota/<int:pk>/ubah/", views.anggota_ubah, name="anggota_ubah"),
    path("anggota/<int:pk>/hapus/", views.anggota_hapus, name="anggota_hapus"),
    path("kegiatan/<int:pk>/", views.kegiatan, name="kegiatan"),
    path("kegiatan/<int:pk>/transisi/<slug:nama>/", views.kegiatan_transisi, name="kegiatan_transisi"),
    path("kegiatan/<int:pk>/lampiran/", views.lampiran, name="lampiran"),
    path("kegiatan/<int:pk>/laporan-mitra/", views.laporan_dianalisa, name="laporan_dianalisa"),
    path("kegiatan/<int:pk>/analisa/<str:huruf>/", views.bagian_evaluasi, name="bagian_evaluasi"),
    path("kegiatan/<int:pk>/kewajiban/", views.kewajiban_evaluasi, name="kewajiban_evaluasi"),
    path("kegiatan/<int:pk>/matrik/baru/", views.matrik_baris, name="matrik_baru"),
    path("kegiatan/<int:pk>/matrik/<int:baris_pk>/", views.matrik_baris, name="matrik_ubah"),
    path("kegiatan/<int:pk>/matrik/<int:baris_pk>/hapus/", views.matrik_hapus, name="matrik_hapus"),
    path("kegiatan/<int:pk>/matrik.pdf", views.matrik_pdf, name="matrik_pdf"),
    path("kegiatan/<int:pk>/matrik.xlsx", views.matrik_xlsx, name="matrik_xlsx"),
    path("tindak-lanjut/<int:pk>/", views.tindak_lanjut, name="tindak_lanjut"),
    path("laporan-saya/", views.laporan_saya, name="laporan_saya"),
    path("pembinaan/", views.pembinaan, name="pembinaan"),
    path("pembinaan/baru/", views.pembinaan_baru, name="pembinaan_baru"),
    path("pembinaan/per-pd/", views.pembinaan_per_pd, name="pembinaan_per_pd"),
    path("tim-pembinaan/", views.tim_pembinaan, name="tim_pembinaan"),
    path("tim-pembinaan/<int:pk>/", views.tim_pembinaan_detail, name="tim_pembinaan_detail"),
]
