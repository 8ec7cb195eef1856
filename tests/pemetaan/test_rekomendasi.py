"""The recommendation of a PD and its stage machine (Perwal 57/2023 Ps 10, 12–15): a test per edge."""

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from kerjasama.exceptions import KonflikTransisi, TransisiTidakTersedia
from kerjasama.models import RiwayatAudit
from pemetaan import selectors, services
from pemetaan.constants import TahapRekomendasi
from pemetaan.models import ItemUsulan, Rekomendasi
from pemetaan.permissions import rekomendasi_terlihat
from tests.pemetaan.factories import (
    ISI_REKOMENDASI,
    ItemUsulanFactory,
    RekomendasiFactory,
    SiklusFactory,
    TimPemetaanFactory,
    pdf_kecil,
)

pytestmark = pytest.mark.django_db

USULAN = {"urusan": "Perhubungan", "program": "Program LLAJ", "kegiatan": "Integrasi trayek", "jenis_usulan": "KSDD",
          "calon_mitra": "Pemerintah Kota Bogor", "jangka_waktu_bulan": 36, "ruang_lingkup": "Trayek lintas batas."}


@pytest.fixture
def siklus(db):
    return SiklusFactory()


@pytest.fixture
def rek_dishub(pengguna, pd_dishub, siklus):
    TimPemetaanFactory(perangkat_daerah=pd_dishub)
    return services.rekomendasi_simpan(by=pengguna["pd_dishub"], siklus=siklus, item=[USULAN], **ISI_REKOMENDASI)


def test_pd_menyusun_draf_dengan_usulan(rek_dishub, pengguna):
    assert rek_dishub.tahap == TahapRekomendasi.DRAFT
    assert rek_dishub.item.get().kegiatan == "Integrasi trayek"
    assert RiwayatAudit.objects.get(aksi="rekomendasi_dibuat").objek == rek_dishub


def test_can_ajukan_dengan_tim_sah_dan_semua_bagian(rek_dishub, pengguna):
    rek = services.rekomendasi_submit(rekomendasi=rek_dishub, by=pengguna["pd_dishub"])
    assert rek.tahap == TahapRekomendasi.DIAJUKAN
    assert rek.tim is not None and rek.diajukan_pada is not None


def test_cannot_ajukan_tanpa_tim_pemetaan(pengguna, pd_lain, siklus):
    """Ps 10: a PD without a valid team cannot submit."""
    rek = services.rekomendasi_simpan(by=pengguna["pd_disbudpar"], siklus=siklus, item=[USULAN], **ISI_REKOMENDASI)
    with pytest.raises(ValidationError, match="Tim Pemetaan"):
        services.rekomendasi_submit(rekomendasi=rek, by=pengguna["pd_disbudpar"])
    rek.refresh_from_db()
    assert rek.tahap == TahapRekomendasi.DRAFT
    assert not RiwayatAudit.objects.filter(aksi="ajukan").exists()


def test_cannot_ajukan_tim_dengan_satu_anggota(pengguna, pd_lain, siklus):
    from pemetaan.constants import PeranTim

    TimPemetaanFactory(perangkat_daerah=pd_lain, anggota=[
        {"peran": PeranTim.KETUA, "nama": "A", "jabatan": "Sekretaris"},
        {"peran": PeranTim.WAKIL_KETUA, "nama": "B", "jabatan": "Perencana"},
        {"peran": PeranTim.ANGGOTA, "nama": "C", "jabatan": "Pelaksana"},
    ])
    rek = services.rekomendasi_simpan(by=pengguna["pd_disbudpar"], siklus=siklus, item=[USULAN], **ISI_REKOMENDASI)
    with pytest.raises(ValidationError, match="Pasal 10 ayat"):
        services.rekomendasi_submit(rekomendasi=rek, by=pengguna["pd_disbudpar"])


def test_cannot_ajukan_bagian_kosong_atau_tanpa_usulan(pengguna, pd_dishub, siklus):
    TimPemetaanFactory(perangkat_daerah=pd_dishub)
    rek = services.rekomendasi_simpan(by=pengguna["pd_dishub"], siklus=siklus, item=[],
                                      **{**ISI_REKOMENDASI, "target_indikator": ""})
    with pytest.raises(ValidationError) as exc:
        services.rekomendasi_submit(rekomendasi=rek, by=pengguna["pd_dishub"])
    pesan = " ".join(exc.value.messages)
    assert "Pasal 12 huruf b" in pesan and "Pasal 13 ayat (1) huruf a" in pesan


