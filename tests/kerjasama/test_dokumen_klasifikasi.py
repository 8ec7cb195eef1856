"""Issue 12, findings 2 and 3: a partner does not read the Pemda's internal papers of its own case (nor,
through the audit trail, the supervision file); documents are not re-versioned by people who may only
read them, nor on top of a signed version. Each test failed on the code before this change."""


from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from kerjasama import services
from kerjasama.constants import Klasifikasi, StatusDokumen
from kerjasama.models import Dokumen, RiwayatAudit, VersiDokumen
from kerjasama.permissions import dapat_melihat_dokumen
from tests.factories import PerjanjianLamaFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(nama="berkas.pdf"):
    return SimpleUploadedFile(nama, PDF, content_type="application/pdf")


@pytest.fixture
def kasus(pengguna, pd_dishub, mitra_bogor):
    return PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor,
                                 judul="Angkutan perbatasan", jenis="KSDD")


def unggah(kasus, by, jenis, judul, **kw):
    return services.dokumen_unggah(by=by, kerjasama=kasus, berkas=pdf(), jenis=jenis, judul=judul,
                                   periksa_izin=False, **kw)


# --- finding 2: the partner and the city's internal papers -----------------------------------------------


@pytest.mark.django_db
def test_mitra_tidak_membaca_kajian_dan_laporan_internal_kasusnya_sendiri(kasus, pengguna, klien, api):
    """Issue 12 finding 2: the TKKSD's study and the PD's internal report to the Wali Kota (Ps 33(1)) are not
    shared with the partner: not on the page, not in the API, not downloadable, not in riwayat.csv."""
    tkksd, mitra = pengguna["tkksd"], pengguna["mitra_bogor"]
    pks = unggah(kasus, tkksd, "pks", "PKS bersama QX1")
    kajian = unggah(kasus, tkksd, "kajian", "Kajian TKKSD rahasia QX2")
    laporan = unggah(kasus, pengguna["pd_dishub"], "laporan", "Laporan internal Ps 33 ayat 1 QX3")
    halaman = klien(mitra).get(reverse("kerjasama:detail", args=[kasus.pk])).content.decode()
    assert "PKS bersama QX1" in halaman
    assert "QX2" not in halaman and "QX3" not in halaman
    daftar = api(mitra).get(f"/api/v1/kerjasama/{kasus.pk}/dokumen/").json()
    assert [d["judul"] for d in daftar] == ["PKS bersama QX1"]
    for v in (kajian, laporan):
        assert klien(mitra).get(reverse("kerjasama:dokumen_unduh", args=[v.pk])).status_code == 404
    assert klien(mitra).get(reverse("kerjasama:dokumen_unduh", args=[pks.pk])).status_code == 200
    csv = klien(mitra).get(reverse("kerjasama:riwayat_csv", args=[kasus.pk])).content.decode()
    assert "QX1" in csv and "QX2" not in csv and "QX3" not in csv
    # The PD and the staff still read all three.
    for username in ("pd_dishub", "tkksd", "auditor"):
        assert all(dapat_melihat_dokumen(pengguna[username], v.dokumen) for v in (pks, kajian, laporan)), username


@pytest.mark.django_db
def test_riwayat_pengawasan_tidak_terlihat_oleh_mitra(kasus, pengguna, klien, api):
    """Issue 12 finding 2: the supervision team's notes, the evaluation matrix's rows and a follow-up being
    considered (Ps 85(7)g) do not reach the partner through the case's audit trail (page, CSV, API, PDF)."""
    from pengawasan.models import KegiatanPengawasan

    tkksd, mitra = pengguna["tkksd"], pengguna["mitra_bogor"]
    k = KegiatanPengawasan.objects.filter(kerjasama_id=kasus.pk).first()
    objek = k if k is not None else kasus
    services.audit_catat(kerjasama=kasus, objek=objek, aksi="kegiatan_matrik_disimpan", oleh=tkksd,
                         komentar="Baris matrik: teguran tertulis dipertimbangkan QX9")
    services.audit_catat(kerjasama=kasus, aksi="pengawasan_tim_dibentuk", oleh=tkksd, komentar="Tim QX8")
    services.audit_catat(kerjasama=kasus, aksi="tindak_lanjut_dibuka", oleh=tkksd, komentar="Surat teguran QX7")
    for c in (klien(mitra),):
        for url in (reverse("kerjasama:detail", args=[kasus.pk]), reverse("kerjasama:riwayat_csv", args=[kasus.pk])):
            isi = c.get(url).content.decode()
            for penanda in ("QX9", "QX8", "QX7"):
                assert penanda not in isi, (url, penanda)
    riwayat = api(mitra).get(f"/api/v1/kerjasama/{kasus.pk}/").json()["riwayat"]
    assert not any(p in (r["komentar"] or "") for r in riwayat for p in ("QX9", "QX8", "QX7"))
    # Staff see them.
    isi = klien(tkksd).get(reverse("kerjasama:riwayat_csv", args=[kasus.pk])).content.decode()
    assert all(p in isi for p in ("QX9", "QX8", "QX7"))


