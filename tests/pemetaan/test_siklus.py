"""The cycle's stage machine, the plenary list and attendance (Perwal 57/2023 Ps 11, 15–18, 20):
a test per edge."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

import pytest

from kerjasama.exceptions import KonflikTransisi, TransisiTidakTersedia
from kerjasama.models import Notifikasi, RiwayatAudit
from pemetaan import services
from pemetaan.constants import TahapRekomendasi, TahapSiklus
from pemetaan.models import ItemRencana, SiklusPemetaan
from tests.pemetaan.factories import (
    ItemRencanaFactory,
    ItemUsulanFactory,
    KehadiranFactory,
    RekomendasiFactory,
    SiklusFactory,
)

pytestmark = pytest.mark.django_db

HARI_INI = timezone.localdate


def _kemarin() -> str:
    return (HARI_INI() - datetime.timedelta(days=1)).isoformat()


# --- opening (Ps 11) ---------------------------------------------------------------------------


def test_can_buka_siklus_dan_setiap_pd_diberi_tahu(pengguna, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        siklus = services.siklus_buka(by=pengguna["tkksd"], tahun=2031,
                                      batas_pengumpulan=HARI_INI() + datetime.timedelta(days=20))
    assert siklus.tahap == TahapSiklus.PENGUMPULAN_DATA
    penerima = set(Notifikasi.objects.filter(judul__contains="Permintaan data").values_list("penerima__username", flat=True))
    assert penerima == {"pd_dishub", "pd_disbudpar"}


def test_cannot_buka_siklus_oleh_pd_atau_ketua(pengguna):
    for nama in ("pd_dishub", "ketua", "auditor"):
        with pytest.raises(PermissionDenied):
            services.siklus_buka(by=pengguna[nama], tahun=2031, batas_pengumpulan=HARI_INI() + datetime.timedelta(days=9))
    assert not SiklusPemetaan.objects.exists()


def test_cannot_buka_dua_siklus_setahun_atau_batas_lewat(pengguna):
    SiklusFactory(tahun=2031)
    with pytest.raises(ValidationError) as exc:
        services.siklus_buka(by=pengguna["tkksd"], tahun=2031, batas_pengumpulan=HARI_INI())
    assert set(exc.value.message_dict) == {"tahun", "batas_pengumpulan"}


# --- plenary (Ps 14–15) ------------------------------------------------------------------------


def test_cannot_mulai_pleno_selagi_ada_rekomendasi_belum_diperiksa(pengguna, pd_dishub, pd_lain):
    siklus = SiklusFactory()
    RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_dishub, lengkap=True)
    RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_lain, diajukan=True)
    with pytest.raises(ValidationError, match="Pasal 14 ayat \\(1\\)"):
        services.siklus_transisi(siklus=siklus, nama="mulai_pleno", by=pengguna["ketua"],
                                 data={"tanggal_pleno": _kemarin(), "tempat_pleno": "Aula"})
    siklus.refresh_from_db()
    assert siklus.tahap == TahapSiklus.PENGUMPULAN_DATA


def test_cannot_mulai_pleno_tanpa_rekomendasi_lengkap(pengguna, pd_dishub):
    siklus = SiklusFactory()
    RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_dishub, dikembalikan=True)
    with pytest.raises(ValidationError, match="Belum ada rekomendasi yang lengkap"):
        services.siklus_transisi(siklus=siklus, nama="mulai_pleno", by=pengguna["ketua"],
                                 data={"tanggal_pleno": _kemarin(), "tempat_pleno": "Aula"})


def test_cannot_mulai_pleno_oleh_sekretariat(pengguna, pd_dishub):
    siklus = SiklusFactory()
    RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_dishub, lengkap=True)
    with pytest.raises(PermissionDenied):
        services.siklus_transisi(siklus=siklus, nama="mulai_pleno", by=pengguna["tkksd"],
                                 data={"tanggal_pleno": _kemarin(), "tempat_pleno": "Aula"})


def test_cannot_mulai_pleno_tanggal_di_masa_depan(pengguna, pd_dishub):
    siklus = SiklusFactory()
    RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_dishub, lengkap=True)
    with pytest.raises(ValidationError) as exc:
        services.siklus_transisi(siklus=siklus, nama="mulai_pleno", by=pengguna["ketua"],
                                 data={"tanggal_pleno": (HARI_INI() + datetime.timedelta(days=2)).isoformat(),
                                       "tempat_pleno": "Aula"})
    assert "tanggal_pleno" in exc.value.message_dict


def test_can_mulai_pleno_hanya_yang_lengkap_dibahas(pengguna, pd_dishub, pd_lain):
    siklus = SiklusFactory()
    lengkap = RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_dishub, lengkap=True)
    draf = RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_lain)
    services.siklus_transisi(siklus=siklus, nama="mulai_pleno", by=pengguna["ketua"],
                             data={"tanggal_pleno": _kemarin(), "tempat_pleno": "Aula"})
    lengkap.refresh_from_db()
    draf.refresh_from_db()
    assert (lengkap.tahap, draf.tahap) == (TahapRekomendasi.DIBAHAS, TahapRekomendasi.DRAFT)
    audit = RiwayatAudit.objects.get(aksi="bahas")
    assert audit.objek == lengkap and audit.oleh == pengguna["ketua"] and audit.dasar_hukum == "Perwal 57/2023 Pasal 15 huruf a"


# --- the list (Ps 15–16) -----------------------------------------------------------------------


@pytest.fixture
def pleno(pd_dishub, pd_lain):
    siklus = SiklusFactory(pleno=True)
    a = ItemUsulanFactory(rekomendasi=RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_dishub, dibahas=True),
                          kegiatan="A", jenis_usulan="KSDD")
    b = ItemUsulanFactory(rekomendasi=RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_lain, dibahas=True),
                          kegiatan="B", jenis_usulan="KSDPL")
    return siklus, a, b


def test_can_pilih_dan_beri_peringkat_berurutan(pengguna, pleno):
    siklus, a, b = pleno
    services.daftar_rencana_atur(siklus=siklus, by=pengguna["ketua"],
                                 pilihan=[{"item_usulan": a.pk, "peringkat": 7}, {"item_usulan": b.pk, "peringkat": 3}])
    assert list(siklus.daftar_rencana.values_list("peringkat", "kegiatan", "jenis_usulan", "perangkat_daerah__kode")) == [
        (1, "B", "KSDPL", "DISBUDPAR"), (2, "A", "KSDD", "DISHUB")]
    # A new list replaces the earlier one.
    services.daftar_rencana_atur(siklus=siklus, by=pengguna["tkksd"], pilihan=[{"item_usulan": a.pk, "peringkat": 1}])
    assert list(siklus.daftar_rencana.values_list("kegiatan", flat=True)) == ["A"]


def test_cannot_peringkat_ganda_atau_usulan_ganda(pengguna, pleno):
    siklus, a, b = pleno
    with pytest.raises(ValidationError, match="peringkat yang berbeda"):
        services.daftar_rencana_atur(siklus=siklus, by=pengguna["tkksd"],
                                     pilihan=[{"item_usulan": a.pk, "peringkat": 1}, {"item_usulan": b.pk, "peringkat": 1}])
    with pytest.raises(ValidationError, match="sekali"):
        services.daftar_rencana_atur(siklus=siklus, by=pengguna["tkksd"],
                                     pilihan=[{"item_usulan": a.pk, "peringkat": 1}, {"item_usulan": a.pk, "peringkat": 2}])
    with pytest.raises(ValidationError, match="bilangan bulat"):
        services.daftar_rencana_atur(siklus=siklus, by=pengguna["tkksd"], pilihan=[{"item_usulan": a.pk, "peringkat": "x"}])
    assert not ItemRencana.objects.exists()


def test_cannot_pilih_usulan_yang_tidak_dibahas(pengguna, pleno, pd_dishub):
    siklus, a, _b = pleno
    lain = ItemUsulanFactory(rekomendasi=RekomendasiFactory(perangkat_daerah=pd_dishub, dibahas=True))  # another cycle
    with pytest.raises(ValidationError, match=f"#{lain.pk}"):
        services.daftar_rencana_atur(siklus=siklus, by=pengguna["tkksd"], pilihan=[{"item_usulan": lain.pk, "peringkat": 1}])


def test_cannot_susun_daftar_oleh_pd_atau_di_luar_pleno(pengguna, pleno):
    siklus, a, _b = pleno
    with pytest.raises(PermissionDenied):
        services.daftar_rencana_atur(siklus=siklus, by=pengguna["pd_dishub"], pilihan=[{"item_usulan": a.pk, "peringkat": 1}])
    berita = SiklusFactory(berita_acara=True)
    with pytest.raises(TransisiTidakTersedia, match="selama tahap rapat pleno"):
        services.daftar_rencana_atur(siklus=berita, by=pengguna["tkksd"], pilihan=[])
    with pytest.raises(TransisiTidakTersedia):
        services.kehadiran_atur(siklus=berita, by=pengguna["tkksd"], daftar=[])


def test_kehadiran_wajib_nama_dan_jabatan(pengguna, pleno):
    siklus, *_ = pleno
    with pytest.raises(ValidationError, match="Baris 2"):
        services.kehadiran_atur(siklus=siklus, by=pengguna["tkksd"],
                                daftar=[{"nama": "A", "jabatan": "Ketua"}, {"nama": "B", "jabatan": ""}])
    assert not siklus.kehadiran.exists()


def test_cannot_catat_berita_acara_tanpa_daftar_dan_kehadiran(pengguna, pleno):
    siklus, *_ = pleno
    with pytest.raises(ValidationError) as exc:
        services.siklus_transisi(siklus=siklus, nama="catat_berita_acara", by=pengguna["tkksd"],
                                 data={"nomor_berita_acara": "BA/1", "tanggal_berita_acara": HARI_INI().isoformat()})
    pesan = " ".join(exc.value.messages)
    assert "Daftar Rencana Program dan Kegiatan masih kosong" in pesan and "Daftar hadir" in pesan


def test_cannot_catat_berita_acara_oleh_ketua(pengguna, pleno):
    siklus, a, _b = pleno
    ItemRencanaFactory(item_usulan=a)
    KehadiranFactory(siklus=siklus)
    with pytest.raises(PermissionDenied):
        services.siklus_transisi(siklus=siklus, nama="catat_berita_acara", by=pengguna["ketua"],
                                 data={"nomor_berita_acara": "BA/1", "tanggal_berita_acara": HARI_INI().isoformat()})


# --- submission and Keputusan (Ps 17–18) -------------------------------------------------------


def test_cannot_ajukan_ke_wali_kota_oleh_sekretariat(pengguna):
    siklus = SiklusFactory(berita_acara=True)
    with pytest.raises(PermissionDenied):
        services.siklus_transisi(siklus=siklus, nama="ajukan_ke_wali_kota", by=pengguna["tkksd"])


def test_cannot_tetapkan_oleh_selain_wali_kota(pengguna):
    siklus = SiklusFactory(diajukan_ke_wali_kota=True)
    for nama in ("ketua", "tkksd", "auditor", "pd_dishub"):
        with pytest.raises(PermissionDenied):
            services.siklus_transisi(siklus=siklus, nama="tetapkan", by=pengguna[nama],
                                     data={"nomor_keputusan": "K/1", "tanggal_keputusan": HARI_INI().isoformat()})


def test_cannot_tetapkan_tanpa_nomor_atau_sebelum_berita_acara(pengguna):
    siklus = SiklusFactory(diajukan_ke_wali_kota=True)
    with pytest.raises(ValidationError) as exc:
        services.siklus_transisi(siklus=siklus, nama="tetapkan", by=pengguna["walikota"],
                                 data={"tanggal_keputusan": HARI_INI().isoformat()})
    assert "nomor_keputusan" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.siklus_transisi(siklus=siklus, nama="tetapkan", by=pengguna["walikota"],
                                 data={"nomor_keputusan": "K/1",
                                       "tanggal_keputusan": (siklus.tanggal_berita_acara - datetime.timedelta(days=1)).isoformat()})
    assert "tanggal_keputusan" in exc.value.message_dict


def test_cannot_tetapkan_dua_kali(pengguna):
    siklus = SiklusFactory(ditetapkan=True)
    with pytest.raises(TransisiTidakTersedia):
        services.siklus_transisi(siklus=siklus, nama="tetapkan", by=pengguna["walikota"],
                                 data={"nomor_keputusan": "K/2", "tanggal_keputusan": HARI_INI().isoformat()})


def test_konflik_siklus_bila_tahap_berubah(pengguna):
    siklus = SiklusFactory(diajukan_ke_wali_kota=True)
    basi = SiklusPemetaan.objects.get(pk=siklus.pk)
    services.siklus_transisi(siklus=siklus, nama="tetapkan", by=pengguna["walikota"],
                             data={"nomor_keputusan": "K/1", "tanggal_keputusan": HARI_INI().isoformat()})
    with pytest.raises(KonflikTransisi):
        services.siklus_transisi(siklus=basi, nama="tetapkan", by=pengguna["walikota"],
                                 data={"nomor_keputusan": "K/9", "tanggal_keputusan": HARI_INI().isoformat()},
                                 tahap_diharapkan=TahapSiklus.DIAJUKAN_KE_WALI_KOTA)
    siklus.refresh_from_db()
    assert siklus.nomor_keputusan == "K/1"


def test_tahap_tidak_dapat_diubah_langsung():
    siklus = SiklusFactory()
    with pytest.raises(AttributeError):
        siklus.tahap = TahapSiklus.DITETAPKAN


# --- evaluation (Ps 20) ------------------------------------------------------------------------


def test_cannot_evaluasi_sebelum_ditetapkan_atau_oleh_pd(pengguna):
    with pytest.raises(TransisiTidakTersedia):
        services.siklus_transisi(siklus=SiklusFactory(diajukan_ke_wali_kota=True), nama="evaluasi",
                                 by=pengguna["tkksd"], data={"tanggal_evaluasi": _kemarin(), "hasil": "x"})
    with pytest.raises(PermissionDenied):
        services.siklus_transisi(siklus=SiklusFactory(ditetapkan=True), nama="evaluasi", by=pengguna["pd_dishub"],
                                 data={"tanggal_evaluasi": _kemarin(), "hasil": "x"})


def test_cannot_evaluasi_sebelum_tanggal_keputusan(pengguna):
    siklus = SiklusFactory(ditetapkan=True)
    with pytest.raises(ValidationError) as exc:
        services.siklus_transisi(siklus=siklus, nama="evaluasi", by=pengguna["tkksd"],
                                 data={"tanggal_evaluasi": (siklus.tanggal_keputusan - datetime.timedelta(days=1)).isoformat(),
                                       "hasil": "x"})
    assert "tanggal_evaluasi" in exc.value.message_dict
    assert not siklus.daftar_evaluasi.exists()


def test_transisi_tersedia_sesuai_peran(pengguna):
    siklus = SiklusFactory(diajukan_ke_wali_kota=True)
    assert [t.name for t in services.transisi_tersedia(siklus, pengguna["walikota"])] == ["tetapkan"]
    assert services.transisi_tersedia(siklus, pengguna["ketua"]) == []
    assert services.transisi_tersedia(siklus, pengguna["auditor"]) == []
