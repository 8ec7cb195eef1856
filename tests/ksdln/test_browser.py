"""Tried as a new user would (issue 4, "Done means"): in a real browser, the demo's `tkksd` opens the
Hamamatsu sister-city case waiting on the DPRD, the sweep runs with a later `--now`, and on reload the
case shows the deemed approval recorded by the system (Perwal 57/2023 Ps 65(3)–(4))."""

import datetime
import os
from pathlib import Path

from django.core.management import call_command

import pytest

from kerjasama import kalender
from kerjasama.demo import DemoContext
from kerjasama.demo import seed as seed_inti
from ksdln import demo
from ksdln.models import KasusKsdln

CHROMIUM = os.environ.get("SIKSD_CHROMIUM", "/usr/bin/chromium")
ARTEFAK = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"
SANDI = "demo-uji-peramban"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_tkksd_melihat_anggapan_persetujuan_dprd_setelah_sapuan(live_server, monkeypatch):
    from playwright.sync_api import expect, sync_playwright

    ctx = DemoContext(password=SANDI)
    seed_inti(ctx)
    demo.seed(ctx)
    kasus = KasusKsdln.objects.get(judul=demo.JUDUL_HAMAMATSU)
    ARTEFAK.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop here
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        try:
            page = browser.new_context(locale="id-ID", viewport={"width": 1366, "height": 900}).new_page()
            page.set_default_timeout(15000)
            page.goto(f"{live_server.url}/masuk/")
            page.fill("#id_username", "tkksd")
            page.fill("#id_password", SANDI)
            page.click("button[type=submit]")
            page.wait_for_url(f"{live_server.url}/")
            page.click("text=KSDPL/KSDLL")
            page.click(f"text={kasus.nomor}")
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
        finally:
            browser.close()
