"""Perwal 57/2023 Ps 66(3), 68(3): the direct route to the Menteri opens from the sweep's recorded lapse,
so that a catch-up sweep (process_deadlines --now) and the screen agree: the sweep's notification says
"kini tersedia" and the step is offered."""

import datetime

import pytest
import time_machine

from kerjasama import services as inti
from kerjasama.models import Notifikasi
from tests.ksdln.conftest import wib
from tests.ksdln.factories import jalan, muat

pytestmark = pytest.mark.django_db


def test_jalur_langsung_terbuka_dari_lewat_yang_dicatat_sapuan(buat, pengguna, django_capture_on_commit_callbacks):
    tkksd, wk = pengguna["tkksd"], pengguna["walikota"]
    with time_machine.travel(wib(2026, 3, 11, 9), tick=False):  # Wed; day 5 = Mon 16-03-2026
        kasus = buat(verifikasi=True)
        jalan(kasus, "kirim_verifikasi_gubernur", tkksd, tanggal_dikirim_gubernur="2026-03-11")
        assert "kirim_langsung_menteri_verifikasi" not in {t.name for t in inti.transisi_tersedia(muat(kasus), wk)}
        with django_capture_on_commit_callbacks(execute=True):
            inti.tenggat_sweep(now=wib(2026, 3, 17, 0, 0, 1))  # a sweep run ahead of the wall clock
        assert Notifikasi.objects.filter(judul__startswith="Kirim langsung ke Menteri kini tersedia").exists()
        kasus = muat(kasus)
        assert kasus.gubernur_lewat_dicatat_pada == wib(2026, 3, 16, 23, 59, 59)
        assert "kirim_langsung_menteri_verifikasi" in {t.name for t in inti.transisi_tersedia(kasus, wk)}
    # the Gubernur's forwarding recorded later closes it again
    with time_machine.travel(wib(2026, 3, 18, 9), tick=False):
        jalan(kasus, "catat_penerusan_gubernur_verifikasi", tkksd, tanggal_diteruskan_gubernur="2026-03-17")
    assert muat(kasus).tahap == "menunggu_pertimbangan_menteri"
    assert datetime.date(2026, 3, 17) == muat(kasus).tanggal_diteruskan_gubernur
