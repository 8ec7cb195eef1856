"""Issue 13 items 1–3 and issue 12 item 3 on the approval dashboard: a signature is offered only from the
folder the Sekretariat prepared with a FINAL version (its SHA-256 recorded); the dashboard shows the document's
pages, then the sign action; the PDF is signed (PAdES) and stored as a new version `ditandatangani`; a wrong
passphrase or a changed document changes nothing; "Kembalikan ke Sekretariat" with a reason; an ink signature
closes only on the uploaded scan (Perwal 57/2023 Ps 29; Ps 25 "bersama-sama")."""

import io
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from kerjasama.constants import StatusDokumen
from kerjasama.exceptions import TransisiTidakTersedia
from kerjasama.models import RiwayatAudit, VersiDokumen
from kerjasama.permissions import PERM_TANDATANGANI, beri_akses
from ksdd.models import KasusKsdd
from tests.tte.fixtures import SANDI_TTE, siapkan_pks, unggah_final
from tte.models import BerkasTandaTangan, DokumenResmi
from tte.verifikasi import verifikasi_pdf

pytestmark = pytest.mark.django_db

URL = "/dasbor/persetujuan/"


def _berkas(r, nama="tandatangani_pks"):
    return next(f for f in r.context["forms"] if f["t"].name == nama)


def _tte(c, kasus, sandi=SANDI_TTE):
    return c.post(f"{URL}{kasus.pk}/tandatangani_pks/tte/", {"passphrase": sandi})


def test_langkah_tanda_tangan_baru_ditawarkan_setelah_berkas_disiapkan(beku, pengguna, ksdd, klien, sertifikat):
    kasus = ksdd("penandatanganan_pks")
    c = klien(pengguna["walikota"])
    r = c.get(f"{URL}?item=ks-{kasus.pk}")
    f = _berkas(r)
    assert not f["siap"] and 'name="passphrase"' not in r.content.decode()
    assert "Menunggu Sekretariat TKKSD menyiapkan berkas" in r.content.decode()

    persiapan = siapkan_pks(kasus, pengguna["tkksd"])
    berkas = persiapan.berkas_tte
    r = c.get(f"{URL}?item=ks-{kasus.pk}")
    html = r.content.decode()
    assert _berkas(r)["siap"] and 'name="passphrase"' in html
    assert r.context["terpilih"].dokumen_versi == berkas.versi  # the prepared version is what he reads
    assert berkas.versi.status == StatusDokumen.FINAL and berkas.sha256 == berkas.versi.sha256
    assert berkas.sha256 in html
    # The document first (server-rendered pages), then the sign action.
    assert r.context["pratinjau"] == [1, 2]
    assert html.index('data-testid="pratinjau"') < html.index('name="passphrase"')
    png = c.get(f"/dasbor/persetujuan/halaman/{berkas.versi.pk}/1.png")
    assert png.status_code == 200 and png["Content-Type"] == "image/png" and png.content[:4] == b"\x89PNG"
    assert c.get(f"/dasbor/persetujuan/halaman/{berkas.versi.pk}/9.png").status_code == 404
    assert klien(pengguna["pd_disbudpar"]).get(f"/dasbor/persetujuan/halaman/{berkas.versi.pk}/1.png").status_code == 404
    audit = RiwayatAudit.objects.get(kerjasama_id=kasus.pk, aksi="berkas_tte_disiapkan")
    assert audit.oleh == pengguna["tkksd"] and audit.data["sha256"] == berkas.sha256


def test_persiapan_menolak_draf_berkas_tidak_lengkap_dan_yang_tidak_berwenang(beku, pengguna, ksdd, sertifikat):
    kasus = ksdd("penandatanganan_pks")
    tkksd = pengguna["tkksd"]
    draf = unggah_final(kasus, tkksd, status=StatusDokumen.DRAFT)
    with pytest.raises(ValidationError, match="Hanya versi FINAL"):
        siapkan_pks(kasus, tkksd, versi=draf)
    with pytest.raises(ValidationError, match="Nomor PKS"):
        siapkan_pks(kasus, tkksd, nomor_pks="")
    with pytest.raises(PermissionDenied):
        siapkan_pks(kasus, pengguna["pd_dishub"])
    with pytest.raises(TransisiTidakTersedia):
        siapkan_pks(ksdd("pembahasan_pks"), tkksd)
    assert not BerkasTandaTangan.objects.exists()
    assert not RiwayatAudit.objects.filter(aksi="berkas_tte_disiapkan").exists()


