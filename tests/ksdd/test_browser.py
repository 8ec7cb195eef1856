"""As a new user would: the Operator of DISHUB and the Sekretariat TKKSD (with the Wali Kota signing) take a
new KSDD from persiapan to a signed PKS entirely in a real browser (Debian's chromium through Playwright)."""

import datetime
import re

import pytest

from ksdd.dokumen_contoh import pdf_contoh
from ksdd.models import KasusKsdd

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def halaman(live_server, pengguna, mitra_bogor, monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the test's own ORM reads are still plain
    # synchronous calls (the live server answers the browser from its own thread).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from tests.conftest import CHROMIUM

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.set_default_timeout(20_000)
        yield page
        browser.close()


def test_ksdd_baru_sampai_pks_ditandatangani_di_browser(halaman, live_server, pengguna, mitra_bogor, tmp_path):
    page, base = halaman, live_server.url
    berkas = tmp_path / "dokumen.pdf"
    berkas.write_bytes(pdf_contoh("Dokumen uji browser"))
    hari = datetime.date.today().isoformat()
    akhir = (datetime.date.today() + datetime.timedelta(days=700)).isoformat()

    def masuk(username):
        page.context.clear_cookies()
        page.goto(f"{base}/masuk/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", "rahasia-uji")
        page.click("button[type=submit]")
        page.wait_for_load_state()

    def langkah(pk, nama, isi=(), dokumen=(), pilih=()):
        page.goto(f"{base}/kerjasama/{pk}/")
        page.click(f"a[data-transisi={nama}]")
        assert "Dasar hukum: Perwal Bekasi 57/2023 Pasal" in page.content()
        for k, v in dict(isi).items():
            page.fill(f"[name={k}]", v)
        for k, v in dict(pilih).items():
            page.select_option(f"[name={k}]", v)
        for k in dokumen:
            page.set_input_files(f"input[name={k}__berkas]", str(berkas))
        page.click("form button[type=submit]")
        page.wait_for_url(f"{base}/kerjasama/{pk}/")
        return page.locator("[data-testid=tahap]").inner_text()

    masuk("pd_dishub")
    page.goto(f"{base}/ksdd/")
    page.click("text=KSDD baru")
    page.fill("[name=judul]", "Parkir terpadu perbatasan")
    page.select_option("[name=sifat]", "sukarela")
    page.select_option("[name=mitra]", str(mitra_bogor.pk))
    page.fill("[name=urusan]", "Perhubungan")
    page.select_option("[name=membebani_masyarakat_daerah]", "tidak")
    page.select_option("[name=sudah_dianggarkan_apbd]", "ya")
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(r".*/kerjasama/\d+/$"))
    pk = KasusKsdd.objects.get(judul="Parkir terpadu perbatasan").pk
    assert langkah(pk, "ajukan_kak", dokumen=["kak"]) == "Pengkajian oleh TKKSD"

    masuk("tkksd")
    assert langkah(pk, "terima_kajian", dokumen=["kajian"]) == "Penawaran"
    assert langkah(pk, "kirim_penawaran", isi={"nomor_surat": "415/1", "tanggal_surat": hari, "tanggal_dikirim": hari},
                   dokumen=["surat_penawaran"]) == "Menunggu jawaban mitra"
    assert langkah(pk, "mitra_menerima", isi={"tanggal_jawaban": hari}) == "Penyusunan Kesepakatan Bersama"
    masuk("pd_dishub")
    assert langkah(pk, "ajukan_rancangan_kb", dokumen=["rancangan_kb"]) == "Pembahasan rancangan KB"
    masuk("tkksd")
    assert langkah(pk, "setujui_rancangan_kb") == "Penandatanganan KB"
    masuk("walikota")
    ttd = {"tanggal_penandatanganan": hari, "tanggal_mulai": hari, "tanggal_berakhir": akhir,
           "penandatangan_mitra": "Wali Kota Bogor"}
    assert langkah(pk, "tandatangani_kb", isi={**ttd, "nomor_kb": "KB/1"}, pilih={"cara_penandatanganan": "bersama"},
                   dokumen=["kesepakatan_bersama"]) == "Penyusunan PKS"
    assert "Persetujuan DPRD tidak diperlukan (Pasal 27)" in page.content()
    masuk("pd_dishub")
    assert langkah(pk, "ajukan_rancangan_pks", dokumen=["rancangan_pks"]) == "Pembahasan rancangan PKS"
    masuk("tkksd")
    assert langkah(pk, "setujui_rancangan_pks") == "Penandatanganan PKS"
    masuk("walikota")
    assert langkah(pk, "tandatangani_pks", isi={**ttd, "nomor_pks": "PKS/1"}, dokumen=["pks"]).startswith("Pelaksanaan")
    kasus = KasusKsdd.objects.get(pk=pk)
    assert (kasus.tahap, kasus.nomor_pks, kasus.tanggal_penandatanganan.isoformat()) == ("pelaksanaan", "PKS/1", hari)
