"""Tim Pemetaan Potensi Kerja Sama Daerah (Perwal 57/2023 Ps 10)."""

import datetime
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from kerjasama.models import Dokumen, RiwayatAudit
from pemetaan import services
from pemetaan.constants import PeranTim
from pemetaan.models import TimPemetaan
from tests.pemetaan.factories import TimPemetaanFactory, anggota_sah, pdf_kecil

pytestmark = pytest.mark.django_db


def _tetapkan(user, pd, anggota, **kw):
    return services.tim_pemetaan_tetapkan(
        by=user, perangkat_daerah=pd, nomor_keputusan=kw.pop("nomor", "800/12/Kep.Dishub/2026"),
        tanggal_keputusan=kw.pop("tanggal", datetime.date(2026, 1, 5)), anggota=anggota,
        berkas=kw.pop("berkas", pdf_kecil()), **kw,
    )


def test_can_tetapkan_tim_dengan_susunan_pasal_10(pengguna, pd_dishub):
    tim = _tetapkan(pengguna["pd_dishub"], pd_dishub, anggota_sah())
    assert tim.aktif and tim.sah
    assert tim.anggota.count() == 4
    assert tim.dokumen_keputusan.versi.get().tipe_konten == "application/pdf"
    audit = RiwayatAudit.objects.get(aksi="tim_pemetaan_ditetapkan")
    assert audit.objek == tim and audit.oleh == pengguna["pd_dishub"] and audit.dasar_hukum == "Perwal 57/2023 Pasal 10"


def test_cannot_tim_dengan_satu_anggota(pengguna, pd_dishub):
    """Ps 10(2) huruf c: anggota paling sedikit 2 orang."""
    anggota = anggota_sah()[:3]  # ketua, wakil ketua, one anggota
    with pytest.raises(ValidationError) as exc:
        _tetapkan(pengguna["pd_dishub"], pd_dishub, anggota)
    pesan = " ".join(exc.value.message_dict["anggota"])
    assert "Pasal 10 ayat (2)" in pesan and "paling sedikit 2" in pesan
    assert not TimPemetaan.objects.exists() and not Dokumen.objects.exists()


@pytest.mark.parametrize(
    ("susunan", "kata"),
    [
        ([PeranTim.KETUA, PeranTim.KETUA, PeranTim.WAKIL_KETUA, PeranTim.ANGGOTA, PeranTim.ANGGOTA], "tepat 1 (satu) ketua"),
        ([PeranTim.KETUA, PeranTim.ANGGOTA, PeranTim.ANGGOTA, PeranTim.ANGGOTA], "wakil ketua"),
        ([PeranTim.WAKIL_KETUA, PeranTim.ANGGOTA, PeranTim.ANGGOTA], "ketua"),
    ],
)
def test_cannot_tim_tanpa_satu_ketua_dan_satu_wakil(pengguna, pd_dishub, susunan, kata):
    anggota = [{"peran": p, "nama": f"Orang {i}", "jabatan": "Jabatan"} for i, p in enumerate(susunan)]
    with pytest.raises(ValidationError, match=re.escape(kata)):
        _tetapkan(pengguna["pd_dishub"], pd_dishub, anggota)


def test_cannot_tim_tanpa_dokumen_atau_dengan_berkas_palsu(pengguna, pd_dishub):
    with pytest.raises(ValidationError) as exc:
        _tetapkan(pengguna["pd_dishub"], pd_dishub, anggota_sah(), berkas=None)
    assert "berkas" in exc.value.message_dict
    palsu = SimpleUploadedFile("keputusan.pdf", b"MZ\x90\x00 bukan pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        _tetapkan(pengguna["pd_dishub"], pd_dishub, anggota_sah(), berkas=palsu)
    assert "berkas" in exc.value.message_dict
    assert not TimPemetaan.objects.exists()


def test_cannot_tanggal_keputusan_di_masa_depan(pengguna, pd_dishub):
    with pytest.raises(ValidationError) as exc:
        _tetapkan(pengguna["pd_dishub"], pd_dishub, anggota_sah(), tanggal=datetime.date.today() + datetime.timedelta(days=3))
    assert "tanggal_keputusan" in exc.value.message_dict


def test_cannot_tetapkan_tim_pd_lain(pengguna, pd_lain):
    with pytest.raises(PermissionDenied):
        _tetapkan(pengguna["pd_dishub"], pd_lain, anggota_sah())
    with pytest.raises(PermissionDenied):
        _tetapkan(pengguna["auditor"], pd_lain, anggota_sah())


def test_keputusan_baru_menggantikan_tim_lama(pengguna, pd_dishub):
    lama = TimPemetaanFactory(perangkat_daerah=pd_dishub)
    baru = _tetapkan(pengguna["pd_dishub"], pd_dishub, anggota_sah(), nomor="800/99/Kep.Dishub/2026")
    lama.refresh_from_db()
    assert not lama.aktif and baru.aktif
    assert TimPemetaan.objects.filter(perangkat_daerah=pd_dishub, aktif=True).get() == baru
    assert "diganti" in lama.kekurangan()[0]


def test_tim_tanpa_dokumen_tidak_sah(pd_dishub):
    tim = TimPemetaanFactory(perangkat_daerah=pd_dishub, dokumen=False)
    assert not tim.sah
    assert any("Dokumen Keputusan" in k for k in tim.kekurangan())
