from django.conf import settings
from django.core.checks import Error, register


@register()
def sesi_dapat_diakhiri(app_configs, **kwargs):
    """"Keluar dari semua perangkat" finds an account's sessions in the database (akun.services)."""
    from .services import SESSION_ENGINE_TERDAFTAR

    if settings.SESSION_ENGINE not in SESSION_ENGINE_TERDAFTAR:
        return [Error(f"SESSION_ENGINE {settings.SESSION_ENGINE!r}: sesi tidak dapat diakhiri dari semua perangkat.",
                      hint="Pakai django.contrib.sessions.backends.db atau cached_db.", id="akun.E001")]
    return []
