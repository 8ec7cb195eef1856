"""As a new user would: the Operator of DISHUB and the Sekretariat TKKSD (with the Wali Kota signing) take a
new KSDD from persiapan to a signed PKS entirely in a real browser (Debian's chromium through Playwright).
Each user works in a browser of their own (tests/e2e/conftest.py `buka`); every read waits for the page it
reads (`wait_for_url`, auto-waiting `expect`)."""

import datetime
import re

import pytest

from ksdd.dokumen_contoh import pdf_contoh
from ksdd.models import KasusKsdd
from tests.factories import naskah_bertanda_tangan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ksdd_baru_sampai_pks_ditandatangani_di_browser(buka, live_server, pengguna, mitra_bogor, tmp_path):
    from playwright.sync_api import expect

    base = live_server.url
    berkas = tmp_path / "dokumen.pdf"
    berkas.write_bytes(pdf_contoh("Dokumen uji browser"))
    hari = datetime.date.today().isoformat()
    akhir = (datetime.date.today() + datetime.timedelta(days=700)).isoformat()
    halaman = {}

    def sebagai(username):
        if username not in halaman:
            halaman[username] = buka(username)
        return halaman[username]

    def langkah(username, pk, nama, tahap_baru, isi=(), dokumen=(), pilih=()):
        """`username` takes the step `nama` through its form; the case page then shows `tahap_baru`."""
        page = sebagai(username)
        page.goto(f"{base}/kerjasama/{pk}/")
        page.click(f"a[data-transisi={nama}]")
        page.wait_for_url(f"{base}/kerjasama/{pk}/transisi/{nama}/")
        expect(page.locator("p.pasal")).to_contain_text("Dasar hukum: Perwal Bekasi 57/2023 Pasal")
        for k, v in dict(isi).items():
            page.fill(f"[name={k}]", v)
        for k, v in dict(pilih).items():
            page.select_option(f"[name={k}]", v)
        for k in dokumen:
            page.set_input_files(f"input[name={k}__berkas]", str(berkas))
        page.click("form button[type=submit]")
        page.wait_for_url(f"{base}/kerjasama/{pk}/")
        expect(page.get_by_test_id("tahap")).to_have_text(tahap_baru)
        return page

    page = sebagai("pd_dishub")
    page.goto(f"{base}/ksdd/")
    page.click("text=KSDD baru")
    page.wait_for_url(f"{base}/ksdd/baru/")
    page.fill("[name=judul]", "Parkir terpadu perbatasan")
    page.select_option("[name=sifat]", "sukarela")
    page.select_option("[name=mitra]", str(mitra_bogor.pk))
    page.fill("[name=urusan]", "Perhubungan")
    page.select_option("[name=membebani_masyarakat_daerah]", "tidak")
    page.select_option("[name=sudah_dianggarkan_apbd]", "ya")
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(r".*/kerjasama/\d+/$"))
    pk = KasusKsdd.objects.get(judul="Parkir terpadu perbatasan").pk
    langkah("pd_dishub", pk, "ajukan_kak", "Pengkajian oleh TKKSD", dokumen=["kak"])

    langkah("tkksd", pk, "terima_kajian", "Penawaran", dokumen=["kajian"])
    langkah("tkksd", pk, "kirim_penawaran", "Menunggu jawaban mitra",
            isi={"nomor_surat": "415/1", "tanggal_surat": hari, "tanggal_dikirim": hari}, dokumen=["surat_penawaran"])
    langkah("tkksd", pk, "mitra_menerima", "Penyusunan Kesepakatan Bersama", isi={"tanggal_jawaban": hari})
    langkah("pd_dishub", pk, "ajukan_rancangan_kb", "Pembahasan rancangan KB", dokumen=["rancangan_kb"])
    langkah("tkksd", pk, "setujui_rancangan_kb", "Penandatanganan KB")
    ttd = {"tanggal_penandatanganan": hari, "tanggal_mulai": hari, "tanggal_berakhir": akhir,
           "penandatangan_mitra": "Wali Kota Bogor"}
    # Issue 13: a signing step closes on a signed text; here the ink path (the scan of the KB signed by both
    # parties, uploaded by the Sekretariat), which the step's form then offers as its only choice.
    kb = naskah_bertanda_tangan(KasusKsdd.objects.get(pk=pk), "kesepakatan_bersama")
    page = langkah("walikota", pk, "tandatangani_kb", "Penyusunan PKS", isi={**ttd, "nomor_kb": "KB/1"},
                   pilih={"cara_penandatanganan": "bersama", "kesepakatan_bersama": str(kb.pk)})
    expect(page.locator("body")).to_contain_text("Persetujuan DPRD tidak diperlukan (Pasal 27)")
    langkah("pd_dishub", pk, "ajukan_rancangan_pks", "Pembahasan rancangan PKS", dokumen=["rancangan_pks"])
    langkah("tkksd", pk, "setujui_rancangan_pks", "Penandatanganan PKS")
    pks = naskah_bertanda_tangan(KasusKsdd.objects.get(pk=pk), "pks")
    langkah("walikota", pk, "tandatangani_pks", re.compile(r"^Pelaksanaan"), isi={**ttd, "nomor_pks": "PKS/1"},
            pilih={"pks": str(pks.pk)})
    kasus = KasusKsdd.objects.get(pk=pk)
    assert (kasus.tahap, kasus.nomor_pks, kasus.tanggal_penandatanganan.isoformat()) == ("pelaksanaan", "PKS/1", hari)
