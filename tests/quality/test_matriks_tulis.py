"""The permission matrix for WRITES (issue 12, "Done means"): every role × every document type × representative
stages, for "upload", "new version" and "change classification", on the web and the API; plus the documents
not filed on a case (mapping cycle, Tim Pemetaan, supervision activity, follow-up). 0 unauthorised writes:
besides the status code, every request is checked against the number of stored versions and the document's
classification before and after.

The expectations are written out by hand from the spec ("Actors and roles", "Documents") and the regulation,
never computed with `kerjasama.permissions` (a matrix that asks the code what to expect could not fail):

- the Sekretariat TKKSD files everything, at every stage, and alone changes a classification;
- the auditor never writes;
- the Ketua TKKSD and the Wali Kota file on a case that is not finished;
- the PD Pemrakarsa files anything but the TKKSD's own study, the decisions and powers of attorney, and the
  letters of the DPRD and of outside authorities;
- the DPRD files only its own letter, only while the case is before it (Ps 27, 41, 65);
- the partner files its answers, letters, application, study and reports, and adds versions only to its own
  uploads; a document not shared with it does not exist for it (404);
- a PD of another agency, another partner, a supervision team not assigned: the case does not exist (404);
- nobody adds a version on top of a signed version (a correction is a new document).
"""

from __future__ import annotations

import functools

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from kerjasama import services
from kerjasama.constants import JenisDokumen, StatusDokumen
from kerjasama.models import Dokumen, VersiDokumen

from .matriks import MELIHAT_SEMUA, PDF, SEMUA

OK, DILARANG, TIDAK_ADA = "ok", 403, 404

STAF_SAJA = {"kajian", "surat_kuasa", "surat_dprd", "surat_gubernur", "surat_menteri", "keputusan"}
MITRA_BOLEH = {"surat_jawaban", "surat_masuk", "surat_penawaran", "studi_kelayakan", "laporan", "lainnya"}
# Shared with the partner by default: what the two sides sign, exchange or send each other.
DIBAGIKAN = {"surat_penawaran", "surat_jawaban", "kesepakatan_bersama", "pks", "adendum", "loi", "rencana_kerja_sama",
             "naskah", "surat_keluar", "surat_masuk", "rencana_aksi", "berita_acara"}
SEMUA_JENIS = list(JenisDokumen.values)

# Representative stages: the legacy agreement in pelaksanaan, a KSDD before the DPRD, the same agreement ended.
TAHAP = ("pelaksanaan", "persetujuan_dprd", "selesai")
MELIHAT = {
    "pelaksanaan": MELIHAT_SEMUA | {"pd_dishub", "mitra_bogor"},
    "persetujuan_dprd": MELIHAT_SEMUA | {"pd_dishub", "mitra_bogor", "dprd"},
    "selesai": MELIHAT_SEMUA | {"pd_dishub", "mitra_bogor"},
}


def harapan_unggah(username: str, jenis: str, tahap: str):
    if username not in MELIHAT[tahap]:
        return TIDAK_ADA
    if username == "tkksd":
        return OK
    if username == "auditor" or tahap == "selesai":
        return DILARANG
    if username in ("ketua", "walikota"):
        return OK
    if username == "dprd":
        return OK if (tahap == "persetujuan_dprd" and jenis == "surat_dprd") else DILARANG
    if username == "pd_dishub":
        return DILARANG if jenis in STAF_SAJA else OK
    if username == "mitra_bogor":
        return OK if jenis in MITRA_BOLEH else DILARANG
    raise AssertionError(username)


def harapan_versi_baru(username: str, jenis: str, tahap: str, *, milik_mitra: bool = False, ditandatangani: bool = False):
    """A new version of a document of type `jenis` first uploaded by the Sekretariat (or by the partner)."""
    if username not in MELIHAT[tahap]:
        return TIDAK_ADA
    if username == "mitra_bogor" and not (milik_mitra or jenis in DIBAGIKAN):
        return TIDAK_ADA  # not shared with the partner: not there for it
    if ditandatangani:
        return DILARANG
    if username == "mitra_bogor":
        return OK if (milik_mitra and jenis in MITRA_BOLEH and tahap != "selesai") else DILARANG
    return harapan_unggah(username, jenis, tahap)


