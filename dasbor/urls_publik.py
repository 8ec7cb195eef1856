"""The public transparency page: no login (mounted at /publik/)."""

from django.urls import path

from . import views

app_name = "publik"

urlpatterns = [
    path("", views.halaman_publik, name="beranda"),
    path("kerjasama.json", views.publik_json, name="json"),
]