def test_cannot_ajukan_oleh_pd_lain_atau_tkksd(rek_dishub, pengguna):
    for user in (pengguna["pd_disbudpar"], pengguna["tkksd"], pengguna["auditor"]):
        with pytest.raises(PermissionDenied):
            services.rekomendasi_transisi(rekomendasi=rek_dishub, nama="ajukan", by=user)


def test_cannot_kembalikan_tanpa_alasan(rek_dishub, pengguna):
    """Ps 14(2): the return says what is missing."""
    rek = services.rekomendasi_submit(rekomendasi=rek_dishub, by=pengguna["pd_dishub"])
    with pytest.raises(ValidationError) as exc:
        services.rekomendasi_transisi(rekomendasi=rek, nama="kembalikan", by=pengguna["tkksd"], data={})
    assert "komentar" in exc.value.message_dict
    rek.refresh_from_db()
    assert rek.tahap == TahapRekomendasi.DIAJUKAN


def test_can_kembalikan_lalu_pd_mengubah_dan_mengajukan_ulang(rek_dishub, pengguna):
    rek = services.rekomendasi_submit(rekomendasi=rek_dishub, by=pengguna["pd_dishub"])
    rek = services.rekomendasi_transisi(rekomendasi=rek, nama="kembalikan", by=pengguna["tkksd"],
                                        data={"komentar": "Target belum terukur."})
    assert rek.tahap == TahapRekomendasi.DIKEMBALIKAN and rek.catatan_pengembalian == "Target belum terukur."
    audit = RiwayatAudit.objects.get(aksi="kembalikan")
    assert (audit.dari_tahap, audit.ke_tahap, audit.komentar, audit.dasar_hukum) == (
        "diajukan", "dikembalikan", "Target belum terukur.", "Perwal 57/2023 Pasal 14 ayat (2)")
    rek = services.rekomendasi_simpan(by=pengguna["pd_dishub"], siklus=rek.siklus, rekomendasi=rek, item=[USULAN],
                                      **{**ISI_REKOMENDASI, "target_indikator": "Turun 15% pada 2028."})
    rek = services.rekomendasi_transisi(rekomendasi=rek, nama="ajukan_ulang", by=pengguna["pd_dishub"])
    assert rek.tahap == TahapRekomendasi.DIAJUKAN and rek.target_indikator == "Turun 15% pada 2028."


def test_cannot_terima_oleh_pd_atau_ketua(rek_dishub, pengguna):
    rek = services.rekomendasi_submit(rekomendasi=rek_dishub, by=pengguna["pd_dishub"])
    for user in (pengguna["pd_dishub"], pengguna["ketua"], pengguna["walikota"]):
        with pytest.raises(PermissionDenied):
            services.rekomendasi_transisi(rekomendasi=rek, nama="terima", by=user)


def test_can_terima_lengkap(rek_dishub, pengguna):
    rek = services.rekomendasi_submit(rekomendasi=rek_dishub, by=pengguna["pd_dishub"])
    rek = services.rekomendasi_transisi(rekomendasi=rek, nama="terima", by=pengguna["tkksd"])
    assert rek.tahap == TahapRekomendasi.LENGKAP


def test_cannot_terima_dari_draf(rek_dishub, pengguna):
    with pytest.raises(TransisiTidakTersedia):
        services.rekomendasi_transisi(rekomendasi=rek_dishub, nama="terima", by=pengguna["tkksd"])


def test_cannot_bahas_sendiri_hanya_melalui_pleno(pengguna, siklus):
    rek = RekomendasiFactory(siklus=siklus, lengkap=True)
    with pytest.raises(TransisiTidakTersedia):
        services.rekomendasi_transisi(rekomendasi=rek, nama="bahas", by=pengguna["ketua"])
    assert "bahas" not in [t.name for t in services.transisi_tersedia(rek, pengguna["ketua"])]


def test_cannot_ajukan_setelah_pleno_dimulai(pengguna, pd_dishub):
    siklus = SiklusFactory(pleno=True)
    TimPemetaanFactory(perangkat_daerah=pd_dishub)
    rek = RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_dishub)
    ItemUsulanFactory(rekomendasi=rek)
    with pytest.raises(TransisiTidakTersedia, match="pengumpulan data"):
        services.rekomendasi_submit(rekomendasi=rek, by=pengguna["pd_dishub"])
    with pytest.raises(TransisiTidakTersedia):
        services.rekomendasi_simpan(by=pengguna["pd_dishub"], siklus=siklus, rekomendasi=rek, item=[])


