"""Public verification (issue 13 item 4): `/verifikasi/<kode>/` without login shows what the document says, only
for documents classified Biasa; an uploaded PDF is checked with pyHanko; one altered byte is reported."""

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from kerjasama.models import Dokumen
from tests.tte.fixtures import SANDI_TTE, siapkan_pks
from tte.models import DokumenResmi

pytestmark = pytest.mark.django_db


@pytest.fixture
def bertanda(beku, pengguna, ksdd, klien, sertifikat, client):
    kasus = ksdd("penandatanganan_pks")
    siapkan_pks(kasus, pengguna["tkksd"])
    r = klien(pengguna["walikota"]).post(f"/dasbor/persetujuan/{kasus.pk}/tandatangani_pks/tte/", {"passphrase": SANDI_TTE})
    assert r.status_code == 302
    client.logout()
    return DokumenResmi.objects.get()


def test_halaman_kode_publik_tanpa_masuk(bertanda, client):
    r = client.get(f"/verifikasi/{bertanda.kode}/")
    assert r.status_code == 200
    html = r.content.decode()
    for teks in ("Naskah PKS", "119/PKS.1-Ks/III/2026", "TRI ADHIANTO", "WALI KOTA BEKASI", bertanda.sha256,
                 "Tanda tangan elektronik"):
        assert teks in html
    assert client.get("/verifikasi/TIDAKADA00/").status_code == 404


def test_dokumen_bukan_biasa_tidak_ditampilkan(bertanda, client):
    Dokumen.objects.filter(pk=bertanda.versi.dokumen_id).update(klasifikasi="terbatas")  # not Biasa
    assert client.get(f"/verifikasi/{bertanda.kode}/").status_code == 404


def test_unggah_pdf_sah_dan_satu_bita_diubah(bertanda, client):
    asli = bertanda.versi.berkas.open("rb").read()
    r = client.post("/verifikasi/", {"berkas": SimpleUploadedFile("a.pdf", asli, content_type="application/pdf")})
    assert r.status_code == 200
    assert r.context["hasil"].sah and "Dokumen utuh dan tanda tangan sah" in r.content.decode()
    assert r.context["cocok"] == bertanda

    ubah = bytearray(asli)
    i = asli.index(b"stream", len(asli) // 4) + 20  # inside the signed content
    ubah[i] ^= 0x01
    r = client.post("/verifikasi/", {"berkas": SimpleUploadedFile("b.pdf", bytes(ubah), content_type="application/pdf")})
    assert r.status_code == 200
    assert not r.context["hasil"].sah and r.context["hasil"].diubah
    assert "DIUBAH" in r.content.decode() and r.context["cocok"] is None


def test_unggah_bukan_pdf_400(client, db):
    r = client.post("/verifikasi/", {"berkas": SimpleUploadedFile("a.txt", b"halo", content_type="text/plain")})
    assert r.status_code == 400 and "bukan PDF" in r.content.decode()
    assert client.post("/verifikasi/", {}).status_code == 400


def test_dokumen_yang_dihasilkan_membawa_qr_dan_kode(beku, pengguna, ksdd, client):
    """Every generated official document carries a QR code and a short code (issue 13 item 4)."""
    from pypdf import PdfReader

    from kerjasama.services import dokumen_hasilkan

    kasus = ksdd("penandatanganan_pks")
    versi = dokumen_hasilkan(by=pengguna["tkksd"], template="dokumen/surat_pengantar.html", context={"kasus": kasus},
                             jenis="surat_keluar", judul="Surat pengantar", kerjasama=kasus)
    resmi = DokumenResmi.objects.get(versi=versi)
    assert resmi.sha256 == versi.sha256 and resmi.tanda_tangan == "tanpa"
    teks = PdfReader(versi.berkas.open("rb")).pages[-1].extract_text()
    assert f"Kode verifikasi {resmi.kode}" in teks
    r = client.get(f"/verifikasi/{resmi.kode}/")
    assert r.status_code == 200 and "Belum ditandatangani" in r.content.decode()


def test_pdf_yang_tidak_dapat_dicap_tetap_disimpan(beku, pengguna, ksdd, monkeypatch):
    """A renderer stub (as some app tests use) is stored as rendered, without a code, never lost."""
    from kerjasama import pdf
    from kerjasama.services import dokumen_hasilkan

    monkeypatch.setattr(pdf, "render_pdf", lambda template, context: b"%PDF-1.4 stub")
    kasus = ksdd("penandatanganan_pks")
    versi = dokumen_hasilkan(by=pengguna["tkksd"], template="dokumen/surat_pengantar.html", context={},
                             jenis="surat_keluar", judul="Surat", kerjasama=kasus)
    assert versi.berkas.open("rb").read() == b"%PDF-1.4 stub"
    assert not DokumenResmi.objects.filter(versi=versi).exists()
