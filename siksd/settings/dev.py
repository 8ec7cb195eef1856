"""Development and demo: the embedded default (SQLite, eager Celery, console e-mail)."""

import os

from .base import *  # noqa: F403

DEBUG = os.environ.get("DEBUG", "1") not in {"0", "false", "False"}
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405

(BASE_DIR / "var" / "static").mkdir(parents=True, exist_ok=True)  # noqa: F405 (SQLite, documents, static)
