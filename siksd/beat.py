"""Celery beat's scheduler with a heartbeat, so that beat has a health check of its own."""

from pathlib import Path

from django.conf import settings

from celery.beat import PersistentScheduler


class PenjadwalBerdetak(PersistentScheduler):
    """The ordinary persistent scheduler that touches settings.SIKSD_BEAT_DETAK on every tick.
    A tick comes at least every CELERY_BEAT_MAX_LOOP_INTERVAL seconds (`python -m siksd.sehat beat`)."""

    def tick(self, *args, **kwargs):
        jeda = super().tick(*args, **kwargs)
        Path(settings.SIKSD_BEAT_DETAK).touch()
        return jeda
