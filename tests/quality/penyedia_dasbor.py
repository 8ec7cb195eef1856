"""Permission-matrix providers for the dashboards (dasbor, issue 7): signing from the approval
dashboard, the Sekretariat's signing folder, the personal calendar feed."""

from __future__ import annotations

from .matriks import SEMUA, Dunia, Permintaan, penyedia
from .penyedia_ksdd import _ksdd


@penyedia("dasbor:persetujuan_jalankan")
def persetujuan_jalankan(dunia: Dunia):
    # Perwal 57/2023 Ps 29(2), Ps 30: the Wali Kota (or a surat kuasa holder) signs the PKS, but only on a signed
    # text (issue 13, tte/aturan.py): the free-form step with the draft answers him 409; others who see the case 403.
    from kerjasama.services import dokumen_unggah
    from ksdd.dokumen_contoh import berkas_contoh

    def rancangan(k) -> int:
        return dokumen_unggah(by=dunia.pengguna["tkksd"], kerjasama=k, jenis="pks", judul="Rancangan PKS",
                              berkas=berkas_contoh(f"Rancangan PKS {k.pk}"), periksa_izin=False).dokumen_id

    return [Permintaan({"pk": k.pk, "nama": "tandatangani_pks"}, melihat=m, berwenang={"walikota"}, metode="post",
                       data={"_tahap": "penandatanganan_pks", "pks": rancangan(k), "nomor_pks": "PKS/1",
                             "tanggal_penandatanganan": "2026-01-05", "tanggal_mulai": "2026-01-05",
                             "tanggal_berakhir": "2027-01-04", "penandatangan_mitra": "Wali Kota Bogor"},
                       berhasil=(409,), keterangan="rancangan, bukan naskah bertanda tangan")
            for k, m, _ in _ksdd(dunia, "penandatanganan_pks")]


@penyedia("dasbor:persetujuan_tte", "dasbor:persetujuan_kembalikan", "dasbor:persetujuan_basah")
def persetujuan_tte(dunia: Dunia):
    # The electronic signature, "Kembalikan ke Sekretariat" and closing an ink signature: the signatory only;
    # without a prepared folder he gets 409 (it passed the permission check).
    return [Permintaan({"pk": k.pk, "nama": "tandatangani_pks"}, melihat=m, berwenang={"walikota"}, metode="post",
                       data={"passphrase": "bukan-passphrase", "alasan": "uji matriks"}, berhasil=(409,),
                       keterangan="tanpa berkas")
            for k, m, _ in _ksdd(dunia, "penandatanganan_pks")]


@penyedia("dasbor:halaman_png")
def halaman_png(dunia: Dunia):
    # A page image of a document version follows the document's own visibility (as the download).
    from django.core.files.uploadedfile import SimpleUploadedFile

    from weasyprint import HTML

    from kerjasama.services import dokumen_unggah

    pdf = HTML(string="<p>Naskah uji matriks</p>").write_pdf()
    versi = dokumen_unggah(by=dunia.pengguna["tkksd"], kerjasama=dunia.kasus_dishub, jenis="pks", judul="Naskah uji",
                           berkas=SimpleUploadedFile("naskah.pdf", pdf, content_type="application/pdf"),
                           periksa_izin=False)
    return [Permintaan({"pk": versi.pk, "nomor": 1}, melihat=dunia.melihat_kasus_dishub,
                       berwenang=dunia.melihat_kasus_dishub)]


@penyedia("dasbor:persiapan")
def persiapan(dunia: Dunia):
    # The Sekretariat TKKSD prepares the signing folder (dasbor.views.persiapan).
    return [Permintaan({"pk": k.pk, "nama": "tandatangani_pks"}, melihat=m, berwenang={"tkksd"})
            for k, m, _ in _ksdd(dunia, "penandatanganan_pks")]


@penyedia("dasbor:kalender_ics")
def kalender_ics(dunia: Dunia):
    """The feed at a secret URL needs no login: whoever holds the token reads that user's calendar,
    which shows only what its owner sees; an unknown token answers 404 to everyone."""
    from dasbor import services

    token = services.token_kalender_buat(user=dunia.pengguna["pd_dishub"]).token

    def periksa(username, response):
        isi = response.content.decode(errors="replace")
        if response.status_code == 200 and (dunia.kasus_disbudpar.nomor in isi or dunia.kasus_disbudpar.judul in isi):
            return "kalender pd_dishub memuat kerja sama Disbudpar"
        return None

    return [
        Permintaan({"token": token}, melihat=SEMUA, berwenang=SEMUA, anonim=(200,), periksa=periksa),
        Permintaan({"token": "token-yang-tidak-ada"}, melihat=(), berwenang=(), anonim=(404,)),
    ]