def test_tandatangani_elektronik_pades_disimpan_sebagai_versi_baru_dan_langkah_diambil(beku, pengguna, ksdd, klien,
                                                                                        sertifikat, caplog):
    kasus = ksdd("penandatanganan_pks")
    berkas = siapkan_pks(kasus, pengguna["tkksd"]).berkas_tte
    final = berkas.versi
    caplog.set_level(logging.DEBUG)

    r = _tte(klien(pengguna["walikota"]), kasus)

    assert r.status_code == 302, r.content.decode()[:3000]
    kasus = KasusKsdd.objects.get(pk=kasus.pk)
    assert kasus.tahap == "pelaksanaan" and kasus.nomor_pks == "119/PKS.1-Ks/III/2026"
    assert kasus.penandatangan_pks == pengguna["walikota"]
    versi = VersiDokumen.objects.filter(dokumen=final.dokumen).order_by("-nomor_versi")
    assert [v.status for v in versi] == [StatusDokumen.DITANDATANGANI, StatusDokumen.FINAL]  # the final stays
    bertanda = versi[0]
    assert kasus.pks_id == final.dokumen_id
    hasil = verifikasi_pdf(bertanda.berkas.open("rb").read())
    assert hasil.sah and hasil.tanda_tangan[0].penandatangan == "TRI ADHIANTO"
    resmi = DokumenResmi.objects.get(versi=bertanda)
    assert resmi.sha256 == bertanda.sha256 and resmi.penandatangan_jabatan == "WALI KOTA BEKASI"
    assert BerkasTandaTangan.objects.get(pk=berkas.pk).status == BerkasTandaTangan.Status.DITANDATANGANI
    audit = RiwayatAudit.objects.get(kerjasama_id=kasus.pk, aksi="tandatangani_pks")
    assert (audit.oleh, audit.ke_tahap) == (pengguna["walikota"], "pelaksanaan")
    assert RiwayatAudit.objects.filter(aksi="dokumen_ditandatangani_elektronik", data__kode=resmi.kode).exists()
    # The passphrase is never stored or logged.
    assert SANDI_TTE not in caplog.text
    assert not RiwayatAudit.objects.filter(komentar__contains=SANDI_TTE).exists()
    assert all(SANDI_TTE not in str(a.data) for a in RiwayatAudit.objects.all())


def test_passphrase_salah_tidak_mengubah_apa_pun(beku, pengguna, ksdd, klien, sertifikat):
    kasus = ksdd("penandatanganan_pks")
    siapkan_pks(kasus, pengguna["tkksd"])
    jumlah_versi, jumlah_audit = VersiDokumen.objects.count(), RiwayatAudit.objects.count()

    r = _tte(klien(pengguna["walikota"]), kasus, sandi="salah-ketik")

    assert r.status_code == 400
    assert "Passphrase salah" in r.content.decode() and "salah-ketik" not in r.content.decode()
    assert KasusKsdd.objects.get(pk=kasus.pk).tahap == "penandatanganan_pks"
    assert (VersiDokumen.objects.count(), RiwayatAudit.objects.count()) == (jumlah_versi, jumlah_audit)
    assert BerkasTandaTangan.objects.get().status == BerkasTandaTangan.Status.SIAP
    assert not DokumenResmi.objects.exists()
    r = klien(pengguna["walikota"]).post(f"{URL}{kasus.pk}/tandatangani_pks/tte/", {"passphrase": ""})
    assert r.status_code == 400 and "Ketik passphrase" in r.content.decode()