@pytest.mark.django_db
def test_klasifikasi_bawaan_dan_unggahan_mitra_sendiri_dibagikan(kasus, pengguna):
    tkksd = pengguna["tkksd"]
    assert (unggah(kasus, tkksd, "pks", "PKS").dokumen.dibagikan_mitra, unggah(kasus, tkksd, "pks", "x").dokumen.klasifikasi) == (
        True, Klasifikasi.BIASA)
    kajian = unggah(kasus, tkksd, "kajian", "Kajian").dokumen
    assert (kajian.klasifikasi, kajian.dibagikan_mitra) == (Klasifikasi.TERBATAS, False)
    # A partner's own upload of an otherwise internal type (a report) is shared with it.
    laporan = services.dokumen_unggah(by=pengguna["mitra_bogor"], kerjasama=kasus, berkas=pdf(), jenis="laporan",
                                      judul="Laporan mitra")
    assert laporan.dokumen.dibagikan_mitra is True


@pytest.mark.django_db
def test_sekretariat_mengubah_klasifikasi_dengan_alasan_dan_tercatat(kasus, pengguna, klien):
    tkksd, mitra = pengguna["tkksd"], pengguna["mitra_bogor"]
    kajian = unggah(kasus, tkksd, "kajian", "Kajian QX5")
    url = reverse("kerjasama:dokumen_klasifikasi", args=[kajian.dokumen_id])
    # no reason: refused, nothing changes
    klien(tkksd).post(url, {"klasifikasi": "biasa", "dibagikan_mitra": "on", "alasan": ""})
    kajian.dokumen.refresh_from_db()
    assert kajian.dokumen.dibagikan_mitra is False
    # the PD may not, the partner does not even see the document
    assert klien(pengguna["pd_dishub"]).post(url, {"klasifikasi": "biasa", "alasan": "x"}).status_code == 403
    assert klien(mitra).post(url, {"klasifikasi": "biasa", "alasan": "x"}).status_code == 404
    r = klien(tkksd).post(url, {"klasifikasi": "biasa", "dibagikan_mitra": "on", "alasan": "Disepakati dibuka."})
    assert r.status_code == 302
    kajian.dokumen.refresh_from_db()
    assert (kajian.dokumen.klasifikasi, kajian.dokumen.dibagikan_mitra) == ("biasa", True)
    audit = RiwayatAudit.objects.get(aksi="dokumen_klasifikasi_diubah")
    assert (audit.oleh, audit.data["dari"], audit.data["ke"]) == (
        tkksd, {"klasifikasi": "terbatas", "dibagikan_mitra": False}, {"klasifikasi": "biasa", "dibagikan_mitra": True})
    assert "Disepakati dibuka." in audit.komentar
    assert klien(mitra).get(reverse("kerjasama:dokumen_unduh", args=[kajian.pk])).status_code == 200
    # Rahasia cannot be shared with the partner.
    r = klien(tkksd).post(url, {"klasifikasi": "rahasia", "dibagikan_mitra": "on", "alasan": "Salah."})
    kajian.dokumen.refresh_from_db()
    assert kajian.dokumen.klasifikasi == "biasa"


