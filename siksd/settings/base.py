"""Settings shared by every environment. Everything comes from the environment (12-factor),
with an embedded default so that a newcomer's first run needs no service at all."""

import os
from pathlib import Path

import dj_database_url
import xstatic.pkg.bootstrap
import xstatic.pkg.leaflet
from celery.schedules import crontab
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# SECRET_KEY: required in production; development and test settings provide their own default.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
# DEBUG: never on in production.
DEBUG = env_bool("DEBUG", False)
# ALLOWED_HOSTS: comma-separated host names this instance answers for.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
# CSRF_TRUSTED_ORIGINS: comma-separated origins (https://siksd.bekasikota.go.id) behind a proxy.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "widget_tweaks",
    "django_countries",
    "guardian",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "kerjasama",
    "pemetaan",
    "ksdd",
    "ksdpk",
    "ksdln",
    "pengawasan",
    "akun",
    "tte",
    # Dashboards aggregate every app above, so they come last (CONVENTIONS "Layers").
    "dasbor",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every answer (CONTENT_SECURITY_POLICY below).
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified() (django-otp), then the second-factor rule (akun/dua_faktor.py).
    "django_otp.middleware.OTPMiddleware",
    "akun.middleware.Wajib2FAMiddleware",
    # The signed-in user's interface language (Pengguna.bahasa) over the cookie/Accept-Language LocaleMiddleware read.
    "akun.middleware.BahasaPenggunaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so that it sees the authentication outcome (django-axes login throttling).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "siksd.urls"
WSGI_APPLICATION = "siksd.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kerjasama.context_processors.siksd",
            ],
        },
    },
]

# DATABASE_URL: postgres://user:pass@host:5432/name in production; default an embedded SQLite file.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'siksd.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default: a transaction takes the write lock when it begins (BEGIN IMMEDIATE) and waits
    # up to SQLITE_TIMEOUT seconds for another, so that the loser of two simultaneous submits reads the new
    # stage and answers 409 as on PostgreSQL, instead of a 500 "database is locked" (issue 12 item 7).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": int(os.environ.get("SQLITE_TIMEOUT", "20"))})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "kerjasama.Pengguna"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "id"
# The interface languages (issue 14): Indonesian first (the default), English for foreign partners' staff.
# A signed-in user's choice is Pengguna.bahasa (akun.middleware.BahasaPenggunaMiddleware); others: cookie/Accept-Language.
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# Front-end assets come from Python packages (XStatic), never from a CDN.
STATICFILES_DIRS = [
    ("vendor/bootstrap", xstatic.pkg.bootstrap.BASE_DIR),
    ("vendor/leaflet", xstatic.pkg.leaflet.BASE_DIR),
    BASE_DIR / "static",
]
STORAGES = {
    # PRIVATE_MEDIA_ROOT: case documents, outside the web root, served only through permission-checked views.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": os.environ.get("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "dokumen"))},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# MAX_UPLOAD_MB: the largest document accepted, in MiB.
DOKUMEN_MAX_BYTES = int(os.environ.get("MAX_UPLOAD_MB", "20")) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Deadline counting (spec README, "Days"): "kalender" (default) or "kerja" (working days).
SIKSD_CARA_HITUNG_HARI = os.environ.get("SIKSD_CARA_HITUNG_HARI", "kalender")
# SIKSD_BASE_URL: absolute URL used in e-mails and calendar feeds.
SIKSD_BASE_URL = os.environ.get("SIKSD_BASE_URL", "http://127.0.0.1:8000")

# E-mail: console by default; EMAIL_URL-style pieces for SMTP in production.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "SIKSD Kota Bekasi <siksd@localhost>")

# REDIS_URL: the Celery broker. Without it Celery runs every task eagerly, in process (embedded default).
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TIMEZONE = TIME_ZONE
# SIKSD_ANTREAN_CELERY: the queue name, for two instances on one Redis (the smoke test uses its own).
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("SIKSD_ANTREAN_CELERY", "celery")
CELERY_BEAT_SCHEDULE = {
    # The legal deadlines (spec README "Deadlines"): the sweep is idempotent, so a short period is safe.
    # SIKSD_INTERVAL_SAPU: seconds between sweeps (the production smoke test sets a few seconds).
    "sapu-tenggat": {"task": "kerjasama.tasks.process_deadlines",
                     "schedule": float(os.environ.get("SIKSD_INTERVAL_SAPU", "300"))},
    "ringkasan-harian": {"task": "kerjasama.tasks.kirim_ringkasan_harian", "schedule": crontab(hour=6, minute=0)},
    "bersihkan-berkas-yatim": {"task": "kerjasama.tasks.bersihkan_berkas_yatim", "schedule": crontab(hour=2, minute=30)},
}
# Beat keeps its schedule state in a file and writes a heartbeat on every tick (siksd/beat.py); it
# ticks at least every 30 s, and `python -m siksd.sehat beat` reads the heartbeat's age.
CELERY_BEAT_SCHEDULER = "siksd.beat:PenjadwalBerdetak"
CELERY_BEAT_MAX_LOOP_INTERVAL = 30
CELERY_BEAT_SCHEDULE_FILENAME = os.environ.get("SIKSD_BEAT_JADWAL", str(BASE_DIR / "var" / "celerybeat-schedule"))
SIKSD_BEAT_DETAK = os.environ.get("SIKSD_BEAT_DETAK", str(BASE_DIR / "var" / "celerybeat-detak"))

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# SIKSD_TRUSTED_PROXIES: how many reverse proxies in front of the app append to X-Forwarded-For
# (0: none, the header is ignored; 1: behind Caddy in production). Rate limits key on the address
# the outermost trusted proxy saw (akun/jaringan.py), never on what the client wrote itself.
SIKSD_TRUSTED_PROXIES = int(os.environ.get("SIKSD_TRUSTED_PROXIES", "0"))
# SIKSD_TOKEN_MASA_BERLAKU_JAM: hours an API token lives after it is issued (docs/keamanan.md).
SIKSD_TOKEN_MASA_BERLAKU_JAM = int(os.environ.get("SIKSD_TOKEN_MASA_BERLAKU_JAM", "24"))
# SIKSD_2FA_WAJIB: two-factor login required for the Wali Kota, surat kuasa holders, the Sekretariat
# and admin accounts, and asked of everyone who set it up (akun/dua_faktor.py). On by default; only the
# test settings turn it off (then no second factor is asked at all).
SIKSD_2FA_WAJIB = env_bool("SIKSD_2FA_WAJIB", True)
OTP_TOTP_ISSUER = "SIKSD Kota Bekasi"
# Failed codes slow the next attempt down exponentially (django-otp throttling).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # `Authorization: Token <key>` (interfaces.md), refused after SIKSD_TOKEN_MASA_BERLAKU_JAM.
        "akun.autentikasi.TokenBerbatasWaktu",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {"token": "20/min"},
    # Any DRF throttle keyed by address trusts X-Forwarded-For exactly as far as akun.jaringan does.
    "NUM_PROXIES": SIKSD_TRUSTED_PROXIES,
    "EXCEPTION_HANDLER": "kerjasama.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SIKSD Kota Bekasi API",
    "DESCRIPTION": "Sistem Informasi Kerja Sama Daerah (Perwal Bekasi 57/2023 Pasal 86).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "JenisKerjaSamaEnum": "kerjasama.constants.Jenis",
        "JenisDokumenEnum": "kerjasama.constants.JenisDokumen",
        "StatusDokumenEnum": "kerjasama.constants.StatusDokumen",
        "StatusTenggatEnum": "kerjasama.constants.StatusTenggat",
        "JenisMitraEnum": "kerjasama.constants.JenisMitra",
    },
}
# drf-spectacular reports enum-name collisions between apps ("jenis", "status") as W001 warnings:
# cosmetic names in the schema, not a deployment risk. `manage.py spectacular --validate` shows them.
SILENCED_SYSTEM_CHECKS = ["drf_spectacular.W001"]
# Bad input answers 400 in Indonesian, never 500 (issue 12 item 7): every API filter bounds its numbers
# (ids within 64 bits), and a JSON body must be an object.
REST_FRAMEWORK["DEFAULT_FILTER_BACKENDS"] = ["kerjasama.api_masukan.SaringanAman"]
REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"] = [
    "kerjasama.api_masukan.JSONObjekParser",
    "rest_framework.parsers.FormParser",
    "rest_framework.parsers.MultiPartParser",
]