def test_cannot_ubah_setelah_diajukan(rek_dishub, pengguna):
    rek = services.rekomendasi_submit(rekomendasi=rek_dishub, by=pengguna["pd_dishub"])
    with pytest.raises(TransisiTidakTersedia, match="tidak dapat diubah"):
        services.rekomendasi_simpan(by=pengguna["pd_dishub"], siklus=rek.siklus, rekomendasi=rek, item=[])
    assert rek.item.count() == 1
    with pytest.raises(TransisiTidakTersedia):
        services.rekomendasi_dokumen_unggah(rekomendasi=rek, by=pengguna["pd_dishub"], berkas=pdf_kecil())


def test_cannot_ubah_rekomendasi_pd_lain(rek_dishub, pengguna):
    with pytest.raises(PermissionDenied):
        services.rekomendasi_simpan(by=pengguna["pd_disbudpar"], siklus=rek_dishub.siklus, rekomendasi=rek_dishub, item=[])
    with pytest.raises(PermissionDenied):
        services.rekomendasi_simpan(by=pengguna["tkksd"], siklus=rek_dishub.siklus, item=[])


def test_satu_rekomendasi_per_pd_per_siklus(rek_dishub, pengguna):
    lagi = services.rekomendasi_simpan(by=pengguna["pd_dishub"], siklus=rek_dishub.siklus, item=[USULAN, USULAN],
                                       **ISI_REKOMENDASI)
    assert lagi.pk == rek_dishub.pk and lagi.item.count() == 2
    assert Rekomendasi.objects.count() == 1


def test_usulan_tidak_lengkap_ditolak_dan_tidak_ada_yang_tersimpan(rek_dishub, pengguna):
    # 72 months used to be refused under "Ps 26(1)": the cap is the KB's, not a mapping item's (issue 15); a
    # term beyond the 99-year sanity bound still is.
    buruk = {**USULAN, "kegiatan": "", "jangka_waktu_bulan": 1200, "jenis_usulan": "KSDX"}
    with pytest.raises(ValidationError) as exc:
        services.rekomendasi_simpan(by=pengguna["pd_dishub"], siklus=rek_dishub.siklus, rekomendasi=rek_dishub,
                                    item=[USULAN, buruk], **{**ISI_REKOMENDASI, "ruang_lingkup": "berubah"})
    pesan = " ".join(exc.value.message_dict["item"])
    assert "Usulan 2" in pesan and "kegiatan" in pesan
    assert "tidak wajar" in pesan
    rek_dishub.refresh_from_db()
    assert rek_dishub.ruang_lingkup == ISI_REKOMENDASI["ruang_lingkup"]
    assert list(ItemUsulan.objects.values_list("kegiatan", flat=True)) == ["Integrasi trayek"]


def test_konflik_bila_tahap_berubah_sementara_itu(rek_dishub, pengguna):
    services.rekomendasi_submit(rekomendasi=rek_dishub, by=pengguna["pd_dishub"])
    basi = Rekomendasi.objects.get(pk=rek_dishub.pk)
    services.rekomendasi_transisi(rekomendasi=basi, nama="terima", by=pengguna["tkksd"])
    with pytest.raises(KonflikTransisi):
        services.rekomendasi_transisi(rekomendasi=basi, nama="kembalikan", by=pengguna["tkksd"],
                                      data={"komentar": "x"}, tahap_diharapkan="diajukan")


def test_pd_hanya_melihat_rekomendasinya_sendiri(pengguna, pd_dishub, pd_lain, siklus):
    milik_dishub = RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_dishub)
    milik_lain = RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_lain)
    assert list(rekomendasi_terlihat(pengguna["pd_dishub"])) == [milik_dishub]
    assert list(rekomendasi_terlihat(pengguna["pd_disbudpar"])) == [milik_lain]
    assert set(rekomendasi_terlihat(pengguna["tkksd"])) == {milik_dishub, milik_lain}
    assert set(rekomendasi_terlihat(pengguna["auditor"])) == {milik_dishub, milik_lain}
    for nama in ("dprd", "mitra_bogor", "pengawas"):
        assert not rekomendasi_terlihat(pengguna[nama]).exists()
    baris = selectors.rekomendasi_per_pd(siklus=siklus, user=pengguna["pd_dishub"])
    assert [b["rekomendasi"] for b in baris] == [milik_dishub]
