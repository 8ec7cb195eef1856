"""Settings for the benchmarks and the load test: the production shape (DEBUG off, real password
hasher, DB sessions, WhiteNoise) without HTTPS redirects, on the bench database, plus the
benchmark's own templates (the 100-row table PDF)."""

import os

from siksd.settings.base import *  # noqa: F403

SECRET_KEY = os.environ.get("SECRET_KEY") or "bench-only-key-not-for-production-0123456789abcdef"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
TEMPLATES[0]["DIRS"].append(BASE_DIR / "benchmarks" / "templates")  # noqa: F405
STORAGES = {  # noqa: F405
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": os.environ.get("PRIVATE_MEDIA_ROOT", "/tmp/siksd-bench-dokumen")}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# The bench signatories' demo certificates and tte's demo CA (benchmarks/generate.py writes them; the signing
# endpoint reads them): the local PKCS#12 back-end, never BSrE.
SIKSD_TTE_BACKEND = "lokal"
SIKSD_TTE_P12_DIR = os.environ.get("SIKSD_TTE_P12_DIR", "/tmp/siksd-bench-tte")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The load test logs 50 users in from one address: lockouts would be the test's own doing.
AXES_FAILURE_LIMIT = 1000
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
