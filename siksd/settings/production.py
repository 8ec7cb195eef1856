"""Production: every secret from the environment; hardened cookies and HTTPS behind the Caddy proxy
(deploy/Caddyfile, deploy/gunicorn.conf.py, docs/deploy.md)."""

import os
import sys

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY wajib diisi melalui variabel lingkungan.")
DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
# Whether a request came over HTTPS is decided by gunicorn, not by Django: gunicorn sets the WSGI scheme
# from X-Forwarded-Proto only when the peer is in FORWARDED_ALLOW_IPS (the Caddy proxy; see
# deploy/gunicorn.conf.py). Django must not read the header itself (SECURE_PROXY_SSL_HEADER): a client
# reaching gunicorn directly could then forge "https" and receive secure cookies over plain HTTP.
SECURE_PROXY_SSL_HEADER = None
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Behind Caddy (deploy/Caddyfile): one trusted proxy appends the client's address to X-Forwarded-For.
# Rate limits (django-axes, DRF throttles) key on it (akun/jaringan.py, docs/keamanan.md).
SIKSD_TRUSTED_PROXIES = int(os.environ.get("SIKSD_TRUSTED_PROXIES", "1"))
REST_FRAMEWORK["NUM_PROXIES"] = SIKSD_TRUSTED_PROXIES  # noqa: F405

# The health endpoint answers before the HTTPS redirect and the host check (siksd/sehat.py), so that
# container health checks work over the internal network whatever ALLOWED_HOSTS says.
MIDDLEWARE = ["siksd.sehat.SehatMiddleware", *MIDDLEWARE]  # noqa: F405
SECURE_REDIRECT_EXEMPT = [r"^sehat/$"]

# STATIC_ROOT: where collectstatic writes (the image builds it into /app/var/static).
STATIC_ROOT = os.environ.get("STATIC_ROOT") or STATIC_ROOT  # noqa: F405

# E-mail: notices of legal deadlines go out by e-mail, so production never falls back silently to an
# SMTP server on localhost:25. Either EMAIL_HOST is set, or another backend is chosen on purpose.
_SMTP = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or _SMTP
if EMAIL_BACKEND == _SMTP and not os.environ.get("EMAIL_HOST"):
    raise ImproperlyConfigured(
        "EMAIL_HOST wajib diisi di produksi (server SMTP untuk notifikasi tenggat; juga EMAIL_PORT, "
        "EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS). Untuk uji coba tanpa surel, pilih dengan "
        "sengaja EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend."
    )
if EMAIL_BACKEND != _SMTP:
    print(f"PERINGATAN SIKSD: EMAIL_BACKEND={EMAIL_BACKEND}; surel notifikasi TIDAK dikirim lewat SMTP.",
          file=sys.stderr)
