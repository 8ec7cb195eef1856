"""What each role sees of one case's documents and audit trail (issue 12, "Done means"): the partner's view of
its own case on the page, the API, riwayat.csv and the PDF lists exactly the shared documents and the entries
about shared steps; the PD does not see a Sangat Rahasia paper; staff see everything; the others nothing."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from kerjasama import alur, services
from kerjasama.models import RiwayatAudit
from tests.factories import PerjanjianLamaFactory

from .matriks import PDF, SEMUA

JUDUL_DIBAGIKAN = ["PKS bersama", "Jawaban mitra", "Surat ke mitra"]
JUDUL_INTERNAL = ["Kajian TKKSD", "Laporan internal Ps 33"]


def _pdf():
    return SimpleUploadedFile("b.pdf", PDF, content_type="application/pdf")


@pytest.fixture
def kasus_lengkap(pengguna, pd_dishub, mitra_bogor):
    """A cooperation with shared and internal papers, a classification change and supervision activity."""
    from tests.pengawasan.factories import KegiatanPengawasanFactory

    tkksd = pengguna["tkksd"]
    ks = PerjanjianLamaFactory(by=tkksd, perangkat_daerah=pd_dishub, mitra=mitra_bogor, judul="Terminal bersama",
                               jenis="KSDD")

    def unggah(by, jenis, judul):
        return services.dokumen_unggah(by=by, kerjasama=ks, berkas=_pdf(), jenis=jenis, judul=judul)

    unggah(tkksd, "pks", "PKS bersama")
    kajian = unggah(tkksd, "kajian", "Kajian TKKSD")
    unggah(pengguna["pd_dishub"], "laporan", "Laporan internal Ps 33 ayat (1) kepada Wali Kota")
    unggah(pengguna["mitra_bogor"], "surat_jawaban", "Jawaban mitra")
    services.dokumen_ubah_klasifikasi(dokumen=kajian.dokumen, by=tkksd, klasifikasi="sangat_rahasia",
                                      dibagikan_mitra=False, alasan="Memuat posisi tawar Daerah.")
    KegiatanPengawasanFactory(kerjasama=ks, by=tkksd, ketua=pengguna["ketua"])
    unggah(tkksd, "surat_keluar", "Surat ke mitra")
    return ks


# What the partner sees of the audit trail, exactly: the case's creation and the three shared documents.
def _riwayat_mitra(ks):
    return [
        ("dibuat", f"Kerja sama {ks.nomor} dicatat."),
        ("dokumen_diunggah", "Perjanjian Kerja Sama (PKS): PKS bersama (versi 1)"),
        ("dokumen_diunggah", "Surat jawaban mitra: Jawaban mitra (versi 1)"),
        ("dokumen_diunggah", "Surat keluar: Surat ke mitra (versi 1)"),
    ]


@pytest.mark.django_db
def test_mitra_melihat_tepat_dokumen_dan_riwayat_yang_dibagikan(kasus_lengkap, pengguna):
    ks, mitra = kasus_lengkap, pengguna["mitra_bogor"]
    harap = _riwayat_mitra(ks)
    # API: the documents (with their fields) and the audit entries.
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=mitra).key}")
    dok = api.get(f"/api/v1/kerjasama/{ks.pk}/dokumen/").json()
    assert sorted(d["judul"] for d in dok) == sorted(JUDUL_DIBAGIKAN)
    assert all((d["klasifikasi"], d["dibagikan_mitra"]) == ("biasa", True) for d in dok)
    assert set(dok[0]) == {"id", "jenis", "judul", "dibuat_pada", "klasifikasi", "dibagikan_mitra", "mengoreksi",
                           "alasan_koreksi", "versi"}
    riwayat = api.get(f"/api/v1/kerjasama/{ks.pk}/").json()["riwayat"]
    assert [(r["aksi"], r["komentar"]) for r in riwayat] == harap
    # riwayat.csv: the same rows.
    web = Client()
    web.force_login(mitra)
    rows = list(csv.reader(io.StringIO(web.get(reverse("kerjasama:riwayat_csv", args=[ks.pk])).content.decode())))
    # (its action column in words: labels, never codes, issue 14)
    assert [(r[2], r[5]) for r in rows[1:]] == [(alur.label_aksi(aksi), komentar) for aksi, komentar in harap]
    # The page: the shared documents and entries, nothing internal.
    halaman = web.get(reverse("kerjasama:detail", args=[ks.pk])).content.decode()
    for judul in JUDUL_DIBAGIKAN:
        assert judul in halaman
    for tersembunyi in [*JUDUL_INTERNAL, "Tim Pengawasan dibentuk", "Pengawasan dimulai", "Memuat posisi tawar",
                        "Sangat Rahasia"]:
        assert tersembunyi not in halaman, tersembunyi
    # The PDF of the audit trail.
    from pypdf import PdfReader

    r = web.get(reverse("kerjasama:riwayat_pdf", args=[ks.pk]))
    assert r.status_code == 200
    teks = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(r.content)).pages)
    for _, komentar in harap[1:]:
        assert komentar.split(": ", 1)[1].split(" (")[0] in teks
    for tersembunyi in [*JUDUL_INTERNAL, "Tim Pengawasan dibentuk", "Pengawasan dimulai", "posisi tawar"]:
        assert tersembunyi not in teks, tersembunyi


@pytest.mark.django_db
def test_riwayat_per_peran(kasus_lengkap, pengguna):
    """Each role's view of the case's audit trail (API): staff and the auditor everything; the PD Pemrakarsa
    everything but the entries about the Sangat Rahasia study; the partner exactly the shared steps; the
    others do not see the case (404)."""
    ks = kasus_lengkap
    semua = list(RiwayatAudit.objects.filter(kerjasama=ks).order_by("pada", "id").values_list("aksi", "komentar"))
    kajian = [(a, k) for a, k in semua if "Kajian TKKSD" in k]
    assert len(kajian) == 2  # its upload and its reclassification
    harap = {
        "tkksd": semua, "ketua": semua, "walikota": semua, "auditor": semua,
        "pd_dishub": [x for x in semua if x not in kajian],
        "mitra_bogor": _riwayat_mitra(ks),
    }
    salah = []
    for username in sorted(SEMUA):
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=pengguna[username]).key}")
        r = api.get(f"/api/v1/kerjasama/{ks.pk}/")
        if username not in harap:
            if r.status_code != 404:
                salah.append(f"{username}: {r.status_code}, seharusnya 404")
            continue
        dilihat = [(x["aksi"], x["komentar"]) for x in r.json()["riwayat"]]
        if dilihat != harap[username]:
            salah.append(f"{username}: melihat {len(dilihat)} entri, seharusnya {len(harap[username])}: "
                         f"{sorted(set(dilihat) ^ set(harap[username]))}")
    assert not salah, "\n".join(salah)


@pytest.mark.django_db
def test_isian_langkah_tidak_menyebut_dokumen_yang_tersembunyi_bagi_mitra(kasus_lengkap, pengguna):
    """A step's recorded isian may name the TKKSD's own study: the partner sees the step, not the study's id."""
    from kerjasama.models import Dokumen

    ks = kasus_lengkap
    kajian = Dokumen.objects.get(kerjasama=ks, judul="Kajian TKKSD")
    pks = Dokumen.objects.get(kerjasama=ks, judul="PKS bersama")
    services.audit_catat(kerjasama=ks, aksi="catat_langkah_uji", oleh=pengguna["tkksd"], komentar="langkah uji",
                         data={"isian": {"kajian": str(kajian.pk), "pks": pks.pk, "catatan": "ringkas"}})

    def isian(user):
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
        riwayat = api.get(f"/api/v1/kerjasama/{ks.pk}/").json()["riwayat"]
        return next(r for r in riwayat if r["aksi"] == "catat_langkah_uji")["data"]["isian"]

    assert isian(pengguna["mitra_bogor"]) == {"pks": pks.pk, "catatan": "ringkas"}
    assert isian(pengguna["tkksd"]) == {"kajian": str(kajian.pk), "pks": pks.pk, "catatan": "ringkas"}
