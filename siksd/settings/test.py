"""Test settings: DATABASE_URL / REDIS_URL decide whether the real services are used
(CI sets both); without them SQLite and eager Celery."""

import os
import tempfile
import warnings

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": os.environ.get("PRIVATE_MEDIA_ROOT", tempfile.mkdtemp(prefix="siksd-test-dok-"))},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests run tasks in process unless a test starts a real worker (tests/kerjasama/test_celery_worker.py).
CELERY_TASK_ALWAYS_EAGER = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
AXES_ENABLED = True
# Two-factor login off for the ~850 tests that sign in for other purposes (also as the seed_demo accounts,
# which have an authenticator); tests/akun turns it on and proves it (settings.SIKSD_2FA_WAJIB = True).
# Production and dev keep the default (on).
SIKSD_2FA_WAJIB = False
# Naive datetimes are bugs here (CONVENTIONS: settings/test.py).
warnings.filterwarnings("error", r"DateTimeField .* received a naive datetime", RuntimeWarning, r"django\.db\.models\.fields")
STATIC_ROOT = tempfile.mkdtemp(prefix="siksd-static-")
WHITENOISE_AUTOREFRESH = True
