"""The sweep's cost per due deadline is a small constant (issue 8: 1,000 due deadlines in < 5 s,
benchmarks/README.md). A count of queries, never a timing: it holds on any machine.

Each test sweeps N due deadlines for two values of N and checks that the sweep costs at most the
empty sweep plus a fixed number of queries per deadline. When a change needs more queries per
deadline, raise the figure here on purpose and say why (and re-run `python -m benchmarks.sapuan`)."""

import datetime
import zoneinfo

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from kerjasama import services
from kerjasama.models import KerjaSama, Notifikasi, RiwayatAudit, Tenggat
from tests.factories import MitraFactory, PerjanjianLamaFactory

JKT = zoneinfo.ZoneInfo("Asia/Jakarta")
D = datetime.date

# A batch of due deadlines (up to services.PAKET_SAPUAN) costs its transaction (2), one read of its
# registry rows and one insert of all its audit rows, and at most two updates resolving the action notifications
# of the cases it moved (issue 14: an action notification is resolved when the step is done or impossible).
PER_PAKET = 6
# The sweep reaches a fixed point in one run (chained deadlines already due are taken in further passes):
# a sweep that acted takes one more pass to find nothing new, its two reads (warnings due, deadlines due).
# Once per sweep, not per deadline.
PUTARAN_PENUTUP = 2

# A term ending (masa_berlaku_perjanjian, Perwal 57/2023 Ps 26(1), 42(1), 78(1)), per deadline: the deadline
# locked (1), the case tried with skip_locked so the sweep never waits for a person's step (1), the case
# locked (1), its UPDATE (1), supervision stopping (Ps 85(2) and
# (4): its deadlines' UPDATE and one probe for planned activities/follow-ups: 2), the deadline's UPDATE (1).
# Was ≈ 20 before issue 8.
PER_MASA_BERLAKU = 7

# The first pemantauan (Ps 85(3)) and the first partner report (Ps 87(1)) of a cooperation falling due
# together: 15 queries for the two. Pemantauan locks its deadline and the case, puts an activity on the
# plan (lookup, insert), tells the team (one read per cooperation) and closes (6 + 1); the partner report
# locks its deadline and the case, checks for a report, closes, starts the next semester (2), tells the
# partner (one read per partner) and the team (8); each deadline also tries its case with skip_locked
# first (2).
PER_PENGAWASAN_KERJASAMA = 17
# Read once per sweep, whatever the number of deadlines: who holds the Sekretariat's and the Ketua's
# roles, the users of the PD, a content type (Django caches it after the first read); and (issue 12:
# recipients are readers, kerjasama.permissions.penerima_kasus) each of those users' roles and grants,
# once per user for the whole sweep (4).
SEKALI_PENGAWASAN = 8


def wib(*args):
    return datetime.datetime(*args, tzinfo=JKT)


def jumlah_query(fn) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as ctx:
        hasil = fn()
    return len(ctx.captured_queries), hasil


def lama(pengguna, pd, n, *, awal, akhir):
    # Each its own partner, as in a city: nothing per-partner may be read only once by luck.
    return [
        PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd, mitra=MitraFactory(), judul=f"Lama {i}",
                              tanggal_penandatanganan=awal, tanggal_mulai=awal, tanggal_berakhir=akhir)
        for i in range(n)
    ]


@pytest.mark.django_db
def test_sapuan_masa_berlaku_konstan_per_tenggat(pengguna, pd_dishub):
    now = wib(2026, 7, 1, 1)
    kosong, _ = jumlah_query(lambda: services.tenggat_sweep(now=now))
    for n in (2, 7):
        kasus = lama(pengguna, pd_dishub, n, awal=D(2026, 1, 1), akhir=D(2026, 6, 30))
        q, laporan = jumlah_query(lambda: services.tenggat_sweep(now=now))
        assert len([b for b in laporan if "masa_berlaku_perjanjian" in b]) == n
        assert q <= kosong + PER_PAKET + PUTARAN_PENUTUP + PER_MASA_BERLAKU * n, f"{q} queries for {n} due deadlines"
        # Still acted on, atomically and audited (who = system, from, to, why).
        for ks in kasus:
            ks = KerjaSama.objects.get(pk=ks.pk)
            assert ks.tahap == "selesai" and ks.tanggal_selesai == D(2026, 6, 30)
            audit = RiwayatAudit.objects.get(kerjasama=ks, aksi="berakhir_masa_berlaku")
            assert (audit.oleh, audit.dari_tahap, audit.ke_tahap) == (None, "pelaksanaan", "selesai")
            assert "Masa berlaku berakhir" in audit.komentar
            assert not Tenggat.objects.filter(kerjasama=ks, status="terbuka").exists()


@pytest.mark.django_db
def test_sapuan_pengawasan_konstan(pengguna, pd_dishub, django_capture_on_commit_callbacks):
    """Supervision steps falling due tell the Sekretariat, the Ketua and the team of each cooperation:
    who holds a role is read once per sweep, not once per deadline; the messages still go after the commit."""
    now = wib(2026, 7, 2, 1)  # the first pemantauan and partner report of a term signed 01-01-2026 are due
    kosong, _ = jumlah_query(lambda: services.tenggat_sweep(now=now))
    for n in (2, 7):
        lama(pengguna, pd_dishub, n, awal=D(2026, 1, 1), akhir=D(2030, 12, 31))
        due = Tenggat.objects.filter(status="terbuka", jatuh_tempo__lt=now).count()
        with django_capture_on_commit_callbacks() as callbacks:
            q, laporan = jumlah_query(lambda: services.tenggat_sweep(now=now))
        assert due == 2 * n
        assert len([b for b in laporan if b.startswith("lewat")]) == due
        assert q <= kosong + PER_PAKET + PUTARAN_PENUTUP + SEKALI_PENGAWASAN + PER_PENGAWASAN_KERJASAMA * n, f"{q} queries for {due} due deadlines"
        # Nothing is told before the commit: the messages wait for it (one per deadline; these partners
        # have no users, so a partner report tells only the Sekretariat, the PD and the team).
        assert not Notifikasi.objects.exists()
        assert len(callbacks) == 2 * n
        for callback in callbacks:
            callback()
        assert Notifikasi.objects.filter(penerima=pengguna["tkksd"]).count() == 2 * n
        assert Notifikasi.objects.filter(penerima=pengguna["ketua"]).count() == n
        assert Notifikasi.objects.filter(penerima=pengguna["pd_dishub"]).count() == n
        Notifikasi.objects.all().delete()
