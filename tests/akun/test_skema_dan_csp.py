"""The OpenAPI schema and docs are for signed-in users only; every page carries the
Content-Security-Policy (issue 12, finding 6). The browser test is tests/e2e/test_csp_browser.py."""

from pathlib import Path

from django.test import Client

import pytest
from rest_framework.authtoken.models import Token

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/schema/", "/api/v1/docs/"])
def test_skema_api_tertutup_untuk_anonim(url):
    assert Client().get(url).status_code in (401, 403)


@pytest.mark.django_db
def test_skema_api_untuk_pengguna_masuk(pengguna):
    c = Client()
    c.force_login(pengguna["mitra_bogor"])
    r = c.get("/api/v1/schema/")
    assert r.status_code == 200 and b"/api/v1/auth/token/" in r.content
    r = c.get("/api/v1/docs/")
    assert r.status_code == 200
    assert b"<script>" not in r.content  # Swagger UI's start-up script is a file (split view), not inline
    assert c.get("/api/v1/docs/", {"script": ""}).status_code == 200


@pytest.mark.django_db
def test_skema_api_dengan_token(pengguna):
    token = Token.objects.create(user=pengguna["pd_dishub"])
    r = Client().get("/api/v1/schema/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert r.status_code == 200


def _csp(r) -> dict[str, list[str]]:
    kebijakan = {}
    for bagian in r["Content-Security-Policy"].split(";"):
        nama, *nilai = bagian.split()
        kebijakan[nama] = nilai
    return kebijakan


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/masuk/", "/publik/", "/sehat/"])
def test_csp_pada_halaman_tanpa_login(url):
    r = Client().get(url)
    assert r.status_code == 200
    csp = _csp(r)
    assert csp["script-src"] == ["'self'"]
    assert csp["default-src"] == ["'self'"] and csp["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_csp_pada_halaman_pengguna(pengguna, klien):
    c = klien(pengguna["tkksd"])
    for url in ("/", "/kerjasama/", "/akun/", "/dasbor/"):
        r = c.get(url)
        assert r.status_code == 200, url
        assert _csp(r)["script-src"] == ["'self'"], url


def test_tidak_ada_skrip_inline_di_templat():
    """No page template has an inline <script> or an on* handler attribute (the CSP would block them).
    JSON data blocks (json_script) are data, not script."""
    import re

    pelanggaran = []
    for berkas in ROOT.glob("**/templates/**/*.html"):
        if ".venv" in berkas.parts:
            continue
        isi = berkas.read_text()
        for m in re.finditer(r"<script\b([^>]*)>", isi):
            atribut = m.group(1)
            if "src=" not in atribut and "application/json" not in atribut:
                pelanggaran.append(f"{berkas.relative_to(ROOT)}: {m.group(0)}")
        for m in re.finditer(r"<[a-zA-Z][^>]*\s(on[a-z]+)\s*=", isi):
            pelanggaran.append(f"{berkas.relative_to(ROOT)}: {m.group(1)}=")
    assert pelanggaran == []


def test_grafik_pygal_tanpa_skrip_inline():
    from dasbor.grafik import batang

    svg = batang("Uji", [("a", 1), ("b", 2)])
    assert "<svg" in svg and "<script" not in svg
