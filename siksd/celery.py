"""Celery application. The beat schedule lives in code (settings.CELERY_BEAT_SCHEDULE), never only in a database."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "siksd.settings.dev")

app = Celery("siksd")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
