"""End-to-end journeys in a real browser (issue 8, item 6): Debian's chromium driven by Python
Playwright against pytest-django's live server. Every test here is marked `browser`
(tests/conftest.py skips them on a bare machine and fails CI when chromium is missing).
Each journey saves a screenshot of its last page to test-artifacts/e2e/."""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("SIKSD_CHROMIUM", "/usr/bin/chromium")
ARTEFAK = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"
SANDI = "rahasia-uji"  # tests/factories.PenggunaFactory


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def peramban(monkeypatch):
    """Chromium for one test. Not session-wide: Playwright's sync API keeps an event loop in this thread,
    and a loop left running would break every other browser test of the run that starts its own."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test are still plain
    # synchronous calls. Set for this test only: a process-wide setting would leak into subprocesses
    # (the production `check --deploy` rightly refuses it, async.E001).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        )
        yield browser
        browser.close()


@pytest.fixture
def buka(peramban, live_server, request):
    """`buka(username)` → a Playwright page logged in through the login form as that user.
    At the end of the test the last page of each opened browser is saved as a screenshot."""
    ARTEFAK.mkdir(parents=True, exist_ok=True)
    dibuka = []

    def _buka(username: str, sandi: str = SANDI):
        context = peramban.new_context(locale="id-ID", viewport={"width": 1366, "height": 900})
        context.set_default_timeout(15000)
        page = context.new_page()
        page.goto(f"{live_server.url}/masuk/")
        page.fill("#id_username", username)
        page.fill("#id_password", sandi)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        dibuka.append((username, context, page))
        return page

    yield _buka
    for username, context, page in dibuka:
        nama = f"{request.node.name}-{username}.png".replace("/", "_")
        try:
            page.screenshot(path=str(ARTEFAK / nama), full_page=True)
        finally:
            context.close()
