"""In a real browser (issue 14): the Sekretariat, on the KSDPK start form, adds a partner that is not registered
yet through "Tambah mitra baru", saves it and is back on the form with the new partner to choose.
Chromium through tests/peramban.py (`buka`); every read waits for what it reads (`expect`)."""

import pytest

from kerjasama.models import Mitra


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_tambah_mitra_dari_formulir_ksdpk_lalu_kembali(buka, live_server, pengguna):
    from playwright.sync_api import expect

    page = buka("tkksd")
    page.goto(f"{live_server.url}/ksdpk/baru/")
    page.get_by_role("link", name="Tambah mitra baru").click()
    page.wait_for_url(lambda url: "/kerjasama/referensi/mitra/baru/" in url)
    expect(page.locator("#id_jenis")).to_have_value("pihak_ketiga")
    page.fill("#id_nama", "PT Peramban Sejahtera")
    page.fill("#id_alasan", "Permohonan masuk lewat surat.")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url(f"{live_server.url}/ksdpk/baru/")
    expect(page.get_by_role("alert").first).to_contain_text("PT Peramban Sejahtera")
    expect(page.locator("#id_calon_mitra")).to_contain_text("PT Peramban Sejahtera")
    assert Mitra.objects.filter(nama="PT Peramban Sejahtera", jenis="pihak_ketiga").exists()