def test_sertifikat_kedaluwarsa_ditolak_dengan_pesan_jelas(beku, pengguna, ksdd, klien, sertifikat, kadishub):
    import datetime

    kasus = ksdd("penandatanganan_pks")
    beri_akses(kasus, user=kadishub, codename=PERM_TANDATANGANI)
    sertifikat(kadishub, "KEPALA DISHUB", "KEPALA DINAS PERHUBUNGAN", hari=10,
               mulai=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC))
    siapkan_pks(kasus, pengguna["tkksd"], penandatangan=kadishub)
    r = _tte(klien(kadishub), kasus)
    assert r.status_code == 400 and "sudah kedaluwarsa" in r.content.decode()
    assert KasusKsdd.objects.get(pk=kasus.pk).tahap == "penandatanganan_pks"


def test_pemegang_surat_kuasa_menandatangani_berkas_yang_disiapkan_untuknya(beku, pengguna, ksdd, klien, sertifikat,
                                                                          kadishub):
    """Ps 29(2): the head of a PD with a surat kuasa signs the PKS; the folder names him."""
    kasus = ksdd("penandatanganan_pks")
    beri_akses(kasus, user=kadishub, codename=PERM_TANDATANGANI)
    sertifikat(kadishub, "KEPALA DISHUB", "KEPALA DINAS PERHUBUNGAN")
    siapkan_pks(kasus, pengguna["tkksd"], penandatangan=kadishub)
    # The Wali Kota sees it, but the folder was prepared for the holder of the surat kuasa.
    assert _tte(klien(pengguna["walikota"]), kasus).status_code == 403
    assert _tte(klien(kadishub), kasus).status_code == 302
    kasus = KasusKsdd.objects.get(pk=kasus.pk)
    assert kasus.tahap == "pelaksanaan" and kasus.atas_dasar_surat_kuasa and kasus.penandatangan_pks == kadishub


def test_dokumen_berubah_setelah_disiapkan_penandatanganan_ditolak(beku, pengguna, ksdd, klien, sertifikat):
    """Issue 12 item 3: the dashboard refuses to sign when the prepared version changed after preparation."""
    kasus = ksdd("penandatanganan_pks")
    berkas = siapkan_pks(kasus, pengguna["tkksd"]).berkas_tte
    c = klien(pengguna["walikota"])

    # The stored bytes were altered behind the system's back.
    path = berkas.versi.berkas.path
    asli = open(path, "rb").read()
    open(path, "wb").write(asli[:-10] + b"%%EOF-UBAH")
    r = _tte(c, kasus)
    assert r.status_code == 409 and "SHA-256 berbeda" in r.content.decode()
    open(path, "wb").write(asli)

    # A newer version was added after preparation.
    unggah_final(kasus, pengguna["tkksd"], dokumen=berkas.versi.dokumen)
    r = c.get(f"{URL}?item=ks-{kasus.pk}")
    assert "Dokumen berubah sejak disiapkan" in r.content.decode() and 'name="passphrase"' not in r.content.decode()
    r = _tte(c, kasus)
    assert r.status_code == 409 and "Dokumen berubah sejak disiapkan" in r.content.decode()
    assert KasusKsdd.objects.get(pk=kasus.pk).tahap == "penandatanganan_pks"
    assert not DokumenResmi.objects.exists()


