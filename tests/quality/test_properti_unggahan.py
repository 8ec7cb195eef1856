"""Property tests of the upload validator (issue 8, item 4): `dokumen_validasi_berkas` never
crashes on arbitrary bytes and names, never accepts a type outside the list, and the safe name
it returns never carries a path. (The calendar's properties: tests/kerjasama/test_kalender.py.)"""

import io

from django.core.exceptions import ValidationError

import filetype
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kerjasama.services import TIPE_DITERIMA, dokumen_validasi_berkas, nama_berkas_aman

PDF = b"%PDF-1.4\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20
# The start of files of types the validator must refuse: executables, scripts, HTML, archives…
DITOLAK = [b"MZ\x90\x00", b"\x7fELF\x02\x01", b"#!/bin/sh\n", b"<html><script>", b"PK\x03\x04", b"GIF89a",
           b"\x1f\x8b\x08", b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"<?xml version='1.0'?><svg"]

nama_bebas = st.text(min_size=0, max_size=300)
ekstensi = st.sampled_from(["pdf", "PDF", "png", "jpg", "jpeg", "docx", "xlsx", "odt", "exe", "html", "svg", "php",
                            "pdf.exe", "", "tar.gz"])
kepala = st.sampled_from([PDF, PNG, JPG, *DITOLAK, b""])

PENGATURAN = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class BerkasMentah(io.BytesIO):
    """An upload with exactly the name a client sent (Django's UploadedFile would clean it first;
    the validator must cope with whatever reaches it)."""

    def __init__(self, nama: str, isi: bytes):
        super().__init__(isi)
        self.name = nama
        self.size = len(isi)


def _periksa(nama: str, isi: bytes):
    berkas = BerkasMentah(nama, isi)
    try:
        return dokumen_validasi_berkas(berkas)
    except ValidationError as exc:
        assert set(exc.message_dict) == {"berkas"}
        assert all(m.strip() for m in exc.message_dict["berkas"])  # always an explanation, in Indonesian
        return None


@PENGATURAN
@given(nama=nama_bebas, awal=kepala, isi=st.binary(max_size=4096))
@example(nama="../../etc/passwd.pdf", awal=PDF, isi=b"")
@example(nama="C:\\Windows\\system32\\x.pdf", awal=PDF, isi=b"")
@example(nama="laporan.pdf", awal=b"MZ\x90\x00", isi=b"")
def test_validator_tidak_pernah_crash_dan_tidak_menerima_tipe_lain(nama, awal, isi):
    data = awal + isi
    hasil = _periksa(nama, data)
    if hasil is None:
        return
    nama_aman, tipe = hasil
    # accepted ⇒ the bytes really are an accepted type, and the extension agrees with them
    assert tipe in TIPE_DITERIMA
    asli = filetype.guess(data[:8192])
    assert asli is not None and asli.mime == tipe
    assert nama_aman.rsplit(".", 1)[-1].lower() in TIPE_DITERIMA[tipe]
    assert "/" not in nama_aman and "\\" not in nama_aman


@PENGATURAN
@given(dasar=nama_bebas, ext=ekstensi, awal=kepala)
def test_nama_berkas_sesuai_ekstensi_dan_isi(dasar, ext, awal):
    nama = f"{dasar}.{ext}" if ext else dasar
    hasil = _periksa(nama, awal + b"\x00" * 64)
    if awal in DITOLAK or awal == b"":
        assert hasil is None, f"{awal!r} diterima sebagai {hasil}"


@PENGATURAN
@given(nama=st.text(max_size=500))
def test_nama_aman_tanpa_jalur_tanpa_kendali_tidak_kosong(nama):
    aman = nama_berkas_aman(nama)
    assert aman
    assert "/" not in aman and "\\" not in aman
    assert not aman.startswith(".")
    assert len(aman) <= 150
    assert all(ch.isprintable() for ch in aman)
    assert ".." not in aman.split("/")


@PENGATURAN
@given(isi=st.binary(min_size=1, max_size=2048))
def test_berkas_kosong_atau_terlalu_besar_selalu_ditolak(isi):
    from django.conf import settings as dj

    assert _periksa("a.pdf", b"") is None
    besar = BerkasMentah("a.pdf", PDF + isi)
    besar.size = dj.DOKUMEN_MAX_BYTES + 1
    try:
        dokumen_validasi_berkas(besar)
    except ValidationError as exc:
        assert "terlalu besar" in exc.message_dict["berkas"][0]
    else:
        raise AssertionError("berkas di atas batas diterima")
