"""Ps 23: the offer letter is generated as a PDF from the case, addressed to the partner's head, with the KAK
as its annex, for the Wali Kota's signature."""

import io

import pypdf
import pytest

from kerjasama.models import Dokumen

from .factories import KasusKsddFactory

pytestmark = pytest.mark.django_db


def test_accepting_the_study_generates_the_offer_letter_naming_the_partner(beku, pengguna, rest, pd_dishub, mitra_bogor):
    mitra_bogor.jabatan_pimpinan = "Wali Kota Bogor"
    mitra_bogor.alamat = "Jl. Ir. H. Juanda No. 10, Kota Bogor"
    mitra_bogor.save()
    kasus = KasusKsddFactory(by=pengguna["pd_dishub"], perangkat_daerah=pd_dishub, mitra=mitra_bogor, kajian_tkksd=True,
                             judul="Integrasi angkutan umum")
    tkksd = rest(pengguna["tkksd"])
    tkksd.langkah(kasus.pk, "terima_kajian", kajian=tkksd.unggah(kasus.pk, "kajian", "Kajian"))
    surat = Dokumen.objects.get(kerjasama=kasus, jenis="surat_penawaran")
    versi = surat.versi_terakhir
    assert versi.dihasilkan_sistem and versi.tipe_konten == "application/pdf"
    konten = versi.berkas.open("rb").read()
    assert konten.startswith(b"%PDF")
    teks = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(konten)).pages).split())
    for isi in ("Wali Kota Bogor", "Pemerintah Kota Bogor", "Kerangka Acuan Kerja", "Integrasi angkutan umum",
                "WALI KOTA BEKASI", "Pasal 23"):
        assert isi in teks, isi

    # A new draft with its number is a new version of the same document; the old one is kept.
    tkksd.langkah(kasus.pk, "perbarui_surat_penawaran", nomor_surat="415.4/99/Ks")
    surat.refresh_from_db()
    assert list(surat.versi.values_list("nomor_versi", flat=True)) == [2, 1]
    teks = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(surat.versi_terakhir.berkas.open("rb")).pages).split())
    assert "415.4/99/Ks" in teks
