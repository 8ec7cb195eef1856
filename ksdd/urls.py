from django.urls import path

from . import views

app_name = "ksdd"

urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("baru/", views.baru, name="baru"),
    path("tawaran-mitra/", views.tawaran_mitra, name="tawaran_mitra"),
    path("<int:pk>/ubah/", views.ubah, name="ubah"),
]
