"""Tried as a new user would (issue 4, "Done means"): in a real browser, the demo's `tkksd` opens the
Hamamatsu sister-city case waiting on the DPRD, the sweep runs with a later `--now`, and on reload the
case shows the deemed approval recorded by the system (Perwal 57/2023 Ps 65(3)–(4)).
Chromium through tests/peramban.py (`buka`); every read waits for what it reads (`expect`)."""

import datetime

from django.core.management import call_command

import pytest

from kerjasama import kalender
from kerjasama.demo import DemoContext
from kerjasama.demo import seed as seed_inti
from ksdln import demo
from ksdln.models import KasusKsdln
from tests.peramban import ARTEFAK

SANDI = "demo-uji-peramban"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_tkksd_melihat_anggapan_persetujuan_dprd_setelah_sapuan(buka, live_server):
    from playwright.sync_api import expect

    ctx = DemoContext(password=SANDI)
    seed_inti(ctx)
    demo.seed(ctx)
    kasus = KasusKsdln.objects.get(judul=demo.JUDUL_HAMAMATSU)
    page = buka("tkksd", sandi=SANDI)
    page.click("text=KSDPL/KSDLL")
    page.wait_for_url(f"{live_server.url}/ksdln/")
    page.click(f"text={kasus.nomor}")
    page.wait_for_url(f"{live_server.url}/kerjasama/{kasus.pk}/")
    expect(page.get_by_test_id("tahap")).to_have_text("Persetujuan DPRD")
    panel = page.get_by_test_id("dprd")
    expect(panel).to_contain_text("batas 45 hari")
    # the sweep runs as of a week later (Celery beat would do it on its own)
    nanti = kalender.awal_hari(ctx.hari_ini + datetime.timedelta(days=7))
    call_command("process_deadlines", "--now", nanti.isoformat())
    page.reload()
    expect(page.get_by_test_id("tahap")).to_have_text("Verifikasi")
    expect(page.get_by_test_id("keputusan-dprd")).to_have_text("Dianggap disetujui (Pasal 65 ayat (3))")
    expect(panel).to_contain_text("dicatat oleh sistem")
    expect(page.locator("table", has_text="Riwayat").or_(page.locator("body"))).to_contain_text(
        "Dianggap disetujui DPRD: 45 hari")
    # the step of the system is never offered to a person; the next step is the Sekretariat's
    expect(page.locator('[data-transisi="kirim_verifikasi_gubernur"]')).to_be_visible()
    page.screenshot(path=str(ARTEFAK / "ksdln-anggapan-dprd-tkksd.png"), full_page=True)
