"""Issue 14, in a real browser on the demo data: every main page of every role fits the screen at 1366×768,
1024×768 and 390×844 (no horizontal scroll; screenshots in test-artifacts/e2e/), axe-core finds no serious or
critical violation, and the daily journeys take few steps: the PD starts a KSDD from the home page in 3 clicks, the
DPRD sees its 45-day item first, and a partner sees its overdue report first and files it under that period.

axe-core (npm `axe-core` 4.14.1, MPL-2.0) is vendored in tests/e2e/vendor/ and evaluated in the page through the
DevTools protocol: nothing is fetched from outside, and the app's Content-Security-Policy stays as it is."""

import re
from pathlib import Path

from django.core.management import call_command

import pytest
from playwright.sync_api import expect

from tests.peramban import ARTEFAK, masuk

SANDI = "uji-demo"
AXE = (Path(__file__).parent / "vendor" / "axe-core-4.14.1.min.js").read_text()
LAYAR = {"desktop": (1366, 768), "laptop": (1024, 768), "ponsel": (390, 844)}
PERAN = ["tkksd", "pd_dishub", "dprd", "walikota", "pengawas", "mitra_bogor"]
HALAMAN = ["/", "/kerjasama/", "/kerjasama/notifikasi/", "/dasbor/kalender/", "/publik/"]


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", "--izinkan-produksi", "--password", SANDI)


def _masuk(peramban, live_server, username, layar):
    lebar, tinggi = LAYAR[layar]
    return masuk(peramban, live_server.url, username, sandi=SANDI, viewport={"width": lebar, "height": tinggi})


def _lebar_lebih(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def _axe(page) -> list[str]:
    page.evaluate(AXE)
    hasil = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
    }""")
    return hasil


@pytest.mark.parametrize("layar", list(LAYAR))
def test_halaman_utama_setiap_peran_muat_di_layar_dan_aksesibel(demo, peramban, live_server, layar):
    ARTEFAK.mkdir(parents=True, exist_ok=True)
    melebar, pelanggaran = {}, {}
    for username in PERAN:
        context, page = _masuk(peramban, live_server, username, layar)
        try:
            halaman = [*HALAMAN]
            nomor = page.locator("table a[href^='/kerjasama/']").first
            if nomor.count():
                halaman.append(nomor.get_attribute("href"))  # a case page
            if username == "walikota":
                halaman.append("/dasbor/persetujuan/")
            for url in halaman:
                page.goto(f"{live_server.url}{url}")
                page.wait_for_load_state("load")
                if (lebih := _lebar_lebih(page)) > 1:
                    melebar[f"{username} {url}"] = lebih
                nama = f"{layar}-{username}-{url.strip('/').replace('/', '_') or 'beranda'}.png"
                page.screenshot(path=str(ARTEFAK / nama), full_page=False)
                if layar == "desktop" and (galat := _axe(page)):
                    pelanggaran[f"{username} {url}"] = galat
        finally:
            context.close()
    assert melebar == {}, f"halaman lebih lebar dari layar {layar} (px): {melebar}"
    assert pelanggaran == {}, pelanggaran


def test_pd_memulai_ksdd_dari_beranda_dalam_tiga_klik(demo, peramban, live_server):
    context, page = _masuk(peramban, live_server, "pd_dishub", "laptop")
    try:
        klik = 0
        page.get_by_label(re.compile("^Daerah lain di Indonesia")).check()
        klik += 1
        page.get_by_label("Usulan kami sendiri atau item pemetaan").check()
        klik += 1
        page.get_by_role("button", name="Lanjut ke formulir").click()
        klik += 1
        page.wait_for_url(re.compile(r".*/ksdd/baru/$"))
        expect(page.locator("select[name=sifat]")).to_be_visible()
        page.screenshot(path=str(ARTEFAK / "pd-mulai-ksdd.png"))
        assert klik == 3
    finally:
        context.close()


def test_dprd_melihat_tenggat_45_hari_lebih_dulu(demo, peramban, live_server):
    context, page = _masuk(peramban, live_server, "dprd", "ponsel")
    try:
        pertama = page.locator('[data-testid="tugas"]').first
        expect(pertama).to_contain_text("KSDPL")
        expect(pertama).to_contain_text("Keputusan DPRD atas rencana KSDPL/KSDLL (45 hari)")
        expect(pertama).to_contain_text(re.compile(r"\d{2}-\d{2}-\d{4}"))
        page.screenshot(path=str(ARTEFAK / "dprd-tugas-ponsel.png"), full_page=True)
    finally:
        context.close()


def test_mitra_mengunggah_laporan_terlambat_pada_periodenya(demo, peramban, live_server, tmp_path):
    context, page = _masuk(peramban, live_server, "mitra_bogor", "ponsel")
    try:
        pertama = page.locator('[data-testid="tugas"]').first
        expect(pertama).to_contain_text("Terlambat")
        aksi = pertama.get_by_role("link").first
        judul = aksi.inner_text()
        periode = re.search(r"periode (\d{2}-\d{2}-\d{4}) s\.d\. (\d{2}-\d{2}-\d{4})", judul)
        assert periode, judul
        aksi.click()
        expect(page.locator("select[name=tenggat] option:checked")).to_contain_text("TERLAMBAT")
        page.fill("textarea[name=kemajuan]", "Pelaksanaan berjalan; laporan semester disusulkan.")
        berkas = tmp_path / "laporan.pdf"
        berkas.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
        page.set_input_files("input[name=berkas]", str(berkas))
        page.get_by_role("button", name=re.compile("Kirim|Unggah|Sampaikan|Simpan")).click()
        pesan = page.get_by_role("alert").filter(has_text="Laporan diterima untuk periode")
        expect(pesan).to_contain_text(f"Laporan diterima untuk periode {periode.group(1)} s.d. {periode.group(2)}")
        expect(pesan).to_contain_text("terlambat")
        page.screenshot(path=str(ARTEFAK / "mitra-laporan-terlambat-ponsel.png"), full_page=True)
    finally:
        context.close()