def harapan_klasifikasi(username: str, jenis: str, tahap: str):
    if username not in MELIHAT[tahap] or (username == "mitra_bogor" and jenis not in DIBAGIKAN):
        return TIDAK_ADA
    return OK if username == "tkksd" else DILARANG


def _pdf():
    return SimpleUploadedFile("matriks-tulis.pdf", PDF, content_type="application/pdf")


@pytest.fixture
def dunia_tulis(pengguna):
    from tests.factories import PerjanjianLamaFactory
    from tests.ksdd.factories import KasusKsddFactory

    tkksd = pengguna["tkksd"]
    pd, mitra = pengguna["pd_dishub"].perangkat_daerah, pengguna["mitra_bogor"].mitra
    kasus = {
        "pelaksanaan": PerjanjianLamaFactory(by=tkksd, perangkat_daerah=pd, mitra=mitra, jenis="KSDD"),
        "persetujuan_dprd": KasusKsddFactory(by=pengguna["pd_dishub"], perangkat_daerah=pd, mitra=mitra,
                                             persetujuan_dprd=True),
        "selesai": PerjanjianLamaFactory(by=tkksd, perangkat_daerah=pd, mitra=mitra, jenis="KSDD"),
    }
    import datetime

    services.transisi_jalankan(kasus=kasus["selesai"], nama="akhiri", by=tkksd,
                               data={"tanggal_selesai": (datetime.date.today()).isoformat(),
                                     "komentar": "Diakhiri untuk matriks (Ps 79)."})
    assert kasus["selesai"].__class__.objects.get(pk=kasus["selesai"].pk).tahap == "selesai"
    assert Group.objects.filter(name="dprd").exists()
    dokumen = {}
    for tahap, ks in kasus.items():
        for jenis in SEMUA_JENIS:
            dokumen[tahap, jenis] = services.dokumen_unggah(
                by=tkksd, kerjasama=ks, berkas=_pdf(), jenis=jenis, judul=f"{jenis} staf", periksa_izin=False).dokumen
        dokumen[tahap, "milik_mitra"] = services.dokumen_unggah(
            by=pengguna["mitra_bogor"], kerjasama=ks, berkas=_pdf(), jenis="surat_jawaban", judul="Jawaban mitra",
            periksa_izin=False).dokumen
        dokumen[tahap, "ditandatangani"] = services.dokumen_unggah(
            by=tkksd, kerjasama=ks, berkas=_pdf(), jenis="pks", judul="PKS ditandatangani", periksa_izin=False,
            status=StatusDokumen.DITANDATANGANI).dokumen
    return kasus, dokumen


def _web(user):
    c = Client()
    c.force_login(user)
    return c


def _api(user):
    c = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    c.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return c


def _unggah(saluran, klien, ks, jenis):
    data = {"jenis": jenis, "judul": "Unggahan matriks", "status": "draft", "berkas": _pdf()}
    if saluran == "web":
        return klien.post(reverse("kerjasama:dokumen_unggah", args=[ks.pk]), data)
    return klien.post(f"/api/v1/kerjasama/{ks.pk}/dokumen/", data, format="multipart")


def _versi_baru(saluran, klien, ks, d):
    if saluran == "web":
        return klien.post(reverse("kerjasama:dokumen_versi_baru", args=[d.pk]), {"status": "draft", "berkas": _pdf()})
    return klien.post(f"/api/v1/kerjasama/{ks.pk}/dokumen/",
                      {"jenis": d.jenis, "dokumen": d.pk, "status": "draft", "berkas": _pdf()}, format="multipart")


def _cocok(harap, status: int, berhasil: tuple[int, ...]) -> bool:
    return status in berhasil if harap == OK else status == harap