@pytest.mark.django_db
def test_dokumen_rahasia_hanya_untuk_yang_berhak(kasus, pengguna):
    tkksd = pengguna["tkksd"]
    v = unggah(kasus, tkksd, "kajian", "Kajian", klasifikasi=Klasifikasi.SANGAT_RAHASIA)
    lihat = {u for u, user in pengguna.items() if dapat_melihat_dokumen(user, v.dokumen)}
    assert lihat == {"tkksd", "ketua", "walikota", "auditor"}
    Dokumen.objects.filter(pk=v.dokumen_id).update(klasifikasi=Klasifikasi.RAHASIA)
    v.dokumen.refresh_from_db()
    lihat = {u for u, user in pengguna.items() if dapat_melihat_dokumen(user, v.dokumen)}
    assert lihat == {"tkksd", "ketua", "walikota", "auditor", "pd_dishub"}


# --- finding 3: who adds a version --------------------------------------------------------------------


def _versi_baru(c, dokumen):
    return c.post(reverse("kerjasama:dokumen_versi_baru", args=[dokumen.pk]), {"status": "final", "berkas": pdf()})


@pytest.mark.django_db
def test_auditor_dan_pd_lain_tidak_menambah_versi_dokumen_pemetaan_dan_pengawasan(pengguna, klien, pd_dishub, kasus):
    """Issue 12 finding 3: "Versi baru" on documents not filed on a case checked only that the user could see
    them; the auditor and a PD of another agency added a final version 2. Now the owner's writer decides."""
    from pengawasan.models import TindakLanjut
    from tests.pemetaan.factories import SiklusFactory, TimPemetaanFactory
    from tests.pengawasan.factories import KegiatanPengawasanFactory

    tkksd = pengguna["tkksd"]
    siklus = SiklusFactory()
    tim = TimPemetaanFactory(perangkat_daerah=pd_dishub)
    kegiatan = KegiatanPengawasanFactory(kerjasama=kasus, by=tkksd, ketua=pengguna["ketua"], jenis="evaluasi")
    pemilik = {"berita_acara": siklus, "keputusan": tim, "laporan": kegiatan, "matrik_evaluasi": kegiatan}
    tl = TindakLanjut.objects.filter(kerjasama_id=kasus.pk).first()
    dokumen = []
    for jenis, obj in pemilik.items():
        dokumen.append(services.dokumen_unggah(by=tkksd, berkas=pdf(), jenis=jenis, judul=f"{jenis} uji", pemilik=obj,
                                               periksa_izin=False).dokumen)
    if tl is not None:
        dokumen.append(services.dokumen_unggah(by=tkksd, berkas=pdf(), jenis="surat_keluar", judul="Surat teguran",
                                               pemilik=tl, periksa_izin=False).dokumen)
    for d in dokumen:
        for username in ("auditor", "pd_disbudpar", "mitra_bogor", "mitra_pt", "dprd"):
            r = _versi_baru(klien(pengguna[username]), d)
            assert r.status_code in (403, 404), (username, d.jenis, r.status_code)
            assert d.versi.count() == 1, (username, d.jenis)
    # The Sekretariat may.
    for d in dokumen:
        assert _versi_baru(klien(tkksd), d).status_code == 302
        assert d.versi.count() == 2


@pytest.mark.django_db
def test_dprd_mengunggah_hanya_suratnya_selama_kasus_di_dprd(pengguna, pd_dishub, mitra_bogor, klien):
    """Issue 12 finding 3: the DPRD could upload at any stage. Ps 27, 41, 65: it answers with its letter while
    the case is before it."""
    from django.contrib.auth.models import Group

    from kerjasama.permissions import beri_akses
    from tests.ksdd.factories import KasusKsddFactory

    dprd = pengguna["dprd"]
    di_dprd = KasusKsddFactory(by=pengguna["pd_dishub"], perangkat_daerah=pd_dishub, mitra=mitra_bogor,
                               persetujuan_dprd=True)
    lewat = KasusKsddFactory(by=pengguna["pd_dishub"], perangkat_daerah=pd_dishub, mitra=mitra_bogor,
                             penyusunan_pks=True)
    beri_akses(lewat, grup=Group.objects.get(name="dprd"))  # it was before the DPRD earlier

    def kirim(kasus, jenis):
        return klien(dprd).post(reverse("kerjasama:dokumen_unggah", args=[kasus.pk]),
                                {"jenis": jenis, "judul": "Surat", "status": "final", "berkas": pdf()})

    sebelum = VersiDokumen.objects.count()
    assert kirim(lewat, "surat_dprd").status_code == 403
    assert kirim(di_dprd, "pks").status_code == 403
    assert VersiDokumen.objects.count() == sebelum
    assert kirim(di_dprd, "surat_dprd").status_code == 302
    assert VersiDokumen.objects.count() == sebelum + 1


