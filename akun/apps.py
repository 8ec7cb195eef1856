from django.apps import AppConfig


class AkunConfig(AppConfig):
    """Accounts machinery: the client address behind trusted proxies, API tokens with an expiry,
    "keluar dari semua perangkat", and two-factor login (docs/keamanan.md)."""

    name = "akun"
    verbose_name = "Akun dan keamanan"

    def ready(self):
        from . import checks, signals  # noqa: F401
