"""seed_demo (interfaces.md) gives supervision something to show, and is idempotent.

Perwal 57/2023 Pasal 85 ayat (4): the demo's cooperations in pelaksanaan record their obligations, and its
evaluations show each part of the analysis (huruf a–c) with real content."""

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

    # Every cooperation in pelaksanaan is supervised, and records its partner's obligations (Ps 85(4) huruf a).
    for ks in KerjaSama.objects.filter(tahap="pelaksanaan"):
        assert selectors.siklus_berjalan(ks) is not None, ks
        assert selectors.kewajiban_mitra(ks).exists(), ks


@pytest.mark.django_db
def test_ps85_ayat4_evaluasi_demo_menampilkan_analisa_huruf_a_sampai_c(capsys):
    """Pasal 85 ayat (4): the accepted evaluation has huruf a (every partner obligation assessed), b and c,
    each with evidence; the one in progress lacks huruf c and cannot be submitted."""
    from django.core.exceptions import ValidationError

    from pengawasan import services

    call_command("seed_demo", "--izinkan-produksi")
    capsys.readouterr()
    evaluasi = KegiatanPengawasan.objects.get(kerjasama__judul=demo.JUDUL_EVALUASI, jenis="evaluasi")
    status = selectors.bagian_evaluasi_status(evaluasi)
    assert [s.huruf for s in status] == ["a", "b", "c"] and all(s.lengkap for s in status)
    assert all(s.bagian.dokumen_id for s in status)
    assert {p.kewajiban.pihak for p in evaluasi.penilaian.all()} == {"mitra", "daerah"}
    assert not any(s.bagian.tanpa_kewajiban for s in status)

    berjalan = KegiatanPengawasan.objects.get(kerjasama__judul=demo.JUDUL_BOGOR, jenis="evaluasi")
    assert berjalan.tahap == "dilaksanakan"
    assert [s.huruf for s in selectors.bagian_evaluasi_status(berjalan) if not s.lengkap] == ["c"]
    assert berjalan.penilaian.filter(pihak="mitra").count() == selectors.kewajiban_mitra(berjalan.kerjasama).count() == 3
    with pytest.raises(ValidationError) as exc:
        services.kegiatan_ajukan_laporan(kegiatan=berjalan, by=Pengguna.objects.get(username="tkksd"),
                                         ringkasan_laporan="R")
    assert exc.value.message_dict["bagian_evaluasi"] == [
        "Analisa evaluasi huruf c (Wawancara dan dokumentasi): belum diisi (temuan dan bukti wajib) "
        "(Perwal 57/2023 Pasal 85 ayat (4) huruf c)."]