def test_kembalikan_ke_sekretariat_dengan_alasan(beku, pengguna, ksdd, klien, sertifikat):
    kasus = ksdd("penandatanganan_pks")
    siapkan_pks(kasus, pengguna["tkksd"])
    c = klien(pengguna["walikota"])
    r = c.post(f"{URL}{kasus.pk}/tandatangani_pks/kembalikan/", {"alasan": "  "})
    assert r.status_code == 400 and "Tuliskan alasan" in r.content.decode()

    r = c.post(f"{URL}{kasus.pk}/tandatangani_pks/kembalikan/", {"alasan": "Pasal 7 belum memuat jaminan."})

    assert r.status_code == 302
    berkas = BerkasTandaTangan.objects.get()
    assert berkas.status == BerkasTandaTangan.Status.DIKEMBALIKAN
    audit = RiwayatAudit.objects.get(aksi="berkas_tte_dikembalikan")
    assert (audit.oleh, audit.komentar) == (pengguna["walikota"], "Pasal 7 belum memuat jaminan.")
    r = c.get(f"{URL}?item=ks-{kasus.pk}")
    assert "Dikembalikan ke Sekretariat TKKSD: Pasal 7 belum memuat jaminan." in r.content.decode()
    assert 'name="passphrase"' not in r.content.decode()
    assert _tte(c, kasus).status_code == 409
    # The Sekretariat prepares again: offered again.
    siapkan_pks(kasus, pengguna["tkksd"])
    assert _berkas(c.get(f"{URL}?item=ks-{kasus.pk}"))["siap"]
    assert klien(pengguna["tkksd"]).post(f"{URL}{kasus.pk}/tandatangani_pks/kembalikan/",
                                         {"alasan": "x"}).status_code == 403


def test_tanda_tangan_basah_ditutup_hanya_dengan_pindaian(beku, pengguna, ksdd, klien, sertifikat):
    """Ps 25 "bersama-sama": signed on paper; never closed on the draft or the final text."""
    kasus = ksdd("penandatanganan_pks")
    siapkan_pks(kasus, pengguna["tkksd"], cara="basah")
    c = klien(pengguna["walikota"])
    assert 'name="passphrase"' not in c.get(URL).content.decode()
    r = c.post(f"{URL}{kasus.pk}/tandatangani_pks/basah/")
    assert r.status_code == 409 and "pindaian belum ada" in r.content.decode()
    assert KasusKsdd.objects.get(pk=kasus.pk).tahap == "penandatanganan_pks"

    final = open(BerkasTandaTangan.objects.get().versi.berkas.path, "rb").read()
    # The final text itself is not a scan of the signed paper (tte/aturan.py): refused, nothing stored.
    sama = SimpleUploadedFile("pks-bertanda-tangan.pdf", final, content_type="application/pdf")
    r = klien(pengguna["tkksd"]).post(f"/dasbor/persiapan/{kasus.pk}/tandatangani_pks/",
                                      {"aksi": "pindaian", "pindaian": sama})
    assert r.status_code == 400 and "bukan pindaian naskah bertanda tangan" in r.content.decode()
    assert BerkasTandaTangan.objects.get().status == BerkasTandaTangan.Status.SIAP
    pindaian = SimpleUploadedFile("pks-bertanda-tangan.pdf", final + b"\n% pindaian bertanda tangan basah\n",
                                  content_type="application/pdf")
    r = klien(pengguna["tkksd"]).post(f"/dasbor/persiapan/{kasus.pk}/tandatangani_pks/",
                                      {"aksi": "pindaian", "pindaian": pindaian})
    assert r.status_code == 302
    c = klien(pengguna["walikota"])  # one test client: log the signatory in again
    r = c.post(f"{URL}{kasus.pk}/tandatangani_pks/basah/")
    assert r.status_code == 302
    kasus = KasusKsdd.objects.get(pk=kasus.pk)
    assert kasus.tahap == "pelaksanaan"
    terakhir = kasus.pks.versi.order_by("-nomor_versi").first()
    assert terakhir.status == StatusDokumen.DITANDATANGANI and terakhir.resmi.tanda_tangan == "basah"


def test_langkah_berkas_tidak_diambil_dari_isian_bebas(beku, pengguna, ksdd, klien, sertifikat):
    kasus = ksdd("penandatanganan_pks")
    siapkan_pks(kasus, pengguna["tkksd"])
    data = {"nomor_pks": "X", "pks": kasus.rancangan_pks_id, "tanggal_penandatanganan": "2026-03-02",
            "tanggal_mulai": "2026-03-02", "tanggal_berakhir": "2027-03-01", "penandatangan_mitra": "Wali Kota Bogor",
            "_tahap": "penandatanganan_pks"}
    r = klien(pengguna["walikota"]).post(f"{URL}{kasus.pk}/tandatangani_pks/", data)
    assert r.status_code == 409
    assert KasusKsdd.objects.get(pk=kasus.pk).tahap == "penandatanganan_pks"


