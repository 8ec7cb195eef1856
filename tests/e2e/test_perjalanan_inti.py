"""Journeys of the core in a real browser: the Sekretariat TKKSD filters the registry, opens a
case, uploads a document and ends a legacy agreement with a reason (Perwal 57/2023 Ps 78(2), 79);
a PD sees only its own cases and gets 404 for another PD's."""

import re

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from kerjasama.models import KerjaSama, RiwayatAudit, VersiDokumen
from tests.factories import PerjanjianLamaFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def dua_kasus(pengguna, pd_dishub, pd_lain, mitra_bogor):
    milik_dishub = PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor,
                                         judul="Terminal Terpadu Bekasi–Bogor", jenis="KSDD")
    milik_lain = PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_lain, mitra=pengguna["mitra_pt"].mitra,
                                       judul="Festival Budaya Patriot", jenis="KSDPK")
    return milik_dishub, milik_lain


def test_sekretariat_menyaring_registri_mengunggah_dan_mengakhiri_perjanjian_lama(buka, live_server, dua_kasus):
    kasus, lain = dua_kasus
    page = buka("tkksd")
    expect(page.get_by_role("heading", name="Tugas saya")).to_be_visible()

    page.get_by_role("link", name="Registri kerja sama").click()
    page.fill("#id_q", "Terminal")
    page.select_option("#id_jenis", "KSDD")
    page.get_by_role("button", name="Tampilkan").click()
    expect(page.get_by_text("1 kerja sama.")).to_be_visible()
    expect(page.get_by_role("cell", name=lain.judul)).to_have_count(0)

    page.get_by_role("link", name=kasus.nomor).click()
    expect(page.get_by_role("heading", name=kasus.judul)).to_be_visible()
    expect(page.locator(".pasal").first).to_contain_text("Pasal")

    # upload a report
    page.get_by_text("Unggah dokumen").click()
    page.select_option("select[name=jenis]", "laporan")
    page.fill("input[name=judul]", "Laporan pelaksanaan semester I")
    page.set_input_files("input[name=berkas]", files=[{"name": "laporan.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.get_by_role("button", name="Unggah").click()
    expect(page.get_by_role("alert")).to_contain_text("versi 1 tersimpan")
    expect(page.get_by_role("cell", name="Laporan pelaksanaan semester I", exact=True)).to_be_visible()

    # end the cooperation: the reason is required (Ps 79)
    page.locator("[data-transisi=akhiri]").click()
    expect(page.get_by_text("Pasal 78 ayat (2), Pasal 79")).to_be_visible()
    page.fill("[name=tanggal_selesai]", timezone.localdate().isoformat())
    page.get_by_role("button", name="Akhiri kerja sama").click()
    # no reason: refused, nothing changed; said once in the summary at the top and once at the field (issue 14)
    expect(page.locator("#id_komentar-galat")).to_contain_text("Bidang ini harus diisi.")
    expect(page.locator("#ringkasan-galat")).to_be_focused()
    assert KerjaSama.objects.get(pk=kasus.pk).tahap == "pelaksanaan"
    page.fill("[name=komentar]", "Tujuan kerja sama telah tercapai (Pasal 79 huruf b).")
    page.get_by_role("button", name="Akhiri kerja sama").click()
    page.wait_for_url(re.compile(rf".*/kerjasama/{kasus.pk}/$"))
    expect(page.get_by_test_id("tahap")).to_have_text("Selesai")
    expect(page.get_by_role("cell", name="Tujuan kerja sama telah tercapai (Pasal 79 huruf b).", exact=True)).to_be_visible()

    assert KerjaSama.objects.get(pk=kasus.pk).tahap == "selesai"
    audit = RiwayatAudit.objects.get(kerjasama_id=kasus.pk, aksi="akhiri")
    assert audit.oleh.username == "tkksd" and audit.dasar_hukum == "Pasal 78 ayat (2), Pasal 79"
    assert VersiDokumen.objects.filter(dokumen__kerjasama_id=kasus.pk, nama_berkas="laporan.pdf").count() == 1


def test_pd_hanya_melihat_kasusnya_sendiri(buka, live_server, dua_kasus):
    kasus, lain = dua_kasus
    page = buka("pd_dishub")
    page.get_by_role("link", name="Registri kerja sama").click()
    expect(page.get_by_text("1 kerja sama.")).to_be_visible()
    expect(page.get_by_role("link", name=kasus.nomor)).to_be_visible()
    expect(page.get_by_text(lain.judul)).to_have_count(0)
    # another PD's case does not exist for this user
    r = page.goto(f"{live_server.url}/kerjasama/{lain.pk}/")
    assert r.status == 404
    r = page.goto(f"{live_server.url}/kerjasama/{kasus.pk}/")
    assert r.status == 200
    expect(page.get_by_role("heading", name=kasus.judul)).to_be_visible()
    # a PD may not end the cooperation: no such button on its page
    expect(page.locator("[data-transisi=akhiri]")).to_have_count(0)


def test_mitra_menyampaikan_laporan_semesternya(buka, live_server, dua_kasus):
    """Perwal 57/2023 Ps 87(1): the mitra reports every 6 months to the Wali Kota, copied to the
    Bagian Kerja Sama and the PD; supervision starts when the agreement enters pelaksanaan."""
    from pengawasan.models import LaporanMitra

    kasus, lain = dua_kasus
    page = buka("mitra_bogor")
    # another partner's cooperation does not exist for this user
    assert page.goto(f"{live_server.url}/pengawasan/kerjasama/{lain.pk}/laporan-mitra/").status == 404
    page.goto(f"{live_server.url}/pengawasan/kerjasama/{kasus.pk}/laporan-mitra/")
    expect(page.locator(".pasal").first).to_contain_text("Pasal 87")
    page.fill("[name=kemajuan]", "Terminal beroperasi; 12 trayek lintas batas berjalan.")
    page.set_input_files("[name=berkas]", files=[{"name": "laporan-semester-1.pdf", "mimeType": "application/pdf",
                                                  "buffer": PDF}])
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page.get_by_role("alert")).to_contain_text("Laporan diterima")
    assert LaporanMitra.objects.filter(kerjasama_id=kasus.pk).count() == 1
    assert not LaporanMitra.objects.filter(kerjasama_id=lain.pk).exists()