GUARDIAN_RAISE_403 = False
ANONYMOUS_USER_NAME = None

# django-axes: lock a username+IP after AXES_FAILURE_LIMIT failed logins for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = int(os.environ.get("AXES_COOLOFF_MINUTES", "15")) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/terkunci.html"
# The same client address as the DRF throttles (SIKSD_TRUSTED_PROXIES).
AXES_CLIENT_IP_CALLABLE = "akun.jaringan.alamat_klien"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Content-Security-Policy (django-csp 4.x format, docs/keamanan.md): scripts only from our own origin,
# never inline (page scripts live in static/siksd/*.js), nothing from another host. Inline *styles*
# are still allowed: style attributes in templates, the <style> pygal writes into its SVG charts and
# htmx's indicator style; none of them can run code. Framing stays with X-Frame-Options below.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}
X_FRAME_OPTIONS = "DENY"  # the PDF preview view alone allows same-origin framing

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}


# --- Electronic signature (TTE) and naskah dinas (issue 13; tte/) ---------------------------------
# Signer back-end: "lokal" (a PKCS#12 file per signatory, e.g. the Pemda's own CA; demo and tests) or
# "bsre" (BSSN's e-sign API v2).
SIKSD_TTE_BACKEND = os.environ.get("SIKSD_TTE_BACKEND", "lokal")
# Local back-end: folder with <username>.p12 (unlocked by the passphrase typed at signing) and ca.pem.
SIKSD_TTE_P12_DIR = os.environ.get("SIKSD_TTE_P12_DIR", str(BASE_DIR / "var" / "tte"))
# Trust roots (PEM files, comma-separated) for validating uploaded PDFs; default: the local CA.
SIKSD_TTE_AKAR = [p for p in os.environ.get("SIKSD_TTE_AKAR", "").split(",") if p]
# RFC 3161 timestamp authority: with it signatures are PAdES B-T, without it B-B.
SIKSD_TTE_TSA_URL = os.environ.get("SIKSD_TTE_TSA_URL", "")
# BSrE API v2: base URL, client id/secret (HTTP basic auth) and timeout in seconds.
SIKSD_BSRE_URL = os.environ.get("SIKSD_BSRE_URL", "")
SIKSD_BSRE_CLIENT_ID = os.environ.get("SIKSD_BSRE_CLIENT_ID", "")
SIKSD_BSRE_CLIENT_SECRET = os.environ.get("SIKSD_BSRE_CLIENT_SECRET", "")
SIKSD_BSRE_TIMEOUT = float(os.environ.get("SIKSD_BSRE_TIMEOUT", "30"))
# Public base URL printed in QR codes (https://siksd.bekasikota.go.id); empty: the request's own host.
SIKSD_URL_PUBLIK = os.environ.get("SIKSD_URL_PUBLIK", "")