@pytest.mark.parametrize("username, status", [("pd_disbudpar", 404), ("mitra_pt", 404), ("auditor", 403),
                                              ("pd_dishub", 403), ("tkksd", 403)])
def test_bukan_penandatangan_404_atau_403(beku, pengguna, ksdd, klien, sertifikat, username, status):
    kasus = ksdd("penandatanganan_pks")
    siapkan_pks(kasus, pengguna["tkksd"])
    assert _tte(klien(pengguna[username]), kasus).status_code == status
    assert KasusKsdd.objects.get(pk=kasus.pk).tahap == "penandatanganan_pks"


def test_halaman_persiapan_sekretariat(beku, pengguna, ksdd, klien, sertifikat):
    from tests.tte.fixtures import pdf_naskah

    kasus = ksdd("penandatanganan_pks")
    c = klien(pengguna["tkksd"])
    assert f'href="/dasbor/persiapan/{kasus.pk}/tandatangani_pks/"' in c.get("/dasbor/").content.decode()
    r = c.get(f"/dasbor/persiapan/{kasus.pk}/tandatangani_pks/")
    assert r.status_code == 200 and "Naskah final" in r.content.decode()
    data = {"nomor_pks": "PKS/9/2026", "tanggal_mulai": "2026-03-02", "tanggal_berakhir": "2027-03-01",
            "penandatangan_mitra": "Wali Kota Bogor", "cara": "elektronik"}
    r = c.post(f"/dasbor/persiapan/{kasus.pk}/tandatangani_pks/", data)
    assert r.status_code == 400 and "Pilih naskah final" in r.content.decode()
    r = c.post(f"/dasbor/persiapan/{kasus.pk}/tandatangani_pks/",
               {**data, "naskah_final": SimpleUploadedFile("pks.pdf", pdf_naskah(), content_type="application/pdf")})
    assert r.status_code == 302
    berkas = BerkasTandaTangan.objects.get()
    assert berkas.versi.status == StatusDokumen.FINAL and berkas.penandatangan == pengguna["walikota"]
    assert klien(pengguna["pd_dishub"]).get(f"/dasbor/persiapan/{kasus.pk}/tandatangani_pks/").status_code == 403
    assert klien(pengguna["pd_disbudpar"]).get(f"/dasbor/persiapan/{kasus.pk}/tandatangani_pks/").status_code == 404
    _ = io  # noqa


def test_seed_demo_menyiapkan_berkas_pks_final_sekali(beku, pengguna, ksdd, settings, tmp_path):
    from dasbor.demo import seed
    from kerjasama.demo import DemoContext
    from tte.demo import seed as seed_tte

    settings.SIKSD_TTE_P12_DIR = str(tmp_path / "demo-tte")
    kasus = ksdd("penandatanganan_pks")
    ksdd("penandatanganan_kb")
    ctx = DemoContext(password="sandi-demo", users=pengguna)
    seed_tte(ctx)  # seed_demo runs tte before the dashboards (INSTALLED_APPS order): the certificates
    seed(ctx)
    seed(ctx)  # idempotent
    berkas = BerkasTandaTangan.objects.get()
    assert berkas.persiapan.kerjasama_id == kasus.pk and berkas.versi.status == StatusDokumen.FINAL
    assert berkas.persiapan.data["nomor_pks"] == f"PKS/{kasus.pk:03d}/Ks/2026"
    assert (tmp_path / "demo-tte" / "walikota.p12").exists()
    from tte.services import tandatangani_elektronik

    versi = tandatangani_elektronik(kasus=kasus, langkah="tandatangani_pks", by=pengguna["walikota"],
                                    passphrase="sandi-demo")
    assert versi.status == StatusDokumen.DITANDATANGANI
