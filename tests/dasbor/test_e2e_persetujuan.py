"""Acceptance of issue 7 in a real browser: `walikota` logs in on a 1024×768 screen (a tablet) and signs
a PKS from the approval dashboard in three clicks — the item, "Catat penandatanganan PKS", the
confirmation — with the signing folder the Sekretariat TKKSD prepared (Perwal 57/2023 Ps 29).
Debian's chromium through Playwright against the live server, like tests/e2e; marked `browser`."""

import re
from pathlib import Path

import pytest

from kerjasama.dasbor.services import persiapan_penandatanganan_simpan
from kerjasama.models import RiwayatAudit
from ksdd.models import KasusKsdd
from tests.e2e.conftest import SANDI

pytestmark = pytest.mark.browser
ARTEFAK = Path(__file__).resolve().parents[2] / "test-artifacts" / "dasbor"


def test_walikota_menandatangani_pks_dari_dasbor_dalam_tiga_klik(peramban, live_server, pengguna, ksdd):
    from playwright.sync_api import expect

    lain = ksdd("penandatanganan_kb", judul="Kesepakatan Bersama pengelolaan sampah")  # another item in the list
    kasus = ksdd("penandatanganan_pks", judul="PKS angkutan umum terpadu Bekasi–Bogor")
    persiapan_penandatanganan_simpan(kasus=kasus, langkah="tandatangani_pks", by=pengguna["tkksd"],
                                     data={"nomor_pks": "119/PKS.1-Ks/III/2026"})
    ARTEFAK.mkdir(parents=True, exist_ok=True)
    context = peramban.new_context(locale="id-ID", viewport={"width": 1024, "height": 768})
    context.set_default_timeout(15000)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/masuk/")
        page.fill("#id_username", "walikota")
        page.fill("#id_password", SANDI)
        page.click("button[type=submit]")
        # The Wali Kota's home page is the approval dashboard (issue 14): no menu to go through.
        page.wait_for_url(re.compile(r".*/dasbor/persetujuan/$"))
        expect(page.get_by_role("heading", name="Menunggu tanda tangan atau keputusan Anda")).to_be_visible()
        expect(page.locator(f'[data-kunci="ks-{lain.pk}"]')).to_be_visible()

        klik = 0
        page.locator(f'[data-kunci="ks-{kasus.pk}"]').click()
        klik += 1
        tombol = page.locator('[data-aksi="tandatangani_pks"]')
        expect(tombol).to_be_in_viewport()  # no scrolling on a 1024×768 screen
        expect(page.locator("iframe.pratinjau-pdf")).to_have_attribute("src", re.compile(r"/unduh/\?tampil=1$"))
        expect(page.get_by_text("Dasar hukum: Perwal 57/2023 Pasal 29")).to_be_visible()
        tombol.click()
        klik += 1
        konfirmasi = page.locator('[data-konfirmasi="tandatangani_pks"]')
        expect(konfirmasi).to_be_visible()
        expect(page.locator("#id_tandatangani_pks_nomor_pks")).to_have_value("119/PKS.1-Ks/III/2026")
        page.screenshot(path=str(ARTEFAK / "walikota-1024x768-konfirmasi.png"))
        konfirmasi.click()
        klik += 1

        expect(page.get_by_role("alert")).to_contain_text("Catat penandatanganan PKS: berhasil")
        page.wait_for_url(re.compile(r".*/dasbor/persetujuan/$"))
        expect(page.locator(f'[data-kunci="ks-{kasus.pk}"]')).to_have_count(0)
        page.screenshot(path=str(ARTEFAK / "walikota-1024x768-selesai.png"))
    finally:
        context.close()

    assert klik == 3
    kasus = KasusKsdd.objects.get(pk=kasus.pk)
    assert kasus.tahap == "pelaksanaan" and kasus.nomor_pks == "119/PKS.1-Ks/III/2026"
    audit = RiwayatAudit.objects.get(kerjasama_id=kasus.pk, aksi="tandatangani_pks")
    assert audit.oleh.username == "walikota" and (audit.dari_tahap, audit.ke_tahap) == ("penandatanganan_pks", "pelaksanaan")
