from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

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
    path("dasbor/", include("kerjasama.dasbor.urls")),
    path("publik/", include("kerjasama.dasbor.urls_publik")),
    path("verifikasi/", include("tte.urls")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/v1/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("api/v1/", include(router.urls)),
]
