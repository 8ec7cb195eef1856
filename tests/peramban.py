"""Browser fixtures for every test that drives Debian's chromium through Python Playwright against
pytest-django's live server (tests/e2e, tests/ksdd, tests/ksdln, tests/dasbor; loaded for all tests by
tests/conftest.py). `peramban` and `buka` are the only way our browser tests start chromium, so that every one:
- reads what it checks through Playwright's auto-waiting `expect(...)` or after `page.wait_for_url`,
  never `page.content()` or `inner_text()` straight after a click (the page may still be navigating:
  `page.content()` returned '' that way once under load);
- closes the database connections it opened while Playwright ran (see `peramban`), so that the
  test database can be dropped at the end of the run."""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("SIKSD_CHROMIUM", "/usr/bin/chromium")
ARTEFAK = Path(__file__).resolve().parents[1] / "test-artifacts" / "e2e"
SANDI = "rahasia-uji"  # tests/factories.PenggunaFactory
# Upper bound of every wait (navigation, auto-waiting `expect`): a test that passes never waits it out; a loaded
# CI machine (2 cores, a PDF rendered on a transition) can need more than Playwright's default 5 s for `expect`.
BATAS_TUNGGU_MS = 30_000


@pytest.fixture
def peramban(live_server, transactional_db, monkeypatch):
    """Chromium for one test. Not session-wide: Playwright's sync API keeps an event loop in this thread,
    and a loop left running would break every other browser test of the run that starts its own.
    Depends on the live server and the database so that both are set up before Playwright's loop runs."""
    from django.db import connections

    from playwright.sync_api import expect, sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test are still plain
    # synchronous calls. Set for this test only: a process-wide setting would leak into subprocesses
    # (the production `check --deploy` rightly refuses it, async.E001).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    expect.set_options(timeout=BATAS_TUNGGU_MS)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        )
        try:
            yield browser
        finally:
            browser.close()
            # While Playwright's loop runs in this thread, Django keeps this thread's database connections in a
            # separate, per-context store (asgiref Local: "async" storage when a loop is running), so the ORM
            # calls of the test body open a second connection that pytest-django never sees. Left open, it
            # held the test database at the end of the run ("There is 1 other session using the database")
            # and the database was left behind. Close it here, still inside the loop, where it is visible.
            connections.close_all()


@pytest.fixture
def buka(peramban, live_server, request):
    """`buka(username)` → a Playwright page logged in through the login form as that user, in its own
    browser context (own cookies: several users can work side by side in one test).
    At the end of the test the last page of each opened browser is saved as a screenshot."""
    ARTEFAK.mkdir(parents=True, exist_ok=True)
    dibuka = []

    def _buka(username: str, sandi: str = SANDI, viewport: dict | None = None):
        context, page = masuk(peramban, live_server.url, username, sandi=sandi, viewport=viewport)
        dibuka.append((username, context, page))
        return page

    yield _buka
    for username, context, page in dibuka:
        nama = f"{request.node.name}-{username}.png".replace("/", "_")
        try:
            page.screenshot(path=str(ARTEFAK / nama), full_page=True)
        finally:
            context.close()


def masuk(peramban, base: str, username: str, *, sandi: str = SANDI, viewport: dict | None = None):
    """A new browser context logged in through the login form as `username` → (context, page); the caller
    closes the context (`buka` does it for its pages at the end of the test)."""
    context = peramban.new_context(locale="id-ID", viewport=viewport or {"width": 1366, "height": 900})
    context.set_default_timeout(BATAS_TUNGGU_MS)
    page = context.new_page()
    page.goto(f"{base}/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", sandi)
    page.click("button[type=submit]")
    # Home: the clerk's Tugas saya, or the approval dashboard for the Wali Kota and signatories (issue 14).
    page.wait_for_url(lambda url: url.startswith(base) and "/masuk/" not in url)
    return context, page
