"""Refusal tests for contents the regulation lists part by part (Perwal 57/2023 Ps 60(3), 62(2), 63(3),
68(4)) and for Ps 69 (both discussions) and Ps 70 (the Menteri's approval before signing): a missing
part is refused by name, and nothing changes (no stage, no audit row)."""

import datetime

from django.core.exceptions import ValidationError

import pytest

from kerjasama import services as inti
from kerjasama.exceptions import TransisiTidakTersedia
from kerjasama.models import RiwayatAudit
from kerjasama.validators import hari_ini
from ksdln import services
from ksdln.constants import BAGIAN_KAJIAN, BAGIAN_LOI, BAGIAN_NASKAH, BAGIAN_RENCANA
from tests.factories import naskah_bertanda_tangan
from tests.ksdln.factories import bagian, jalan, muat, unggah

pytestmark = pytest.mark.django_db


def _tolak(kasus, nama, user, tahap, field, **data):
    with pytest.raises(ValidationError) as exc:
        jalan(kasus, nama, user, **data)
    assert field in exc.value.message_dict, exc.value.message_dict
    assert muat(kasus).tahap == tahap
    assert not RiwayatAudit.objects.filter(kerjasama_id=kasus.pk, aksi=nama).exists()
    return exc.value.message_dict


@pytest.mark.parametrize(("kode", "_label"), BAGIAN_KAJIAN)
def test_ps60_ayat3_kajian_tanpa_salah_satu_bagian_ditolak(buat, pengguna, kode, _label):
    """Ps 60(3): the kajian has its six parts; each one missing is refused."""
    assert len(BAGIAN_KAJIAN) == 6
    kasus = buat(penjajakan=True)
    pd = pengguna["pd_dishub"]
    services.penjajakan_catat(kasus=kasus, by=pengguna["tkksd"], cara="komunikasi", tanggal=hari_ini(),
                              catatan="Rapat daring dengan calon mitra.")
    isi = {**bagian(BAGIAN_KAJIAN), kode: ""}
    _tolak(kasus, "lampirkan_kajian", pd, "penjajakan", kode, dokumen_kajian=unggah(kasus, pd, "kajian").pk, **isi)


@pytest.mark.parametrize(("kode", "_label"), BAGIAN_LOI)
def test_ps62_ayat2_loi_tanpa_salah_satu_muatan_ditolak(buat, pengguna, kode, _label):
    """Ps 62(2): the LoI states what the article lists; each part missing is refused."""
    kasus = buat(tanggapan_diterima=True)
    hari = hari_ini()
    isi = {**bagian(BAGIAN_LOI), kode: ""}
    _tolak(kasus, "tandatangani_loi", pengguna["walikota"], "tanggapan_diterima", kode, tempat_penandatanganan="Bekasi",
           tanggal_penandatanganan=hari.isoformat(), berlaku_sampai=(hari + datetime.timedelta(days=300)).isoformat(),
           dokumen_loi=naskah_bertanda_tangan(kasus, "loi").pk, **isi)


@pytest.mark.parametrize(("kode", "_label"), BAGIAN_RENCANA)
def test_ps63_ayat3_rencana_tanpa_salah_satu_bagian_ditolak(buat, pengguna, kode, _label):
    """Ps 63(3): the Rencana Kerja Sama has seven parts; each one missing is refused."""
    assert len(BAGIAN_RENCANA) == 7
    kasus = buat(loi_ditandatangani=True)
    pd = pengguna["pd_dishub"]
    isi = {**bagian(BAGIAN_RENCANA), kode: ""}
    _tolak(kasus, "susun_rencana", pd, "loi_ditandatangani", kode,
           dokumen_rencana=unggah(kasus, pd, "rencana_kerja_sama").pk, **isi)


@pytest.mark.parametrize(("kode", "_label"), BAGIAN_NASKAH)
def test_ps68_ayat4_naskah_tanpa_salah_satu_muatan_ditolak(buat, pengguna, kode, _label):
    """Ps 68(4): the draft Naskah has its eleven parts; each one missing is refused."""
    assert len(BAGIAN_NASKAH) == 11
    kasus = buat(penyusunan_naskah=True)
    tkksd = pengguna["tkksd"]
    isi = {**bagian(BAGIAN_NASKAH), kode: ""}
    _tolak(kasus, "kirim_naskah_gubernur", tkksd, "penyusunan_naskah", kode,
           dokumen_naskah=unggah(kasus, tkksd, "naskah").pk, tanggal_dikirim_gubernur=hari_ini().isoformat(), **isi)


