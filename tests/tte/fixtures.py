"""Shared fixtures of the signing tests: a demo CA with PKCS#12 certificates for the signatories (in a
temporary SIKSD_TTE_P12_DIR), the officials register, and a helper that prepares a PKS signing folder with a
FINAL PDF version, as the Sekretariat does."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from dasbor.services import persiapan_penandatanganan_simpan
from kerjasama import services
from kerjasama.constants import JenisDokumen, StatusDokumen
from tte import pki
from tte.models import Pejabat

SANDI_TTE = "passphrase-tte-uji"


def pdf_naskah(judul: str = "PERJANJIAN KERJA SAMA", halaman: int = 2) -> bytes:
    from weasyprint import HTML

    isi = "".join(f"<p>Pasal {n}. Para pihak sepakat melaksanakan kerja sama ini dengan itikad baik.</p>" * 8
                  + '<p style="page-break-after: always"></p>' for n in range(1, halaman))
    html = (f"<h1>{judul}</h1>{isi}<p>Pasal penutup.</p>"
            "<table style='width:100%'><tr><td>PIHAK KEDUA<br>WALI KOTA BOGOR</td>"
            "<td>PIHAK KESATU<br>WALI KOTA BEKASI<div style='height:90px'></div>TRI ADHIANTO</td></tr></table>")
    return HTML(string=html).write_pdf()


@pytest.fixture
def sertifikat(settings, tmp_path, pengguna):
    """CA + certificates for `walikota` (and any user passed to `tambah`), unlocked by SANDI_TTE."""
    settings.SIKSD_TTE_P12_DIR = str(tmp_path / "tte")
    settings.SIKSD_TTE_BACKEND = "lokal"
    settings.SIKSD_TTE_AKAR = []
    from pathlib import Path

    ca_kunci, ca_sert = pki.muat_ca(Path(settings.SIKSD_TTE_P12_DIR))

    def tambah(user, nama: str, jabatan: str, *, kop=Pejabat.Kop.SETDA, hari: int = 730, mulai=None, nip=""):
        kunci, sert = pki.buat_sertifikat(ca_kunci, ca_sert, nama=nama, jabatan=jabatan, hari=hari, mulai=mulai)
        (Path(settings.SIKSD_TTE_P12_DIR) / f"{user.username}.p12").write_bytes(
            pki.p12_bytes(kunci, sert, ca_sert, SANDI_TTE))
        Pejabat.objects.create(pengguna=user, nama=nama, jabatan=jabatan, kop=kop, nip=nip, nik="3275000000000001",
                               mulai=datetime.date(2025, 1, 1))
        return sert

    tambah(pengguna["walikota"], "TRI ADHIANTO", "WALI KOTA BEKASI", kop=Pejabat.Kop.WALI_KOTA)
    return tambah


def unggah_final(kasus, by, *, dokumen=None, konten: bytes | None = None, status=StatusDokumen.FINAL):
    berkas = SimpleUploadedFile("pks-final.pdf", konten or pdf_naskah(), content_type="application/pdf")
    return services.dokumen_unggah(by=by, kerjasama=kasus, berkas=berkas, jenis=JenisDokumen.PKS, judul="Naskah PKS",
                                   dokumen=dokumen, status=status, periksa_izin=False)


def siapkan_pks(kasus, tkksd, *, versi=None, cara="elektronik", penandatangan=None, **data):
    versi = versi or unggah_final(kasus, tkksd)
    isian = {"nomor_pks": "119/PKS.1-Ks/III/2026", "tanggal_mulai": "2026-03-02", "tanggal_berakhir": "2028-03-01",
             "penandatangan_mitra": "Dedie A. Rachim, Wali Kota Bogor", "versi": str(versi.pk), "cara": cara,
             **({"penandatangan": str(penandatangan.pk)} if penandatangan else {}), **data}
    return persiapan_penandatanganan_simpan(kasus=kasus, langkah="tandatangani_pks", by=tkksd, data=isian)
