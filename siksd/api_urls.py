"""One router for /api/v1/: the core registers its resources, and each app's `api.daftar(router)`
adds its own (interfaces.md)."""

import importlib

from django.urls import path

from rest_framework.routers import DefaultRouter

from akun import api as akun_api
from kerjasama import api as kerjasama_api


class Router(DefaultRouter):
    include_format_suffixes = False


router = Router()
router.register("kerjasama", kerjasama_api.KerjaSamaViewSet, basename="kerjasama")
router.register("tenggat", kerjasama_api.TenggatViewSet, basename="tenggat")
router.register("perangkat-daerah", kerjasama_api.PerangkatDaerahViewSet, basename="perangkat-daerah")
router.register("mitra", kerjasama_api.MitraViewSet, basename="mitra")

for app in ("pemetaan", "ksdd", "ksdpk", "ksdln", "pengawasan"):
    module = importlib.import_module(f"{app}.api")
    if hasattr(module, "daftar"):
        module.daftar(router)

router.urls[0:0] = [
    path("auth/token/", akun_api.TokenView.as_view(), name="api-token"),
    path("auth/token/perbarui/", akun_api.TokenPerbaruiView.as_view(), name="api-token-perbarui"),
    path("auth/keluar-semua/", akun_api.KeluarSemuaView.as_view(), name="api-keluar-semua"),
]
