"""Production: every secret from the environment; hardened cookies and HTTPS."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY wajib diisi melalui variabel lingkungan.")
DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Behind Caddy (deploy/Caddyfile): one trusted proxy appends the client's address to X-Forwarded-For.
# Rate limits (django-axes, DRF throttles) key on it (akun/jaringan.py, docs/keamanan.md).
SIKSD_TRUSTED_PROXIES = int(os.environ.get("SIKSD_TRUSTED_PROXIES", "1"))
REST_FRAMEWORK["NUM_PROXIES"] = SIKSD_TRUSTED_PROXIES  # noqa: F405
