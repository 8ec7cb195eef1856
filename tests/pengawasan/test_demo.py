"""seed_demo (interfaces.md) gives supervision something to show, and is idempotent."""

from django.core.management import call_command
from django.utils import timezone

import pytest

from kerjasama.models import KerjaSama, Pengguna, Tenggat
from pengawasan import demo, selectors
from pengawasan.models import BarisMatrik, KegiatanPengawasan, LaporanMitra, TindakLanjut


def _hitung():
    return (KerjaSama.objects.count(), KegiatanPengawasan.objects.count(), BarisMatrik.objects.count(),
            TindakLanjut.objects.count(), Tenggat.objects.count(), LaporanMitra.objects.count())


@pytest.mark.django_db
def test_seed_demo_dua_kali(capsys):
    call_command("seed_demo", "--izinkan-produksi")
    sekali = _hitung()
    call_command("seed_demo", "--izinkan-produksi")
    assert _hitung() == sekali
    capsys.readouterr()

    now = timezone.now()
    terlambat = KerjaSama.objects.get(judul=demo.JUDUL_TERLAMBAT)
    siklus = selectors.siklus_berjalan(terlambat)
    assert siklus.aturan == "pemantauan" and siklus.jatuh_tempo < now  # overdue for monitoring

    evaluasi = KerjaSama.objects.get(judul=demo.JUDUL_EVALUASI)
    k = KegiatanPengawasan.objects.get(kerjasama=evaluasi, jenis="evaluasi")
    assert k.tahap == "diterima" and k.matrik.count() == 3
    assert set(TindakLanjut.objects.filter(kerjasama=evaluasi, status="terbuka").values_list("jenis", flat=True)) == {
        "menagih_kewajiban", "surat_teguran", "kewajiban_pemda"}
    assert selectors.siklus_berjalan(evaluasi).aturan == "pemantauan"

    mitra_bogor = Pengguna.objects.get(username="mitra_bogor")
    bogor = KerjaSama.objects.get(judul=demo.JUDUL_BOGOR)
    assert bogor.mitra_id == mitra_bogor.mitra_id
    assert selectors.laporan_mitra_terutang(bogor)  # mitra_bogor owes a report
    assert bogor in list(selectors.kerjasama_mitra_saya(user=mitra_bogor))

    # Every cooperation in pelaksanaan is supervised.
    for ks in KerjaSama.objects.filter(tahap="pelaksanaan"):
        assert selectors.siklus_berjalan(ks) is not None, ks
