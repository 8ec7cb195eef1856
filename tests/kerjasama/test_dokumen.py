"""Documents: typed, versioned, checked from the bytes, stored outside the web root,
downloaded only through the permission-checked view. Refused uploads store nothing."""

import hashlib
import io
import os
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from kerjasama import services
from kerjasama.models import Dokumen, VersiDokumen
from tests.factories import PerjanjianLamaFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


def docx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def berkas_tersimpan() -> list[str]:
    root = default_storage.location
    return [os.path.join(d, f) for d, _, files in os.walk(root) for f in files] if os.path.isdir(root) else []


@pytest.fixture
def lama(pengguna, pd_dishub, mitra_bogor):
    return PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor)


@pytest.mark.django_db
def test_unggah_pdf_mencatat_versi_pengunggah_dan_sha256(lama, pengguna):
    versi = services.dokumen_unggah(by=pengguna["pd_dishub"], kerjasama=lama, jenis="kak", judul="KAK",
                                    berkas=SimpleUploadedFile("kak.pdf", PDF))
    assert versi.nomor_versi == 1
    assert versi.sha256 == hashlib.sha256(PDF).hexdigest()
    assert versi.tipe_konten == "application/pdf" and versi.ukuran == len(PDF)
    assert versi.diunggah_oleh == pengguna["pd_dishub"]
    with versi.berkas.open("rb") as f:
        assert f.read() == PDF
    assert not versi.berkas.path.startswith(str(os.path.abspath("static")))


@pytest.mark.django_db
def test_versi_baru_tidak_menghapus_versi_lama(lama, pengguna):
    v1 = services.dokumen_unggah(by=pengguna["tkksd"], kerjasama=lama, jenis="pks", judul="PKS",
                                 berkas=SimpleUploadedFile("pks.pdf", PDF))
    v2 = services.dokumen_unggah(by=pengguna["tkksd"], dokumen=v1.dokumen, jenis="pks",
                                 berkas=SimpleUploadedFile("pks-revisi.docx", docx_bytes()))
    assert (v1.nomor_versi, v2.nomor_versi) == (1, 2)
    assert v2.tipe_konten.endswith("wordprocessingml.document")
    assert list(v1.dokumen.versi.values_list("nomor_versi", flat=True)) == [2, 1]
    with v1.berkas.open("rb") as f:
        assert f.read() == PDF


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("kak.pdf", b"<html><script>alert(1)</script></html>", "bukan PDF"),  # wrong type with a .pdf name
        ("kak.pdf", b"MZ\x90\x00" + b"\x00" * 60, "bukan PDF"),  # an executable named .pdf
        ("kak.pdf", PNG, "tidak sesuai"),  # a PNG named .pdf
        ("kak.pdf", b"", "kosong"),
    ],
)
def test_unggahan_ditolak_tanpa_menyimpan_apa_pun(lama, pengguna, nama, isi, pesan):
    with pytest.raises(ValidationError) as exc:
        services.dokumen_unggah(by=pengguna["tkksd"], kerjasama=lama, jenis="kak", berkas=SimpleUploadedFile(nama, isi))
    assert pesan in " ".join(exc.value.messages)
    assert Dokumen.objects.count() == 0 and VersiDokumen.objects.count() == 0
    assert berkas_tersimpan() == []


@pytest.mark.django_db
def test_unggahan_terlalu_besar_ditolak(lama, pengguna, settings):
    settings.DOKUMEN_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match="terlalu besar"):
        services.dokumen_unggah(by=pengguna["tkksd"], kerjasama=lama, jenis="kak",
                                berkas=SimpleUploadedFile("besar.pdf", PDF + b"0" * 2048))
    assert VersiDokumen.objects.count() == 0 and berkas_tersimpan() == []


@pytest.mark.django_db
@pytest.mark.parametrize("nama", ["../../etc/passwd.pdf", "..\\..\\windows\\kak.pdf", "/etc/kak.pdf", "kak\x00.pdf"])
def test_nama_berkas_dengan_jalur_tidak_keluar_dari_folder(lama, pengguna, nama):
    versi = services.dokumen_unggah(by=pengguna["tkksd"], kerjasama=lama, jenis="kak",
                                    berkas=SimpleUploadedFile(nama, PDF))
    assert "/" not in versi.nama_berkas and "\\" not in versi.nama_berkas and ".." not in versi.nama_berkas
    assert versi.berkas.name.startswith("dokumen/")
    assert os.path.realpath(versi.berkas.path).startswith(os.path.realpath(default_storage.location))