@pytest.mark.django_db
def test_tidak_ada_versi_baru_di_atas_dokumen_yang_ditandatangani(kasus, pengguna, klien, api):
    """Issue 12 finding 3: a mitra or the DPRD added new versions on top of the signed PKS and the TKKSD's own
    study. Nobody adds a version to a signed (or archived) document; a correction is a new document that
    refers to it, with a reason."""
    tkksd, mitra = pengguna["tkksd"], pengguna["mitra_bogor"]
    pks = unggah(kasus, tkksd, "pks", "PKS ditandatangani", status=StatusDokumen.DITANDATANGANI).dokumen
    kajian = unggah(kasus, tkksd, "kajian", "Kajian TKKSD").dokumen
    for username in ("tkksd", "walikota", "pd_dishub", "mitra_bogor"):
        r = _versi_baru(klien(pengguna[username]), pks)
        assert r.status_code == 403, username
        assert "koreksi" in r.content.decode().lower() or username != "tkksd"
    r = api(mitra).post(f"/api/v1/kerjasama/{kasus.pk}/dokumen/",
                        {"jenis": "pks", "dokumen": pks.pk, "berkas": pdf()}, format="multipart")
    assert r.status_code == 403 and "koreksi" in r.json()["detail"]
    assert _versi_baru(klien(mitra), kajian).status_code == 404  # not shared with it: not there
    assert _versi_baru(klien(pengguna["pd_dishub"]), kajian).status_code == 403  # the TKKSD's own study
    assert pks.versi.count() == 1 and kajian.versi.count() == 1
    # The correction: a new document referring to the signed one, with a reason.
    url = reverse("kerjasama:dokumen_unggah", args=[kasus.pk])
    klien(tkksd).post(url, {"jenis": "pks", "judul": "PKS koreksi", "status": "draft", "berkas": pdf(),
                            "mengoreksi": pks.pk, "alasan_koreksi": ""})
    assert not Dokumen.objects.filter(mengoreksi=pks).exists()
    klien(tkksd).post(url, {"jenis": "pks", "judul": "PKS koreksi", "status": "draft", "berkas": pdf(),
                            "mengoreksi": pks.pk, "alasan_koreksi": "Salah ketik nilai kontrak."})
    koreksi = Dokumen.objects.get(mengoreksi=pks)
    assert (koreksi.alasan_koreksi, koreksi.dibagikan_mitra) == ("Salah ketik nilai kontrak.", True)
    assert pks.versi.count() == 1


@pytest.mark.django_db
def test_mitra_menambah_versi_hanya_pada_unggahannya_sendiri(kasus, pengguna, klien):
    mitra = pengguna["mitra_bogor"]
    sendiri = services.dokumen_unggah(by=mitra, kerjasama=kasus, berkas=pdf(), jenis="surat_jawaban",
                                      judul="Jawaban").dokumen
    staf = unggah(kasus, pengguna["tkksd"], "surat_jawaban", "Jawaban dicatat staf").dokumen
    assert _versi_baru(klien(mitra), sendiri).status_code == 302
    assert _versi_baru(klien(mitra), staf).status_code == 403
    assert (sendiri.versi.count(), staf.versi.count()) == (2, 1)


@pytest.mark.django_db
def test_penolakan_tidak_menyisakan_berkas(kasus, pengguna, klien, settings):
    """Nothing half-saved: a refused write stores no file and no row."""
    from pathlib import Path

    pks = unggah(kasus, pengguna["tkksd"], "pks", "PKS", status=StatusDokumen.DITANDATANGANI).dokumen
    lokasi = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
    sebelum = sorted(p for p in lokasi.rglob("*") if p.is_file())
    assert _versi_baru(klien(pengguna["auditor"]), pks).status_code == 403
    assert _versi_baru(klien(pengguna["tkksd"]), pks).status_code == 403
    assert sorted(p for p in lokasi.rglob("*") if p.is_file()) == sebelum
