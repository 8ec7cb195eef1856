"""Development and demo: the embedded default (SQLite, eager Celery, e-mail written to files in var/surel/)."""

import os

from .base import *  # noqa: F403

DEBUG = os.environ.get("DEBUG", "1") not in {"0", "false", "False"}
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405

# Links in e-mails and calendar feeds point at the port the demo really serves (scripts/demo.sh: PORT).
SIKSD_BASE_URL = os.environ.get("SIKSD_BASE_URL") or f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
# E-mail is never sent from a development machine: each message is written to EMAIL_FILE_PATH (one .log file per
# connection, messages separated by a line of dashes), instead of flooding the console (the demo's seed alone
# writes about 1,650 lines of mail). EMAIL_BACKEND in the environment still wins (e.g. the console backend).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "surel"))  # noqa: F405
# Eager Celery logs a line for every task that succeeds (85 of them in the demo's seed); failures still show.
LOGGING["loggers"]["celery.app.trace"] = {"level": "WARNING"}  # noqa: F405

(BASE_DIR / "var" / "static").mkdir(parents=True, exist_ok=True)  # noqa: F405 (SQLite, documents, static)
