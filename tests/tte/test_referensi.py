"""The officials register and the numbering formats on the in-app reference pages (issue 14), kept by the
Sekretariat TKKSD instead of Django admin; audited; a format is never removed and its kode never changes."""

from django.urls import reverse

import pytest

from kerjasama.models import RiwayatAudit
from tte.models import FormatNomorSurat, Pejabat

pytestmark = pytest.mark.django_db


def test_sekretariat_mencatat_pejabat_dan_audit(klien, pengguna):
    c = klien(pengguna["tkksd"])
    r = c.post(reverse("kerjasama:referensi_baru", args=["pejabat"]), {
        "jabatan": "Sekretaris Daerah", "nama": "Dr. Contoh", "nip": "197001011990031001", "status": "plt",
        "kop": "setda", "mulai": "02-01-2027", "alasan": "SK Plt. terbit."})
    assert r.status_code == 302, r.content.decode()[:3000]
    p = Pejabat.objects.get(nama="Dr. Contoh")
    assert RiwayatAudit.objects.get(aksi="referensi_dibuat", objek_id=p.pk).komentar == "SK Plt. terbit."


def test_pejabat_masukan_buruk(klien, pengguna):
    c = klien(pengguna["tkksd"])
    r = c.post(reverse("kerjasama:referensi_baru", args=["pejabat"]), {
        "jabatan": "Asisten", "nama": "X", "nip": "123", "status": "definitif", "kop": "setda", "mulai": "02-01-2027",
        "selesai": "01-01-2027"})
    isi = r.content.decode()
    assert r.status_code == 400 and "18 angka" in isi and "tidak boleh sebelum" in isi
    assert not Pejabat.objects.exists()


def test_format_nomor_pola_diperiksa_kode_tetap_dan_tidak_dihapus(klien, pengguna):
    c = klien(pengguna["tkksd"])
    url = reverse("kerjasama:referensi_baru", args=["format-nomor-surat"])
    data = {"kode": "nota", "nama": "Nota dinas", "kode_klasifikasi": "000.3", "unit": "KS", "pola": "{klasifikasi}/{tahun}"}
    r = c.post(url, data)
    assert r.status_code == 400 and "{urut}" in r.content.decode()
    r = c.post(url, {**data, "pola": "{klasifikasi}/{urut}/{rahasia}"})
    assert r.status_code == 400 and "tidak dikenal" in r.content.decode()
    assert c.post(url, {**data, "pola": "{klasifikasi}/{urut}/{unit}/{tahun}"}).status_code == 302
    fmt = FormatNomorSurat.objects.get(kode="nota")
    ubah = reverse("kerjasama:referensi_ubah", args=["format-nomor-surat", fmt.pk])
    assert c.post(ubah, {**data, "kode": "lain", "nama": "Nota dinas baru", "pola": "{urut}/{tahun}"}).status_code == 302
    fmt.refresh_from_db()
    assert fmt.kode == "nota" and fmt.nama == "Nota dinas baru"
    c.post(reverse("kerjasama:referensi_hapus", args=["format-nomor-surat", fmt.pk]))
    assert FormatNomorSurat.objects.filter(pk=fmt.pk).exists()


def test_selain_sekretariat_ditolak(klien, pengguna):
    c = klien(pengguna["walikota"])
    r = c.post(reverse("kerjasama:referensi_baru", args=["pejabat"]), {
        "jabatan": "Wali Kota", "nama": "Y", "status": "definitif", "kop": "wali_kota", "mulai": "02-01-2027"})
    assert r.status_code == 403 and not Pejabat.objects.exists()
