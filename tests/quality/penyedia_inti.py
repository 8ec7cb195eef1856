"""Providers of the permission matrix for the core's URLs (web and API) that take an object.
Expectations from the spec README ("Actors and roles", "Documents"), written out by hand."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from .matriks import PDF, SEMUA, Dunia, Permintaan, penyedia

# Uploading to a case: everyone who sees it acts on its file except the auditor, who only reads
# (spec README "Actors and roles": auditor read-only).
TIDAK_MENGUNGGAH = {"auditor"}


def _kasus(dunia: Dunia):
    """(case, who sees it) for the owned and the not-owned case (seen from Dishub/Bogor)."""
    return [(dunia.kasus_dishub, dunia.melihat_kasus_dishub), (dunia.kasus_disbudpar, dunia.melihat_kasus_disbudpar)]


def _pdf():
    return SimpleUploadedFile("unggahan-matriks.pdf", PDF, content_type="application/pdf")


def _akhiri_data():
    return {"tanggal_selesai": timezone.localdate().isoformat(), "komentar": "Uji matriks izin (Ps 79)."}


@penyedia("kerjasama:detail", "kerjasama:riwayat_csv", "kerjasama:riwayat_pdf", "kerjasama-detail", "kerjasama-dokumen")
def lihat_kasus(dunia: Dunia):
    """Reading a case, its audit export and its documents: whoever sees the case."""
    return [Permintaan({"pk": ks.pk}, melihat=m, berwenang=m) for ks, m in _kasus(dunia)]


@penyedia("kerjasama:transisi")
def transisi_web(dunia: Dunia):
    # Perwal 57/2023 Ps 78(2), 79: only the Sekretariat TKKSD ends a cooperation (PengakhiranMixin.akhiri).
    hasil = []
    for ks, m in _kasus(dunia):
        hasil.append(Permintaan({"pk": ks.pk, "nama": "akhiri"}, melihat=m, berwenang={"tkksd"}, keterangan="formulir"))
        hasil.append(Permintaan({"pk": ks.pk, "nama": "akhiri"}, melihat=m, berwenang={"tkksd"}, metode="post",
                                data=_akhiri_data, berhasil=(302,), keterangan="kirim"))
        # a system step is never offered to a person: 409 for those who see the case, 404 for the others
        hasil.append(Permintaan({"pk": ks.pk, "nama": "berakhir_masa_berlaku"}, melihat=m, berwenang=m, berhasil=(409,),
                                keterangan="langkah sistem"))
    return hasil


@penyedia("kerjasama-transisi")
def transisi_api(dunia: Dunia):
    hasil = []
    for ks, m in _kasus(dunia):
        hasil.append(Permintaan({"pk": ks.pk, "nama": "akhiri"}, melihat=m, berwenang={"tkksd"}, metode="post",
                                data=_akhiri_data))
        hasil.append(Permintaan({"pk": ks.pk, "nama": "berakhir_masa_berlaku"}, melihat=m, berwenang=m, metode="post",
                                data={}, berhasil=(409,), keterangan="langkah sistem"))
    return hasil


@penyedia("kerjasama:dokumen_unggah")
def unggah_web(dunia: Dunia):
    return [Permintaan({"pk": ks.pk}, melihat=m, berwenang=m - TIDAK_MENGUNGGAH, metode="post", berhasil=(302,),
                       data=lambda: {"jenis": "lainnya", "judul": "Unggahan matriks", "status": "draft", "berkas": _pdf()})
            for ks, m in _kasus(dunia)]


@penyedia("kerjasama:dokumen_versi_baru")
def versi_baru_web(dunia: Dunia):
    # The PKS was uploaded by the Sekretariat: a partner adds versions only to its own uploads (issue 12
    # item 3); every role × type × stage is in test_matriks_tulis.py.
    return [Permintaan({"pk": v.dokumen_id}, melihat=m, berwenang=m - TIDAK_MENGUNGGAH - {"mitra_bogor", "mitra_pt"},
                       metode="post", berhasil=(302,), data=lambda: {"status": "draft", "berkas": _pdf()})
            for v, m in ((dunia.versi_dishub, dunia.melihat_kasus_dishub),
                         (dunia.versi_disbudpar, dunia.melihat_kasus_disbudpar))]


@penyedia("kerjasama:dokumen_klasifikasi")
def klasifikasi_web(dunia: Dunia):
    # Only the Sekretariat TKKSD classifies a document and decides what the partner sees (issue 12 item 2).
    return [Permintaan({"pk": v.dokumen_id}, melihat=m, berwenang={"tkksd"}, metode="post", berhasil=(302,),
                       data={"klasifikasi": "terbatas", "alasan": "Uji matriks izin."})
            for v, m in ((dunia.versi_dishub, dunia.melihat_kasus_dishub),
                         (dunia.versi_disbudpar, dunia.melihat_kasus_disbudpar))]


@penyedia("kerjasama:dokumen_unduh")
def unduh(dunia: Dunia):
    # Access to a document follows access to its case (spec README "Documents").
    def periksa(username, response):
        if response.status_code == 200 and "attachment" not in response.get("Content-Disposition", ""):
            return "dokumen tidak disajikan sebagai lampiran"
        if response.status_code == 200 and response.get("X-Content-Type-Options") != "nosniff":
            return "dokumen tanpa X-Content-Type-Options: nosniff"
        return None

    return [Permintaan({"pk": v.pk}, melihat=m, berwenang=m, periksa=periksa)
            for v, m in ((dunia.versi_dishub, dunia.melihat_kasus_dishub),
                         (dunia.versi_disbudpar, dunia.melihat_kasus_disbudpar))]


@penyedia("kerjasama:notifikasi_baca")
def notifikasi_baca(dunia: Dunia):
    """A notification belongs to its recipient. Anyone may post the form (it answers the same
    redirect for every id, so nothing leaks), but only the recipient's notification is marked read."""
    from kerjasama.models import Notifikasi

    n = Notifikasi.objects.create(penerima=dunia.pengguna["tkksd"], judul="Uji matriks",
                                  tautan=f"/kerjasama/{dunia.kasus_dishub.pk}/")

    def periksa(username, response):
        n.refresh_from_db()
        dibaca = n.dibaca_pada is not None
        if username != "tkksd" and dibaca:
            return "notifikasi milik orang lain ikut ditandai dibaca"
        if username == "tkksd" and not dibaca:
            return "notifikasi penerimanya tidak ditandai dibaca"
        if username != "tkksd" and response.get("Location", "") == n.tautan:
            return "tautan notifikasi orang lain terungkap"
        return None

    return [Permintaan({"pk": n.pk}, melihat=SEMUA, berwenang=SEMUA, metode="post", berhasil=(302,), periksa=periksa)]


@penyedia("tenggat-detail")
def tenggat(dunia: Dunia):
    hasil = []
    for ks, m in _kasus(dunia):
        t = ks.tenggat.get(aturan="masa_berlaku_perjanjian")
        hasil.append(Permintaan({"pk": t.pk}, melihat=m, berwenang=m))
    return hasil


@penyedia("perangkat-daerah-detail")
def perangkat_daerah(dunia: Dunia):
    # Reference data: every signed-in user reads the list of PDs.
    return [Permintaan({"pk": dunia.pd_dishub.pk}, melihat=SEMUA, berwenang=SEMUA)]


@penyedia("mitra-detail")
def mitra(dunia: Dunia):
    # A mitra's representative sees only its own organisation (spec README "Actors and roles").
    return [
        Permintaan({"pk": dunia.mitra_bogor.pk}, melihat=SEMUA - {"mitra_pt"}, berwenang=SEMUA - {"mitra_pt"}),
        Permintaan({"pk": dunia.mitra_pt.pk}, melihat=SEMUA - {"mitra_bogor"}, berwenang=SEMUA - {"mitra_bogor"}),
    ]
