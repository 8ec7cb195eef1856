"""The supervision cycle (Perwal 57/2023 Ps 85(3), 85(5)) as deadlines run by the sweep."""

import datetime

import pytest

from kerjasama import services as inti
from kerjasama.models import KerjaSama, Notifikasi, RiwayatAudit, Tenggat
from pengawasan import selectors, services
from pengawasan.models import KegiatanPengawasan, TimPengawasan
from tests.factories import PerjanjianLamaFactory
from tests.pengawasan.conftest import wib
from tests.pengawasan.factories import KegiatanPengawasanFactory

D = datetime.date


def _terbuka(ks, aturan):
    return Tenggat.objects.get(kerjasama=ks, aturan=aturan, status="terbuka")


@pytest.mark.django_db
def test_masuk_pelaksanaan_memulai_siklus_tim_dan_laporan(ks):
    # Signed Thu 15-01-2026 → pemantauan due Wed 15-07-2026 23:59:59 WIB (Ps 85(3)); the first
    # partner report is due the same day (Ps 87(1)).
    pemantauan = _terbuka(ks, "pemantauan")
    assert pemantauan.mulai == D(2026, 1, 15)
    assert pemantauan.jatuh_tempo == wib(2026, 7, 15, 23, 59, 59)
    assert pemantauan.dasar_hukum == "Perwal 57/2023 Pasal 85 ayat (3)"
    laporan = _terbuka(ks, "laporan_mitra")
    assert laporan.jatuh_tempo == wib(2026, 7, 15, 23, 59, 59)
    assert "semester ke-1" in laporan.judul
    assert not Tenggat.objects.filter(kerjasama=ks, aturan="evaluasi").exists()
    assert TimPengawasan.objects.filter(kerjasama=ks).exists()
    assert RiwayatAudit.objects.filter(kerjasama=ks, aksi="pengawasan_dimulai").count() == 1


@pytest.mark.django_db
def test_siklus_lengkap_tanggal_mengikuti_pelaksanaan_sebenarnya(ks, pengguna, jam):
    tkksd = pengguna["tkksd"]
    # The monitoring is carried out late, on Mon 20-07-2026.
    jam(2026, 7, 20)
    KegiatanPengawasanFactory(kerjasama=ks, by=tkksd, jenis="pemantauan", sifat="terjadwal", dilaksanakan=True,
                              tanggal_pelaksanaan=D(2026, 7, 20))
    assert Tenggat.objects.get(kerjasama=ks, aturan="pemantauan").status == "terpenuhi"
    # Ps 85(5): evaluasi 6 months after the monitoring actually carried out → Wed 20-01-2027.
    evaluasi = _terbuka(ks, "evaluasi")
    assert evaluasi.mulai == D(2026, 7, 20)
    assert evaluasi.jatuh_tempo == wib(2027, 1, 20, 23, 59, 59)
    assert selectors.siklus_berjalan(ks) == evaluasi

    jam(2027, 1, 18)
    KegiatanPengawasanFactory(kerjasama=ks, by=tkksd, jenis="evaluasi", sifat="terjadwal", dilaksanakan=True,
                              tanggal_pelaksanaan=D(2027, 1, 18))
    assert Tenggat.objects.get(pk=evaluasi.pk).status == "terpenuhi"
    # Ps 85(3): the next monitoring 6 months after the evaluation → Sun 18-07-2027.
    berikut = _terbuka(ks, "pemantauan")
    assert berikut.mulai == D(2027, 1, 18)
    assert berikut.jatuh_tempo == wib(2027, 7, 18, 23, 59, 59)


@pytest.mark.django_db
def test_akhir_bulan_31_agustus_ditambah_6_bulan_menjadi_28_februari(ks, pengguna, jam):
    jam(2026, 9, 1)
    KegiatanPengawasanFactory(kerjasama=ks, by=pengguna["tkksd"], jenis="pemantauan", sifat="terjadwal",
                              dilaksanakan=True, tanggal_pelaksanaan=D(2026, 8, 31))
    assert _terbuka(ks, "evaluasi").jatuh_tempo == wib(2027, 2, 28, 23, 59, 59)


