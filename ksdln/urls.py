from django.urls import path

from . import views

app_name = "ksdln"

urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("baru/", views.baru, name="baru"),
    path("<int:pk>/ubah/", views.ubah, name="ubah"),
    path("<int:pk>/persyaratan/", views.persyaratan, name="persyaratan"),
    path("<int:pk>/penjajakan/", views.penjajakan, name="penjajakan"),
    path("<int:pk>/izin/", views.izin, name="izin"),
    path("<int:pk>/rencana-tahunan/", views.rencana_tahunan, name="rencana_tahunan"),
    path("<int:pk>/perselisihan/", views.perselisihan, name="perselisihan"),
    path("<int:pk>/laporan/", views.laporan_daftar, name="laporan_daftar"),
    path("<int:pk>/laporan/<int:tahun>/", views.laporan, name="laporan"),
    path("<int:pk>/surat-menteri/", views.surat_menteri, name="surat_menteri"),
    path("<int:pk>/surat-perpanjangan/", views.surat_perpanjangan, name="surat_perpanjangan"),
]