def _jalankan(kirim, harap, *, berhasil, tulis_diharapkan) -> str | None:
    """One request inside a savepoint (every request sees the same start); checks the status and that the
    number of stored versions grew only when the write was allowed."""
    sid = transaction.savepoint()
    try:
        sebelum = VersiDokumen.objects.count()
        r = kirim()
        sesudah = VersiDokumen.objects.count()
    finally:
        transaction.savepoint_rollback(sid)
    if not _cocok(harap, r.status_code, berhasil):
        return f"{r.status_code}, seharusnya {harap}"
    if harap == OK and tulis_diharapkan and sesudah != sebelum + 1:
        return "berhasil tetapi versi tidak tersimpan"
    if harap != OK and sesudah != sebelum:
        return f"PENULISAN TANPA WEWENANG ({sesudah - sebelum} versi)"
    return None


@pytest.mark.django_db
@pytest.mark.parametrize("tahap", TAHAP)
def test_matriks_unggah(tahap, dunia_tulis, pengguna):
    kasus, _ = dunia_tulis
    ks = kasus[tahap]
    salah = []
    for username in sorted(SEMUA):
        user = pengguna[username]
        web, api = _web(user), _api(user)
        for jenis in SEMUA_JENIS:
            harap = harapan_unggah(username, jenis, tahap)
            for saluran, klien, berhasil in (("web", web, (302,)), ("api", api, (201,))):
                pesan = _jalankan(functools.partial(_unggah, saluran, klien, ks, jenis), harap, berhasil=berhasil,
                                  tulis_diharapkan=True)
                if pesan:
                    salah.append(f"unggah {jenis} [{tahap}, {saluran}] sebagai {username}: {pesan}")
    assert not salah, "\n".join(salah)


@pytest.mark.django_db
@pytest.mark.parametrize("tahap", TAHAP)
def test_matriks_versi_baru(tahap, dunia_tulis, pengguna):
    kasus, dokumen = dunia_tulis
    ks = kasus[tahap]
    salah = []
    daftar = [(jenis, dokumen[tahap, jenis], {}) for jenis in SEMUA_JENIS]
    daftar += [("surat_jawaban", dokumen[tahap, "milik_mitra"], {"milik_mitra": True}),
               ("pks", dokumen[tahap, "ditandatangani"], {"ditandatangani": True})]
    for username in sorted(SEMUA):
        user = pengguna[username]
        web, api = _web(user), _api(user)
        for jenis, d, sifat in daftar:
            harap = harapan_versi_baru(username, jenis, tahap, **sifat)
            for saluran, klien, berhasil in (("web", web, (302,)), ("api", api, (201,))):
                # On the API the case comes first: an invisible case is 404 before the document is looked at.
                pesan = _jalankan(functools.partial(_versi_baru, saluran, klien, ks, d), harap, berhasil=berhasil,
                                  tulis_diharapkan=True)
                if pesan:
                    salah.append(f"versi baru {d.judul} [{tahap}, {saluran}] sebagai {username}: {pesan}")
    assert not salah, "\n".join(salah)


@pytest.mark.django_db
@pytest.mark.parametrize("tahap", TAHAP)
def test_matriks_ubah_klasifikasi(tahap, dunia_tulis, pengguna):
    _, dokumen = dunia_tulis
    salah = []
    for username in sorted(SEMUA):
        web = _web(pengguna[username])
        for jenis in SEMUA_JENIS:
            d = dokumen[tahap, jenis]
            harap = harapan_klasifikasi(username, jenis, tahap)
            ke = "terbatas" if d.klasifikasi == "biasa" else "biasa"
            sid = transaction.savepoint()
            try:
                r = web.post(reverse("kerjasama:dokumen_klasifikasi", args=[d.pk]),
                             {"klasifikasi": ke, "alasan": "Uji matriks."})
                berubah = Dokumen.objects.get(pk=d.pk).klasifikasi == ke
            finally:
                transaction.savepoint_rollback(sid)
            if not _cocok(harap, r.status_code, (302,)):
                salah.append(f"klasifikasi {jenis} [{tahap}] sebagai {username}: {r.status_code}, seharusnya {harap}")
            elif berubah != (harap == OK):
                salah.append(f"klasifikasi {jenis} [{tahap}] sebagai {username}: berubah={berubah}")
    assert not salah, "\n".join(salah)


