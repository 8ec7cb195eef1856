"""Health: the /sehat/ answer for the proxy and container checks, and the health checks themselves.

`python -m siksd.sehat web|worker|beat` is the command docker-compose.yml (and the production smoke
test, scripts/smoke_produksi.sh) runs to decide whether a service is healthy; exit status 0 = healthy.
"""

import os
import socket
import sys
import time
import urllib.request

from django.db import connection
from django.http import JsonResponse


class SehatMiddleware:
    """Answers GET /sehat/ first, before SecurityMiddleware's HTTPS redirect and before the host check
    (CommonMiddleware): a health check over the internal network reaches gunicorn by plain HTTP under an
    internal name that is not in ALLOWED_HOSTS. The answer says only whether the database answers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != "/sehat/" or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except Exception:
            return JsonResponse({"status": "galat", "basis_data": "tidak menjawab"}, status=503)
        return JsonResponse({"status": "ok"})


def _port_gunicorn() -> str:
    bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000").split(",")[0]
    return bind.rsplit(":", 1)[-1]


def cek_web() -> str:
    url = f"http://127.0.0.1:{_port_gunicorn()}/sehat/"
    with urllib.request.urlopen(url, timeout=5) as jawaban:  # noqa: S310 (loopback, fixed scheme)
        if jawaban.status != 200:
            raise RuntimeError(f"{url} menjawab {jawaban.status}")
    return f"web sehat ({url})"


def cek_worker() -> str:
    from siksd.celery import app

    nama = f"celery@{socket.gethostname()}"
    balasan = app.control.ping(destination=[nama], timeout=5) or []
    if not any(nama in b for b in balasan):
        raise RuntimeError(f"worker {nama} tidak menjawab ping")
    return f"worker sehat ({nama})"


def cek_beat() -> str:
    """Beat writes a heartbeat on every scheduler tick (siksd.beat); it ticks at least every
    CELERY_BEAT_MAX_LOOP_INTERVAL seconds, so an older heartbeat means beat is stuck or gone."""
    from django.conf import settings

    batas = 4 * settings.CELERY_BEAT_MAX_LOOP_INTERVAL
    try:
        umur = time.time() - os.path.getmtime(settings.SIKSD_BEAT_DETAK)
    except OSError as exc:
        raise RuntimeError(f"detak beat {settings.SIKSD_BEAT_DETAK} belum ada ({exc.strerror})") from exc
    if umur > batas:
        raise RuntimeError(f"detak beat berumur {umur:.0f} s (batas {batas} s)")
    return f"beat sehat (detak {umur:.0f} s lalu)"


def main(argv: list[str]) -> int:
    cek = {"web": cek_web, "worker": cek_worker, "beat": cek_beat}
    if len(argv) != 1 or argv[0] not in cek:
        print("pemakaian: python -m siksd.sehat web|worker|beat", file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "siksd.settings.production")
    try:
        print(cek[argv[0]]())
    except Exception as exc:
        print(f"TIDAK SEHAT: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
