"""A Celery task executed by a real worker through the real Redis broker (CI: REDIS_URL)."""

import os
import uuid

import pytest

from kerjasama.models import Notifikasi


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_notifikasi_dikirim_oleh_worker_nyata_lewat_redis(pengguna, settings):
    from django.db import connections

    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun

    from kerjasama.tasks import kirim_notifikasi
    from siksd.celery import app

    url = os.environ["REDIS_URL"]
    lama = {k: app.conf[k] for k in ("task_always_eager", "broker_url", "result_backend", "task_default_queue")}
    # A queue of this test's own: another run sharing the Redis (a second CI run, a pytest-xdist worker) must
    # not take this task to its own database, nor this worker take theirs.
    antrean = f"uji-{uuid.uuid4().hex}"
    app.conf.update(task_always_eager=False, broker_url=url, result_backend=url, task_default_queue=antrean)
    # The app caches its result backend per thread on first use; an earlier test of the run may have cached
    # the disabled one, which would ignore the result_backend set above.
    app._local.__dict__.pop("backend", None)

    # The worker runs the task in its own thread, with its own database connection: closed after the task, as
    # a worker process does (Celery's Django fixup is not installed by start_worker), so that it does not hold
    # the test database open at teardown.
    def tutup_koneksi(**_):
        connections.close_all()

    task_postrun.connect(tutup_koneksi, weak=False)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10):
            hasil = kirim_notifikasi.delay(penerima_ids=[pengguna["walikota"].pk], judul="Menunggu tanda tangan Anda",
                                           tautan="/kerjasama/1/")
            # Waiting for the worker's answer is not a timed assertion: the result decides.
            assert hasil.get(timeout=60) == 1
    finally:
        app.conf.update(**lama)
        app._local.__dict__.pop("backend", None)
        task_postrun.disconnect(tutup_koneksi)
    n = Notifikasi.objects.get()
    assert n.penerima == pengguna["walikota"] and n.judul == "Menunggu tanda tangan Anda"
