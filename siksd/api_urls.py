"""One router for /api/v1/: the core registers its resources, and each app's `api.daftar(router)`
adds its own (interfaces.md)."""

import importlib

from django.urls import path

from rest_framework.routers import DefaultRouter

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

router.urls.insert(0, path("auth/token/", kerjasama_api.TokenView.as_view(), name="api-token"))
