"""Acceptance of issue 13 ("Done means") in a real browser: the Sekretariat TKKSD prepares a PKS signing folder
(final text, number, term, signatory); the Wali Kota on a 1024×768 tablet opens the approval dashboard, reads
the document's pages, types a wrong passphrase (nothing changes), then the right one; the stored PDF validates
with pyHanko (intact, signer = the Wali Kota's demo certificate) and its QR link opens the public verification
page; "Kembalikan ke Sekretariat" returns another case's folder with the reason (Perwal 57/2023 Ps 29).
Debian's chromium through Playwright against the live server, like tests/e2e; marked `browser`."""

import io
import re
from pathlib import Path

import pytest

from kerjasama.models import RiwayatAudit
from ksdd.models import KasusKsdd
from tests.peramban import masuk
from tests.tte.fixtures import SANDI_TTE, pdf_naskah, siapkan_pks
from tte.models import BerkasTandaTangan, DokumenResmi
from tte.verifikasi import verifikasi_pdf

pytestmark = pytest.mark.browser
ARTEFAK = Path(__file__).resolve().parents[2] / "test-artifacts" / "dasbor"


def test_walikota_membaca_lalu_menandatangani_pks_secara_elektronik(peramban, live_server, pengguna, ksdd, sertifikat,
                                                                   tmp_path):
    from playwright.sync_api import expect

    kasus = ksdd("penandatanganan_pks", judul="PKS angkutan umum terpadu Bekasi–Bogor")
    lain = ksdd("penandatanganan_pks", judul="PKS pengelolaan sampah regional")
    siapkan_pks(lain, pengguna["tkksd"])
    ARTEFAK.mkdir(parents=True, exist_ok=True)
    naskah = tmp_path / "naskah-pks-final.pdf"
    naskah.write_bytes(pdf_naskah(halaman=3))

    # 1. The Sekretariat prepares the folder in the browser.
    context, page = masuk(peramban, live_server.url, "tkksd")
    try:
        page.goto(f"{live_server.url}/dasbor/persiapan/{kasus.pk}/tandatangani_pks/")
        page.set_input_files("#id_naskah_final", str(naskah))
        page.fill("#id_nomor_pks", "119/PKS.1-Ks/III/2026")
        page.fill("#id_tanggal_mulai", "2026-03-02")
        page.fill("#id_tanggal_berakhir", "2028-03-01")
        page.fill("#id_penandatangan_mitra", "Dedie A. Rachim, Wali Kota Bogor")
        page.get_by_role("button", name="Simpan persiapan").click()
        expect(page.get_by_role("alert")).to_contain_text("Berkas penandatanganan disiapkan")
    finally:
        context.close()
    berkas = BerkasTandaTangan.objects.get(persiapan__kerjasama_id=kasus.pk)
    assert berkas.versi.status == "final"

    # 2. The Wali Kota on a tablet.
    context, page = masuk(peramban, live_server.url, "walikota", viewport={"width": 1024, "height": 768})
    try:
        # The Wali Kota's home page is the approval dashboard (issue 14): no menu to go through.
        expect(page.get_by_role("heading", name="Menunggu tanda tangan atau keputusan Anda")).to_be_visible()
        page.locator(f'[data-kunci="ks-{kasus.pk}"]').click()
        pratinjau = page.get_by_test_id("pratinjau")
        expect(pratinjau.get_by_role("img", name="Halaman 1 dari 3")).to_be_visible()
        expect(page.get_by_test_id("sha-disiapkan")).to_have_text(berkas.sha256)
        page.screenshot(path=str(ARTEFAK / "walikota-1024x768-pratinjau.png"))

        # A wrong passphrase changes nothing.
        page.fill("#passphrase-tandatangani_pks", "bukan-passphrase")
        page.locator('[data-aksi="tandatangani_pks"]').click()
        expect(page.get_by_test_id("galat-tte")).to_contain_text("Passphrase salah")
        assert KasusKsdd.objects.get(pk=kasus.pk).tahap == "penandatanganan_pks"
        assert not DokumenResmi.objects.exists()

        page.fill("#passphrase-tandatangani_pks", SANDI_TTE)
        page.locator('[data-aksi="tandatangani_pks"]').click()
        expect(page.get_by_role("alert")).to_contain_text("Ditandatangani secara elektronik")
        expect(page.locator(f'[data-kunci="ks-{kasus.pk}"]')).to_have_count(0)

        # Kembalikan ke Sekretariat with a reason, on the other case.
        page.locator(f'[data-kunci="ks-{lain.pk}"]').click()
        page.locator('[data-langkah="tandatangani_pks"] summary').click()
        page.fill("#alasan-tandatangani_pks", "Lampiran rute belum ditandatangani para pihak.")
        page.locator('[data-kembalikan="tandatangani_pks"]').click()
        expect(page.get_by_role("alert")).to_contain_text("dikembalikan ke Sekretariat TKKSD")
        page.locator(f'[data-kunci="ks-{lain.pk}"]').click()
        expect(page.locator('[data-langkah="tandatangani_pks"]').get_by_test_id("belum-disiapkan")).to_contain_text(
            "Lampiran rute belum ditandatangani")
        page.screenshot(path=str(ARTEFAK / "walikota-1024x768-dikembalikan.png"))
    finally:
        context.close()

    kasus = KasusKsdd.objects.get(pk=kasus.pk)
    assert kasus.tahap == "pelaksanaan" and kasus.nomor_pks == "119/PKS.1-Ks/III/2026"
    resmi = DokumenResmi.objects.get()
    pdf = resmi.versi.berkas.open("rb").read()
    hasil = verifikasi_pdf(pdf)
    assert hasil.sah and hasil.tanda_tangan[0].penandatangan == "TRI ADHIANTO"
    audit = RiwayatAudit.objects.get(kerjasama_id=lain.pk, aksi="berkas_tte_dikembalikan")
    assert audit.oleh == pengguna["walikota"] and "Lampiran rute" in audit.komentar
    assert KasusKsdd.objects.get(pk=lain.pk).tahap == "penandatanganan_pks"

    # 3. The QR code's link opens the public verification page, without logging in.
    from pypdf import PdfReader

    tautan = [a.get_object()["/A"]["/URI"] for p in PdfReader(io.BytesIO(pdf)).pages for a in p.get("/Annots", [])
              if a.get_object().get("/A", {}).get("/URI")]
    assert tautan == [f"{live_server.url}/verifikasi/{resmi.kode}/"]
    context = peramban.new_context(locale="id-ID", viewport={"width": 1024, "height": 768})
    try:
        page = context.new_page()
        page.goto(tautan[0])
        expect(page.get_by_test_id("data-dokumen")).to_contain_text("TRI ADHIANTO")
        expect(page.get_by_test_id("status-ttd")).to_have_text("Tanda tangan elektronik")
        expect(page.get_by_test_id("data-dokumen")).to_contain_text(resmi.sha256)
        page.screenshot(path=str(ARTEFAK / "verifikasi-publik.png"))
    finally:
        context.close()
    assert re.fullmatch(r"[A-Z2-9]{10}", resmi.kode)