@pytest.mark.django_db
def test_kegagalan_basis_data_tidak_meninggalkan_berkas_yatim(lama, pengguna, monkeypatch):
    def gagal(self, *args, **kwargs):
        raise RuntimeError("koneksi putus")

    monkeypatch.setattr(VersiDokumen, "save", gagal)
    with pytest.raises(RuntimeError):
        services.dokumen_unggah(by=pengguna["tkksd"], kerjasama=lama, jenis="kak", berkas=SimpleUploadedFile("k.pdf", PDF))
    assert berkas_tersimpan() == []
    assert Dokumen.objects.count() == 0


@pytest.mark.django_db
def test_berkas_yatim_dari_rollback_luar_dibersihkan(lama, pengguna):
    import datetime

    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        services.dokumen_unggah(by=pengguna["tkksd"], kerjasama=lama, jenis="kak", berkas=SimpleUploadedFile("k.pdf", PDF))
        raise RuntimeError("transisi gagal setelah unggah")
    assert VersiDokumen.objects.count() == 0
    assert len(berkas_tersimpan()) == 1  # the file was written before the rollback
    assert services.berkas_yatim_bersihkan(lebih_tua_dari=datetime.timedelta(0)) != []
    assert berkas_tersimpan() == []


@pytest.mark.django_db
def test_unggah_lewat_web_menampilkan_pesan_dan_tidak_menyimpan(lama, pengguna, klien):
    c = klien(pengguna["pd_dishub"])
    r = c.post(reverse("kerjasama:dokumen_unggah", args=[lama.pk]),
               {"jenis": "kak", "judul": "KAK", "status": "draft", "berkas": SimpleUploadedFile("kak.pdf", b"bukan pdf")},
               follow=True)
    assert "bukan PDF" in r.content.decode()
    assert VersiDokumen.objects.count() == 0
    r = c.post(reverse("kerjasama:dokumen_unggah", args=[lama.pk]),
               {"jenis": "kak", "judul": "KAK", "status": "final", "berkas": SimpleUploadedFile("kak.pdf", PDF)}, follow=True)
    assert "versi 1 tersimpan" in r.content.decode()


@pytest.mark.django_db
def test_unggah_lewat_api(lama, pengguna, api):
    c = api(pengguna["tkksd"])
    r = c.post(f"/api/v1/kerjasama/{lama.pk}/dokumen/", {"jenis": "kak", "berkas": SimpleUploadedFile("kak.pdf", PDF)},
               format="multipart")
    assert r.status_code == 201, r.content
    assert r.json()["sha256"] == hashlib.sha256(PDF).hexdigest()
    r = c.post(f"/api/v1/kerjasama/{lama.pk}/dokumen/", {"jenis": "kak", "berkas": SimpleUploadedFile("x.pdf", b"teks")},
               format="multipart")
    assert r.status_code == 400 and "bukan PDF" in r.content.decode()


@pytest.mark.django_db
def test_auditor_tidak_dapat_mengunggah(lama, pengguna, api):
    r = api(pengguna["auditor"]).post(f"/api/v1/kerjasama/{lama.pk}/dokumen/",
                                      {"jenis": "kak", "berkas": SimpleUploadedFile("kak.pdf", PDF)}, format="multipart")
    assert r.status_code == 403


@pytest.mark.django_db
def test_dokumen_dihasilkan_sebagai_pdf_berkop_surat(lama, pengguna):
    versi = services.dokumen_hasilkan(
        by=pengguna["tkksd"], kerjasama=lama, jenis="surat_keluar", judul="Surat Pengantar Uji",
        template="dokumen/surat_pengantar.html",
        context={"perihal": "Penyampaian dokumen", "kepada": ["Wali Kota Bogor"], "isi": ["Dengan hormat."],
                 "nomor": "000.9/123-Setda"},
    )
    with versi.berkas.open("rb") as f:
        isi = f.read()
    assert isi.startswith(b"%PDF")
    assert versi.dihasilkan_sistem and versi.tipe_konten == "application/pdf"
    from pypdf import PdfReader

    teks = PdfReader(io.BytesIO(isi)).pages[0].extract_text()
    assert "PEMERINTAH KOTA BEKASI" in teks and "Penyampaian dokumen" in teks and "000.9/123-Setda" in teks
