"""Deadlines of the mapping: the data-collection due date (Ps 11(1)) and the yearly evaluation
(Ps 20(2), `evaluasi_pemetaan`), swept by the core's `tenggat_sweep`."""

import datetime
import zoneinfo

import pytest
import time_machine

from kerjasama.constants import StatusTenggat
from kerjasama.models import Notifikasi, Tenggat
from kerjasama.services import tenggat_sweep
from pemetaan import services
from pemetaan.constants import ATURAN_EVALUASI, ATURAN_PENGUMPULAN_DATA, TahapSiklus
from tests.pemetaan.factories import ISI_REKOMENDASI, RekomendasiFactory, SiklusFactory, TimPemetaanFactory

pytestmark = pytest.mark.django_db
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


def _saat(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=WIB)


@pytest.fixture
def siklus_dibuka(pengguna, pd_dishub, pd_lain, django_capture_on_commit_callbacks):
    # Monday 2 March 2026; the TKKSD sets Tuesday 31 March as the due date.
    with time_machine.travel(_saat(2026, 3, 2, 9, 0), tick=False), django_capture_on_commit_callbacks(execute=True):
        siklus = services.siklus_buka(by=pengguna["tkksd"], tahun=2026, batas_pengumpulan=datetime.date(2026, 3, 31))
    TimPemetaanFactory(perangkat_daerah=pd_dishub)
    Notifikasi.objects.all().delete()
    return siklus


def test_batas_pengumpulan_berakhir_23_59_59_hari_terakhir(siklus_dibuka):
    t = Tenggat.objects.get(aturan=ATURAN_PENGUMPULAN_DATA)
    assert t.jatuh_tempo == _saat(2026, 3, 31, 23, 59, 59)  # Tuesday
    assert t.dasar_hukum == "Perwal 57/2023 Pasal 11 ayat (1), Pasal 13 ayat (2)"


def test_peringatan_hanya_ke_pd_yang_belum_menyampaikan(siklus_dibuka, pengguna, django_capture_on_commit_callbacks):
    with time_machine.travel(_saat(2026, 3, 10), tick=False):
        rek = services.rekomendasi_simpan(by=pengguna["pd_dishub"], siklus=siklus_dibuka, item=[{
            "urusan": "Perhubungan", "program": "P", "kegiatan": "K", "jenis_usulan": "KSDD", "jangka_waktu_bulan": 12,
            "ruang_lingkup": "R"}], **ISI_REKOMENDASI)
        services.rekomendasi_submit(rekomendasi=rek, by=pengguna["pd_dishub"])
    Notifikasi.objects.all().delete()
    # Tuesday 24 March 00:00: seven days before the due day.
    with django_capture_on_commit_callbacks(execute=True):
        laporan = tenggat_sweep(now=_saat(2026, 3, 24, 0, 1))
    assert any(baris.startswith("peringatan: pengumpulan_data_pemetaan") for baris in laporan)
    penerima = set(Notifikasi.objects.values_list("penerima__username", flat=True))
    assert penerima == {"pd_disbudpar"}
    assert "7 hari lagi" in Notifikasi.objects.get().judul


def test_jatuh_tempo_tanpa_pleno_ditandai_lewat_dan_pd_diberi_tahu(siklus_dibuka, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tenggat_sweep(now=_saat(2026, 4, 1, 0, 0, 1))  # Wednesday, just after the due moment
    t = Tenggat.objects.get(aturan=ATURAN_PENGUMPULAN_DATA)
    assert t.status == StatusTenggat.LEWAT and "2 Perangkat Daerah" in t.catatan
    penerima = set(Notifikasi.objects.values_list("penerima__username", flat=True))
    assert penerima == {"pd_dishub", "pd_disbudpar", "tkksd"}
    # Idempotent: a second sweep does nothing more.
    jumlah = Notifikasi.objects.count()
    assert tenggat_sweep(now=_saat(2026, 4, 2)) == []
    assert Notifikasi.objects.count() == jumlah


def test_jatuh_tempo_setelah_pleno_tidak_berbuat_apa_apa(pengguna, pd_dishub):
    siklus = SiklusFactory(pleno=True)
    services.tenggat_mulai(aturan=ATURAN_PENGUMPULAN_DATA, mulai=datetime.date(2026, 3, 2), objek=siklus,
                           jatuh_tempo=_saat(2026, 3, 31, 23, 59, 59))
    tenggat_sweep(now=_saat(2026, 4, 1, 1, 0))
    t = Tenggat.objects.get(aturan=ATURAN_PENGUMPULAN_DATA)
    assert t.status == StatusTenggat.DISELESAIKAN_SISTEM and t.catatan == "Rapat pleno sudah dimulai."


def test_pleno_menutup_tenggat_pengumpulan(siklus_dibuka, pengguna, pd_dishub):
    RekomendasiFactory(siklus=siklus_dibuka, perangkat_daerah=pd_dishub, lengkap=True)
    with time_machine.travel(_saat(2026, 3, 20, 10, 0), tick=False):
        services.siklus_transisi(siklus=siklus_dibuka, nama="mulai_pleno", by=pengguna["ketua"],
                                 data={"tanggal_pleno": "2026-03-20", "tempat_pleno": "Aula"})
    t = Tenggat.objects.get(aturan=ATURAN_PENGUMPULAN_DATA)
    assert t.status == StatusTenggat.TERPENUHI


def test_evaluasi_pemetaan_satu_tahun_setelah_keputusan_lalu_lewat(pengguna, django_capture_on_commit_callbacks):
    siklus = SiklusFactory(diajukan_ke_wali_kota=True, tanggal_berita_acara=datetime.date(2026, 4, 1))
    with time_machine.travel(_saat(2026, 4, 15, 10, 0), tick=False):  # Wednesday
        services.siklus_transisi(siklus=siklus, nama="tetapkan", by=pengguna["walikota"],
                                 data={"nomor_keputusan": "K/7", "tanggal_keputusan": "2026-04-14"})
    t = Tenggat.objects.get(aturan=ATURAN_EVALUASI)
    assert (t.mulai, t.jatuh_tempo) == (datetime.date(2026, 4, 14), _saat(2027, 4, 14, 23, 59, 59))  # Wednesday
    assert t.dasar_hukum == "Perwal 57/2023 Pasal 20 ayat (2)"
    tenggat_sweep(now=_saat(2027, 4, 14, 23, 0))
    t.refresh_from_db()
    assert t.status == StatusTenggat.TERBUKA
    with django_capture_on_commit_callbacks(execute=True):
        tenggat_sweep(now=_saat(2027, 4, 15, 0, 0, 1))
    t.refresh_from_db()
    assert t.status == StatusTenggat.LEWAT
    assert Notifikasi.objects.filter(judul__contains="Evaluasi pemetaan 2").filter(penerima__username="tkksd").exists()


def test_evaluasi_memenuhi_tenggat(pengguna):
    siklus = SiklusFactory(ditetapkan=True)
    services.tenggat_mulai(aturan=ATURAN_EVALUASI, mulai=siklus.tanggal_keputusan, objek=siklus)
    services.siklus_transisi(siklus=siklus, nama="evaluasi", by=pengguna["tkksd"],
                             data={"tanggal_evaluasi": siklus.tanggal_keputusan.isoformat(), "hasil": "Baik."})
    assert list(Tenggat.objects.filter(aturan=ATURAN_EVALUASI).order_by("pk").values_list("status", flat=True)) == [
        StatusTenggat.TERPENUHI, StatusTenggat.TERBUKA]
    siklus.refresh_from_db()
    assert siklus.tahap == TahapSiklus.DIEVALUASI