# --- documents not filed on a case: the owner's writer decides ----------------------------------------------


@pytest.fixture
def dunia_pemilik(pengguna):
    """A mapping cycle (Sekretariat), Dishub's Tim Pemetaan, a supervision activity on Dishub's cooperation
    and a follow-up, each owning one document."""
    from pengawasan import services as pengawasan_services  # noqa: F401  (registers the supervision rules)
    from tests.factories import PerjanjianLamaFactory
    from tests.pemetaan.factories import SiklusFactory, TimPemetaanFactory
    from tests.pengawasan.factories import KegiatanPengawasanFactory

    tkksd = pengguna["tkksd"]
    pd, mitra = pengguna["pd_dishub"].perangkat_daerah, pengguna["mitra_bogor"].mitra
    ks = PerjanjianLamaFactory(by=tkksd, perangkat_daerah=pd, mitra=mitra, jenis="KSDD")
    kegiatan = KegiatanPengawasanFactory(kerjasama=ks, by=tkksd, ketua=pengguna["ketua"])
    pemilik = {
        "siklus pemetaan (berita acara)": (SiklusFactory(), "berita_acara", {"tkksd", "ketua", "walikota"}),
        "Tim Pemetaan (keputusan)": (TimPemetaanFactory(perangkat_daerah=pd), "keputusan", {"tkksd", "pd_dishub"}),
        "kegiatan pengawasan (laporan)": (kegiatan, "laporan", {"tkksd"}),
        "kegiatan pengawasan (matrik)": (kegiatan, "matrik_evaluasi", {"tkksd"}),
    }
    hasil = {}
    for nama, (obj, jenis, penulis) in pemilik.items():
        d = services.dokumen_unggah(by=tkksd, berkas=_pdf(), jenis=jenis, judul=nama, pemilik=obj,
                                    periksa_izin=False).dokumen
        hasil[nama] = (d, penulis)
    # A follow-up (Ps 85(7)): an accepted evaluation opens one per matrix row; its draft warning letter.
    from pengawasan.models import TindakLanjut

    KegiatanPengawasanFactory(kerjasama=ks, by=tkksd, ketua=pengguna["ketua"], jenis="evaluasi", diterima=True)
    tl = TindakLanjut.objects.filter(kerjasama_id=ks.pk).first()
    assert tl is not None, "evaluasi yang diterima membuka tindak lanjut (Ps 85(7))"
    d = services.dokumen_unggah(by=tkksd, berkas=_pdf(), jenis="surat_keluar", judul="Draf surat teguran", pemilik=tl,
                                periksa_izin=False).dokumen
    hasil["tindak lanjut (surat teguran)"] = (d, {"tkksd"})
    return hasil


@pytest.mark.django_db
def test_matriks_versi_baru_dokumen_bukan_milik_kasus(dunia_pemilik, pengguna):
    """Issue 12 finding 3: exactly the owner's writers add a version; everyone else gets 403 or 404 (404 when
    the owner is invisible to them) and nothing is stored."""
    salah = []
    for nama, (d, penulis) in dunia_pemilik.items():
        for username in sorted(SEMUA):
            web = _web(pengguna[username])
            sid = transaction.savepoint()
            try:
                sebelum = d.versi.count()
                r = web.post(reverse("kerjasama:dokumen_versi_baru", args=[d.pk]), {"status": "final", "berkas": _pdf()})
                ditulis = d.versi.count() - sebelum
            finally:
                transaction.savepoint_rollback(sid)
            if username in penulis:
                if r.status_code != 302 or ditulis != 1:
                    salah.append(f"{nama} sebagai {username}: {r.status_code}, {ditulis} versi; seharusnya 302")
            elif r.status_code not in (403, 404) or ditulis:
                salah.append(f"{nama} sebagai {username}: {r.status_code}, {ditulis} versi; seharusnya 403/404")
    assert not salah, "\n".join(salah)
