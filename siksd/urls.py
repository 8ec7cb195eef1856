from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import IsAuthenticated

from kerjasama import views as kerjasama_views

from .api_urls import router

urlpatterns = [
    path("", kerjasama_views.beranda, name="beranda"),
    path("sehat/", kerjasama_views.sehat, name="sehat"),
    path("masuk/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", admin.site.urls),
    path("kerjasama/", include("kerjasama.urls")),
    path("pemetaan/", include("pemetaan.urls")),
    path("ksdd/", include("ksdd.urls")),
    path("ksdpk/", include("ksdpk.urls")),
    path("ksdln/", include("ksdln.urls")),
    path("pengawasan/", include("pengawasan.urls")),
    path("dasbor/", include("dasbor.urls")),
    path("publik/", include("dasbor.urls_publik")),
    path("verifikasi/", include("tte.urls")),
    path("akun/", include("akun.urls")),
    # The schema and its docs are for signed-in users only (issue 12 item 6); the split view serves
    # Swagger UI's start-up script as a file, so the Content-Security-Policy needs no inline script.
    path("api/v1/schema/", SpectacularAPIView.as_view(permission_classes=[IsAuthenticated]), name="schema"),
    path("api/v1/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema", permission_classes=[IsAuthenticated]),
         name="api-docs"),
    path("api/v1/", include(router.urls)),
]
