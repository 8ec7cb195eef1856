"""Measure the deadline sweep alone on the generated city (issue 8, item 1: "sweep with 1,000 due < 5 s").

Every run happens inside a transaction that is rolled back, so the bench database is never changed
and each run starts from the same due deadlines. As in benchmarks/run.py, what the commit would
start (notifications: Celery runs eagerly here) is run inside the measurement.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/siksd_bench DJANGO_SETTINGS_MODULE=benchmarks.settings \\
        .venv/bin/python -m benchmarks.sapuan [--ulang 3] [--query] [--profil]

--query prints the queries of one run grouped by statement shape (the load-independent figure is
queries per due deadline); --profil prints the top of a cProfile of one run.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import os
import re
import statistics
import sys
import time


def _setup():
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    django.setup()


def _sapu(saat):
    """One sweep as of `saat`, rolled back; returns its report lines."""
    from django.db import connection, transaction

    from kerjasama import services

    with transaction.atomic():
        laporan = services.tenggat_sweep(now=saat)
        for _sids, fn, _robust in list(connection.run_on_commit):
            fn()
        connection.run_on_commit.clear()
        transaction.set_rollback(True)
    return laporan


def _bentuk(sql: str) -> str:
    """A statement's shape: literals and savepoint names removed, truncated."""
    sql = re.sub(r'"s\d+_x\d+"', "sp", sql)
    sql = re.sub(r"'[^']*'", "?", sql)
    sql = re.sub(r"\b\d+\b", "?", sql)
    sql = re.sub(r"SELECT .*? FROM", "SELECT … FROM", sql, count=1)
    return sql[:150]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ulang", type=int, default=3, help="measured runs (after one warm-up)")
    parser.add_argument("--query", action="store_true", help="print the queries of one run by shape")
    parser.add_argument("--profil", action="store_true", help="cProfile one run")
    args = parser.parse_args(argv)
    _setup()

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from kerjasama.models import Tenggat

    assert connection.vendor == "postgresql", "the sweep is measured on PostgreSQL (skip_locked, row locks)"
    connection.queries_log = collections.deque(maxlen=10**6)  # Django keeps only the last 9,000 by default
    now = timezone.now()
    terbuka = Tenggat.objects.filter(status="terbuka")
    jatuh = terbuka.filter(jatuh_tempo__lt=now).count()
    awal = terbuka.order_by("jatuh_tempo").values_list("jatuh_tempo", flat=True).first()
    print(f"open deadlines {terbuka.count()}, due now {jatuh}; load average {os.getloadavg()[0]:.2f}", flush=True)

    with CaptureQueriesContext(connection) as kosong:
        _sapu(awal - datetime.timedelta(seconds=1))
    t0 = time.perf_counter()
    with CaptureQueriesContext(connection) as ctx:
        laporan = _sapu(now)  # also the warm-up
    t_tangkap = time.perf_counter() - t0
    galat = [b for b in laporan if b.startswith("galat")]
    q = len(ctx.captured_queries)
    per = (q - len(kosong.captured_queries)) / max(jatuh, 1)
    print(f"acted on {len(laporan)} ({len(galat)} errors); queries: empty sweep {len(kosong.captured_queries)}, "
          f"this sweep {q} = {per:.1f} per due deadline; {t_tangkap:.2f} s, of which in the database "
          f"{sum(float(x['time']) for x in ctx.captured_queries):.2f} s", flush=True)
    for b in galat[:5]:
        print("  ", b)

    if args.query:
        hitung, detik = collections.Counter(), collections.Counter()
        for x in ctx.captured_queries:
            hitung[_bentuk(x["sql"])] += 1
            detik[_bentuk(x["sql"])] += float(x["time"])
        print(f"   count  per row  total s  statement (database time: {sum(detik.values()):.2f} s)")
        for bentuk, n in hitung.most_common(40):
            print(f"{n:8d}  {n / max(jatuh, 1):6.2f}  {detik[bentuk]:7.2f}  {bentuk}")

    if args.profil:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.runcall(_sapu, now)
        pstats.Stats(prof).sort_stats(os.environ.get("SAPUAN_URUT", "cumulative")).print_stats(45)

    waktu = []
    for _ in range(args.ulang or 0):
        t = time.perf_counter()
        _sapu(now)
        waktu.append(time.perf_counter() - t)
    if not waktu:
        return 0
    print(f"sweep with {jatuh} due: median {statistics.median(waktu):.2f} s; runs "
          + ", ".join(f"{w:.2f}" for w in waktu) + f"; load average {os.getloadavg()[0]:.2f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
