"""The Content-Security-Policy holds in a real browser (issue 12, "Done means"): Debian's chromium
signs in as each role (through the second factor where it is required, with enforcement on as in
production), opens the role's main pages and finds no CSP violation, neither in the console nor as
a `securitypolicyviolation` event. Each page also proves its own scripts ran (Leaflet drew the map,
htmx loaded, the page scripts moved out of the templates did their work)."""

from io import StringIO

from django.core.management import call_command

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from kerjasama.models import Pengguna
from kerjasama.permissions import kerjasama_terlihat
from tests.akun.conftest import kode_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SANDI = "demo-bekasi"

# Collects every violation the page reports, from the first byte on (init scripts are not subject to the CSP).
PENDENGAR = """
window.__pelanggaranCsp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__pelanggaranCsp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""

UMUM = ["/", "/kerjasama/", "/kerjasama/notifikasi/", "/akun/"]
HALAMAN = {
    "tkksd": UMUM + ["/dasbor/", "/dasbor/kalender/", "/dasbor/rekap/", "/dasbor/pengaturan/", "/ksdd/", "/ksdpk/",
                     "/ksdln/", "/pemetaan/", "/pemetaan/realisasi/", "/pengawasan/", "/api/v1/docs/"],
    "walikota": UMUM + ["/dasbor/persetujuan/", "/dasbor/"],
    "pd_dishub": UMUM + ["/dasbor/persetujuan/", "/pemetaan/", "/ksdd/"],
    "dprd": UMUM,
    "pengawas": UMUM + ["/pengawasan/"],
    "auditor": UMUM + ["/dasbor/"],
    "mitra_bogor": UMUM,
    "admin": ["/admin/", "/admin/kerjasama/perangkatdaerah/"],
}


def _halaman_baru(peramban, pesan):
    context = peramban.new_context(locale="id-ID", viewport={"width": 1366, "height": 900})
    context.set_default_timeout(15000)
    context.add_init_script(PENDENGAR)
    page = context.new_page()
    page.on("console", lambda m: pesan.append(f"{page.url}: {m.text}")
            if "Content Security Policy" in m.text or "Content-Security-Policy" in m.text else None)
    return context, page


def _buka(page, url, pesan, terlihat):
    page.goto(url)
    # the events of the load are queued tasks: let them run, then read what was reported
    pelanggaran = page.evaluate("() => new Promise((r) => setTimeout(() => r(window.__pelanggaranCsp), 0))")
    terlihat.extend(f"{url}: {p}" for p in pelanggaran)
    assert page.evaluate("() => typeof window.htmx") in ("object", "undefined")


def test_tanpa_pelanggaran_csp_di_halaman_utama_setiap_peran(peramban, live_server, settings):
    from playwright.sync_api import expect

    settings.SIKSD_2FA_WAJIB = True
    call_command("seed_demo", "--izinkan-produksi", stdout=StringIO())
    base = live_server.url
    pesan, pelanggaran = [], []

    # signed out: the login page and the public page with its Leaflet map
    context, page = _halaman_baru(peramban, pesan)
    _buka(page, f"{base}/publik/", pesan, pelanggaran)
    expect(page.locator("#peta.leaflet-container")).to_be_visible()
    expect(page.locator("#peta path.leaflet-interactive").first).to_be_attached()
    expect(page.locator("#peta path.peta-dasar").first).to_be_attached()  # the base layer, fetched under the CSP
    _buka(page, f"{base}/masuk/", pesan, pelanggaran)
    context.close()

    for username, halaman in HALAMAN.items():
        user = Pengguna.objects.get(username=username)
        context, page = _halaman_baru(peramban, pesan)
        _buka(page, f"{base}/masuk/", pesan, pelanggaran)
        page.fill("#id_username", username)
        page.fill("#id_password", SANDI)
        page.click("button[type=submit]")
        perangkat = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if perangkat is not None:  # the required accounts: the verify page first
            page.wait_for_url("**/akun/2fa/verifikasi/**")
            page.fill("#id_kode", kode_totp(perangkat))
            page.click("button[type=submit]")
        page.wait_for_url(lambda u: "/masuk/" not in u and "/akun/2fa/" not in u)

        kasus = kerjasama_terlihat(user).order_by("pk").first()
        daftar = [*halaman, *([f"/kerjasama/{kasus.pk}/"] if kasus and "/" in halaman else [])]
        for url in daftar:
            _buka(page, f"{base}{url}", pesan, pelanggaran)
            assert "/akun/2fa/" not in page.url and "/masuk/" not in page.url, (username, url, page.url)
            if url == "/":
                assert page.evaluate("() => typeof window.htmx") == "object", "htmx tidak termuat"
            if url == "/kerjasama/":
                # static/siksd/formulir.js styled the filter form (no inline script)
                expect(page.locator("form[role=search] select.form-select").first).to_be_attached()
        context.close()

    assert pelanggaran == [], "\n".join(pelanggaran)
    assert pesan == [], "\n".join(pesan)


def test_penyiapan_2fa_di_peramban_tanpa_pelanggaran_csp(peramban, live_server, settings, pengguna):
    """The set-up page (QR code drawn on the server as SVG) under the CSP, end to end."""
    from playwright.sync_api import expect

    settings.SIKSD_2FA_WAJIB = True
    pesan, pelanggaran = [], []
    context, page = _halaman_baru(peramban, pesan)
    _buka(page, f"{live_server.url}/masuk/", pesan, pelanggaran)
    page.fill("#id_username", "walikota")
    page.fill("#id_password", "rahasia-uji")
    page.click("button[type=submit]")
    page.wait_for_url("**/akun/2fa/siapkan/**")
    page.get_by_role("button", name="Mulai penyiapan").click()
    expect(page.get_by_test_id("qr-2fa").locator("svg")).to_be_visible()
    perangkat = TOTPDevice.objects.get(user=pengguna["walikota"], confirmed=False)
    page.fill("#id_kode", kode_totp(perangkat))
    page.get_by_role("button", name="Aktifkan").click()
    expect(page.get_by_test_id("kode-pemulihan").locator("li")).to_have_count(10)
    page.get_by_role("link", name="Saya sudah menyimpannya, lanjutkan").click()
    # The Wali Kota's home page is the approval dashboard (issue 14).
    expect(page.get_by_role("heading", name="Menunggu tanda tangan atau keputusan Anda")).to_be_visible()
    pelanggaran.extend(page.evaluate("() => window.__pelanggaranCsp"))
    context.close()
    assert pelanggaran == [] and pesan == []