@pytest.mark.django_db
def test_penandatanganan_31_agustus_tahun_kabisat(jam, pengguna, pd_dishub, mitra_bogor):
    jam(2027, 9, 1)
    ks = PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor,
                               tanggal_penandatanganan=D(2027, 8, 31), tanggal_mulai=D(2027, 8, 31),
                               tanggal_berakhir=D(2029, 8, 30))
    assert _terbuka(ks, "pemantauan").jatuh_tempo == wib(2028, 2, 29, 23, 59, 59)


@pytest.mark.django_db
def test_kegiatan_saat_diperlukan_tidak_menggeser_siklus(ks, pengguna, jam):
    jam(2026, 3, 2)
    k = KegiatanPengawasanFactory(kerjasama=ks, by=pengguna["tkksd"], jenis="pemantauan", sifat="saat_diperlukan",
                                  dilaksanakan=True, tanggal_pelaksanaan=D(2026, 3, 2))
    assert k.tahap == "dilaksanakan"
    assert _terbuka(ks, "pemantauan").jatuh_tempo == wib(2026, 7, 15, 23, 59, 59)
    assert not Tenggat.objects.filter(kerjasama=ks, aturan="evaluasi").exists()


@pytest.mark.django_db
def test_kegiatan_terjadwal_harus_menjawab_giliran_siklus(ks, pengguna):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        services.kegiatan_rencanakan(kerjasama=ks, by=pengguna["tkksd"], jenis="evaluasi", sifat="terjadwal")
    assert "sedang menunggu: pemantauan" in str(exc.value)
    k = services.kegiatan_rencanakan(kerjasama=ks, by=pengguna["tkksd"], jenis="pemantauan", sifat="terjadwal")
    assert k.tenggat == _terbuka(ks, "pemantauan") and k.jatuh_tempo == D(2026, 7, 15)
    with pytest.raises(ValidationError, match="sudah direncanakan"):
        services.kegiatan_rencanakan(kerjasama=ks, by=pengguna["tkksd"], jenis="pemantauan", sifat="terjadwal")
    with pytest.raises(ValidationError, match="mengapa"):
        services.kegiatan_rencanakan(kerjasama=ks, by=pengguna["tkksd"], jenis="evaluasi", sifat="saat_diperlukan")


