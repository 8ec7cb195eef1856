"""DRF throttles keyed on `alamat_klien` (the same address django-axes uses)."""

from rest_framework.throttling import ScopedRateThrottle

from .jaringan import alamat_klien


class AlamatKlienMixin:
    def get_ident(self, request):
        return alamat_klien(request)


class ScopedRateThrottleAlamat(AlamatKlienMixin, ScopedRateThrottle):
    pass
