"""Pembinaan (Perwal 57/2023 Pasal 85 (Pembinaan) huruf a–e) and what each PD received this year."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from kerjasama.models import RiwayatAudit
from pengawasan import selectors, services
from pengawasan.models import KegiatanPembinaan

D = datetime.date
TANGGAL = D(2026, 1, 12)


def _catat(by, *, bentuk="sosialisasi", tanggal=TANGGAL, pd=(), judul="Sosialisasi Perwal 57/2023"):
    return services.kegiatan_pembinaan_catat(by=by, bentuk=bentuk, judul=judul, tanggal=tanggal,
                                             perangkat_daerah=list(pd), materi="Tahapan KSDD", jumlah_peserta=20)


@pytest.mark.django_db
def test_catat_pembinaan_dan_per_pd_tahun_ini(pengguna, pd_dishub, pd_lain, jam):
    tkksd = pengguna["tkksd"]
    _catat(tkksd, pd=[pd_dishub, pd_lain])
    _catat(tkksd, bentuk="asistensi", pd=[pd_dishub], judul="Asistensi KAK")
    _catat(tkksd, bentuk="bimbingan", pd=[pd_dishub], tanggal=D(2025, 11, 3), judul="Tahun lalu")
    baris = {b["perangkat_daerah"].kode: b for b in selectors.pembinaan_per_pd(user=tkksd, tahun=2026)}
    assert baris["DISHUB"]["jumlah"] == 2
    assert baris["DISHUB"]["per_bentuk"]["sosialisasi"] == 1 and baris["DISHUB"]["per_bentuk"]["asistensi"] == 1
    assert baris["DISHUB"]["per_bentuk"]["bimbingan"] == 0  # 2025 is another year
    assert baris["DISBUDPAR"]["jumlah"] == 1
    # A PD sees only what it received.
    sendiri = selectors.pembinaan_per_pd(user=pengguna["pd_disbudpar"], tahun=2026)
    assert [b["perangkat_daerah"].kode for b in sendiri] == ["DISBUDPAR"]
    assert [k.judul for k in selectors.pembinaan_list(user=pengguna["pd_disbudpar"], tahun=2026)] == [
        "Sosialisasi Perwal 57/2023"]
    assert RiwayatAudit.objects.filter(aksi="pengawasan_pembinaan_dicatat").count() == 3


@pytest.mark.django_db
def test_aturan_pencatatan_pembinaan(pengguna, pd_dishub, jam):
    with pytest.raises(ValidationError, match="paling sedikit satu Perangkat Daerah"):
        _catat(pengguna["tkksd"])
    with pytest.raises(ValidationError, match="masa depan"):
        _catat(pengguna["tkksd"], pd=[pd_dishub], tanggal=D(2026, 1, 21))
    with pytest.raises(PermissionDenied):
        _catat(pengguna["pd_dishub"], pd=[pd_dishub])
    assert _catat(pengguna["pengawas"], pd=[pd_dishub]).pk  # the team records its own pembinaan


@pytest.mark.django_db
def test_halaman_pembinaan(pengguna, pd_dishub, klien, jam):
    from tests.pengawasan.factories import berkas_pdf

    c = klien(pengguna["tkksd"])
    r = c.post("/pengawasan/pembinaan/baru/", {
        "bentuk": "diklat", "judul": "Diklat penyusunan naskah", "tanggal": "2026-01-15",
        "perangkat_daerah": [pd_dishub.pk], "jumlah_peserta": 30, "materi": "Naskah PKS", "berkas": berkas_pdf(),
    })
    assert r.status_code == 302
    k = KegiatanPembinaan.objects.get()
    assert k.dokumen.pemilik == k
    halaman = klien(pengguna["pd_dishub"]).get("/pengawasan/pembinaan/per-pd/?tahun=2026").content.decode()
    assert "Diklat penyusunan naskah" in halaman
    versi = k.dokumen.versi_terakhir
    assert klien(pengguna["pd_disbudpar"]).get(f"/kerjasama/dokumen/versi/{versi.pk}/unduh/").status_code == 404
    assert klien(pengguna["pd_dishub"]).get(f"/kerjasama/dokumen/versi/{versi.pk}/unduh/").status_code == 200
    c = klien(pengguna["tkksd"])
    r = c.post("/pengawasan/pembinaan/baru/", {"bentuk": "diklat", "judul": "X", "tanggal": "2026-01-15",
                                               "materi": "Y"})
    assert r.status_code == 400
    assert klien(pengguna["mitra_bogor"]).get("/pengawasan/pembinaan/").status_code == 403