@pytest.mark.django_db
def test_sapuan_menandai_pemantauan_terlambat_sekali_dan_menjadwalkan_kegiatan(
        ks, pengguna, anggota, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        laporan1 = inti.tenggat_sweep(now=wib(2026, 7, 16, 0, 0, 1))
        laporan2 = inti.tenggat_sweep(now=wib(2026, 7, 16, 1, 0))
    assert any("pemantauan" in baris for baris in laporan1)
    assert laporan2 == []
    t = Tenggat.objects.get(kerjasama=ks, aturan="pemantauan")
    assert t.status == "lewat"
    rencana = KegiatanPengawasan.objects.get(kerjasama=ks, tenggat=t)
    assert rencana.tahap == "direncanakan" and rencana.sifat == "terjadwal" and rencana.jatuh_tempo == D(2026, 7, 15)
    # Still owed: the overview and the page show it overdue until it is carried out.
    assert selectors.siklus_berjalan(ks) == t
    assert Notifikasi.objects.filter(penerima=anggota, judul__startswith="Pemantauan terlambat").count() == 1
    assert Notifikasi.objects.filter(penerima=pengguna["ketua"], judul__startswith="Pemantauan terlambat").count() == 1
    assert RiwayatAudit.objects.filter(kerjasama=ks, aksi="tenggat_lewat", data__aturan="pemantauan").count() == 1


@pytest.mark.django_db
def test_pemantauan_terlambat_dilaksanakan_memulai_evaluasi_dari_tanggal_sebenarnya(ks, pengguna, jam):
    inti.tenggat_sweep(now=wib(2026, 7, 16, 1))
    rencana = KegiatanPengawasan.objects.get(kerjasama=ks, sifat="terjadwal")
    jam(2026, 8, 3)
    services.kegiatan_laksanakan(kegiatan=rencana, by=pengguna["tkksd"], tanggal_pelaksanaan=D(2026, 8, 3),
                                 hasil="Dilaksanakan terlambat.", analisa_laporan_mitra=True)
    assert Tenggat.objects.get(kerjasama=ks, aturan="pemantauan").status == "lewat"  # it was late
    assert _terbuka(ks, "evaluasi").jatuh_tempo == wib(2027, 2, 3, 23, 59, 59)


@pytest.mark.django_db
def test_peringatan_sebelum_jatuh_tempo_ke_tim(ks, anggota, django_capture_on_commit_callbacks):
    # Reminders 30 and 7 days before and on the day (00:00 WIB): 15-06-2026 is 30 days before.
    with django_capture_on_commit_callbacks(execute=True):
        inti.tenggat_sweep(now=wib(2026, 6, 15, 0, 1))
    assert Notifikasi.objects.filter(penerima=anggota, judul__startswith="Tenggat 30 hari lagi").count() == 1


@pytest.mark.django_db
def test_transisi_ke_pelaksanaan_memanggil_handler(jam, pengguna, pd_dishub, mitra_bogor):
    """Any kind's case entering pelaksanaan runs the registered `saat_masuk` handler; here it is
    called directly, as the core's `_jalankan` does (kind apps are built concurrently)."""
    from kerjasama import alur
    from kerjasama.models import PerjanjianLama

    ks = inti.kerjasama_buat(model=PerjanjianLama, by=pengguna["tkksd"], tahap="pelaksanaan", judul="Kasus baru",
                             jenis="KSDPK", perangkat_daerah=pd_dishub, mitra=mitra_bogor,
                             tanggal_penandatanganan=D(2026, 1, 19))
    assert not Tenggat.objects.filter(kerjasama=ks, aturan="pemantauan").exists()
    assert services._saat_masuk_pelaksanaan in alur.efek_masuk("pelaksanaan")
    for efek in alur.efek_masuk("pelaksanaan"):
        efek(kasus=ks, by=pengguna["tkksd"])
    assert _terbuka(ks, "pemantauan").jatuh_tempo == wib(2026, 7, 19, 23, 59, 59)
    # Idempotent: entering again keeps the cycle it has.
    services.pengawasan_mulai(kerjasama=ks, by=None)
    assert Tenggat.objects.filter(kerjasama=ks, aturan="pemantauan").count() == 1
    assert Tenggat.objects.filter(kerjasama=ks, aturan="laporan_mitra").count() == 1


@pytest.mark.django_db
def test_keluar_dari_pelaksanaan_menghentikan_pengawasan(ks, pengguna, jam):
    rencana = services.kegiatan_rencanakan(kerjasama=ks, by=pengguna["tkksd"], jenis="pemantauan", sifat="terjadwal")
    jam(2026, 3, 10)
    inti.transisi_jalankan(kasus=ks, nama="akhiri", by=pengguna["tkksd"],
                           data={"tanggal_selesai": "2026-03-10", "komentar": "Diakhiri bersama."})
    assert KerjaSama.objects.get(pk=ks.pk).tahap == "selesai"
    assert not Tenggat.objects.filter(kerjasama=ks, aturan__in=["pemantauan", "laporan_mitra"], status="terbuka").exists()
    assert set(Tenggat.objects.filter(kerjasama=ks, aturan__in=["pemantauan", "laporan_mitra"])
               .values_list("status", flat=True)) == {"diselesaikan_sistem"}
    assert KegiatanPengawasan.objects.get(pk=rencana.pk).tahap == "dibatalkan"
    assert RiwayatAudit.objects.filter(kerjasama=ks, aksi="pengawasan_dihentikan").count() == 1
    # The sweep later finds nothing of supervision to do.
    assert not [b for b in inti.tenggat_sweep(now=wib(2026, 8, 1)) if "pemantauan" in b or "laporan_mitra" in b]


@pytest.mark.django_db
def test_sapuan_tidak_bertindak_bila_kasus_sudah_pindah(ks, pengguna):
    """A deadline left open on a case no longer in pelaksanaan (e.g. closed without the hook) is
    resolved by the system, without scheduling anything."""
    KerjaSama.objects.filter(pk=ks.pk).update(tahap="selesai")
    inti.tenggat_sweep(now=wib(2026, 7, 16, 1))
    assert Tenggat.objects.get(kerjasama=ks, aturan="pemantauan").status == "diselesaikan_sistem"
    assert not KegiatanPengawasan.objects.filter(kerjasama=ks).exists()
