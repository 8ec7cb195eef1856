from django.urls import path

from . import views

app_name = "ksdpk"

urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("baru/", views.baru, name="baru"),
    path("permohonan/baru/", views.permohonan_baru, name="permohonan_baru"),
    path("<int:pk>/ubah/", views.ubah, name="ubah"),
    path("<int:pk>/kewajiban/", views.kewajiban, name="kewajiban"),
    path("<int:pk>/calon/", views.calon, name="calon"),
    path("<int:pk>/tim/", views.tim, name="tim"),
    path("<int:pk>/penilaian/", views.penilaian, name="penilaian"),
    path("<int:pk>/peringkat/", views.peringkat, name="peringkat"),
]