@pytest.mark.parametrize("jenis", ["antar_kementerian", "dengan_mitra"])
def test_ps69_pembahasan_naskah_hanya_satu_jenis_ditolak(buat, pengguna, jenis):
    """Ps 69(1): the inter-ministerial meeting and the discussion with the partner: both are needed."""
    kasus = buat(penyusunan_naskah=True, tahap="pembahasan_naskah")
    hari = hari_ini().isoformat()
    pesan = _tolak(kasus, "catat_pembahasan", pengguna["tkksd"], "pembahasan_naskah", "pembahasan", pembahasan=[
        {"jenis": jenis, "tanggal": hari, "tempat": "Jakarta", "hasil": "Disepakati."},
        {"jenis": jenis, "tanggal": hari, "tempat": "Daring", "hasil": "Disepakati lagi."}])
    assert "Pasal 69 ayat (1)" in pesan["pembahasan"][0]


def test_ps70_penandatanganan_tidak_sebelum_persetujuan_menteri(buat, pengguna):
    """Ps 70(1): the Naskah is signed after the Menteri's written approval: no signing step before it is
    recorded, a planned signing date before the approval is refused, and so is a signing dated before it."""
    tkksd, wk = pengguna["tkksd"], pengguna["walikota"]
    kasus = buat(penyusunan_naskah=True, tahap="menunggu_persetujuan_menteri")
    with pytest.raises(TransisiTidakTersedia):
        jalan(kasus, "tandatangani_naskah", wk)
    hari = hari_ini()
    kemarin = (hari - datetime.timedelta(days=1)).isoformat()
    surat, naskah = unggah(kasus, tkksd, "surat_menteri"), unggah(kasus, tkksd, "naskah")
    _tolak(kasus, "catat_persetujuan_menteri", tkksd, "menunggu_persetujuan_menteri", "rencana_tanggal_penandatanganan",
           tanggal_persetujuan=hari.isoformat(), dokumen_surat_menteri=surat.pk, dokumen_naskah=naskah.pk,
           rencana_tempat_penandatanganan="Bekasi", rencana_tanggal_penandatanganan=kemarin,
           tanggal_pemberitahuan_menteri=hari.isoformat())
    jalan(kasus, "catat_persetujuan_menteri", tkksd, tanggal_persetujuan=hari.isoformat(), dokumen_surat_menteri=surat.pk,
          dokumen_naskah=naskah.pk, rencana_tempat_penandatanganan="Bekasi",
          rencana_tanggal_penandatanganan=hari.isoformat(), tanggal_pemberitahuan_menteri=hari.isoformat())
    _tolak(kasus, "tandatangani_naskah", wk, "penandatanganan", "tanggal_penandatanganan",
           tanggal_penandatanganan=kemarin, tempat_penandatanganan="Bekasi", tanggal_mulai=hari.isoformat(),
           tanggal_berakhir=(hari + datetime.timedelta(days=365)).isoformat(),
           dokumen_naskah_ditandatangani=naskah_bertanda_tangan(kasus, "naskah").pk)


def test_ps54_ps56_naskah_ditandatangani_wali_kota_setelah_persetujuan_pemerintah(buat, pengguna):
    """Ps 54(1): the Wali Kota represents the Daerah in signing; Ps 56: only on the Government's approval,
    coordinated by the Menteri (recorded by the Sekretariat, Ps 70). A PD cannot sign the Naskah."""
    from django.core.exceptions import PermissionDenied

    kasus = buat(penyusunan_naskah=True, tahap="penandatanganan", tanggal_persetujuan_menteri=hari_ini())
    with pytest.raises(PermissionDenied):
        jalan(kasus, "tandatangani_naskah", pengguna["pd_dishub"])


def test_ps61_ayat1_loi_menunggu_konsultasi_menlu_atau_catatan_lewat_waktu(buat, pengguna):
    """Ps 61(1), 58(5): consultation with the Menteri *and* the minister for foreign affairs before the LoI. The LoI
    waits for the latter's answer, or for the Sekretariat's note that none came (a recorded lapse)."""
    kasus = buat(tanggapan_diterima=True, tanggal_tanggapan_menlu=None, tanggapan_menlu="")
    wk, tkksd = pengguna["walikota"], pengguna["tkksd"]
    with pytest.raises(TransisiTidakTersedia, match="Pasal 61 ayat .1."):
        jalan(kasus, "tandatangani_loi", wk)
    hari = hari_ini().isoformat()
    with pytest.raises(ValidationError, match="Ringkas"):
        jalan(kasus, "catat_konsultasi_menlu", tkksd, tanggal_permohonan=hari, tanggal_tanggapan=hari)
    jalan(kasus, "catat_konsultasi_menlu", tkksd, tanggal_permohonan=hari,
          tanpa_tanggapan="Tidak ada tanggapan setelah 30 hari; Menteri telah menanggapi.")
    assert "tandatangani_loi" in {t.name for t in inti.transisi_tersedia(muat(kasus), wk)}
