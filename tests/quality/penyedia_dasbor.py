"""Permission-matrix providers for the dashboards (kerjasama/dasbor, issue 7): signing from the approval
dashboard, the Sekretariat's signing folder, the personal calendar feed."""

from __future__ import annotations

from .matriks import SEMUA, Dunia, Permintaan, penyedia
from .penyedia_ksdd import _ksdd


@penyedia("dasbor:persetujuan_jalankan")
def persetujuan_jalankan(dunia: Dunia):
    # Perwal 57/2023 Ps 29(2), Ps 30: the Wali Kota (or a surat kuasa holder) signs the PKS. Without the
    # signed PKS the Wali Kota gets 400 (it passed the permission check); others who see the case 403.
    return [Permintaan({"pk": k.pk, "nama": "tandatangani_pks"}, melihat=m, berwenang={"walikota"}, metode="post",
                       data={"_tahap": "penandatanganan_pks"}, berhasil=(400,), keterangan="tanpa PKS")
            for k, m, _ in _ksdd(dunia, "penandatanganan_pks")]


@penyedia("dasbor:persiapan")
def persiapan(dunia: Dunia):
    # The Sekretariat TKKSD prepares the signing folder (kerjasama.dasbor.views.persiapan).
    return [Permintaan({"pk": k.pk, "nama": "tandatangani_pks"}, melihat=m, berwenang={"tkksd"})
            for k, m, _ in _ksdd(dunia, "penandatanganan_pks")]


@penyedia("dasbor:kalender_ics")
def kalender_ics(dunia: Dunia):
    """The feed at a secret URL needs no login: whoever holds the token reads that user's calendar,
    which shows only what its owner sees; an unknown token answers 404 to everyone."""
    from kerjasama.dasbor import services

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
