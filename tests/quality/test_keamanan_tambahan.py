"""Security checks beyond tests/kerjasama/test_keamanan.py (issue 8, item 7): framing, document
serving headers, API token throttling, CSRF on the API's session authentication."""

from django.core.cache import cache
from django.test import Client
from django.urls import reverse

import pytest
from rest_framework.test import APIClient

from .matriks import SEMUA, semua_pola


def _halaman_html_tanpa_argumen():
    for p in semua_pola():
        if p.berobjek or p.api or p.namespace == "admin" or p.nama in ("logout", "api-docs", "schema"):
            continue
        yield p


@pytest.mark.django_db
def test_setiap_halaman_html_melarang_pembingkaian(dunia):
    """Clickjacking: every HTML page answers X-Frame-Options: DENY (only the PDF preview allows
    its own origin, tested below)."""
    c = Client()
    c.force_login(dunia.pengguna["tkksd"])
    urls = [p.rute for p in _halaman_html_tanpa_argumen()]
    urls += [reverse("kerjasama:detail", args=[dunia.kasus_dishub.pk]),
             reverse("kerjasama:transisi", args=[dunia.kasus_dishub.pk, "akhiri"]), "/masuk/"]
    salah = []
    for url in urls:
        r = c.get(url)
        if r.status_code == 200 and r.get("Content-Type", "").startswith("text/html"):
            if r.get("X-Frame-Options") != "DENY":
                salah.append(f"{url}: X-Frame-Options={r.get('X-Frame-Options')}")
    assert not salah, salah
    assert len(urls) >= 5


@pytest.mark.django_db
def test_unduhan_dokumen_nosniff_lampiran_dan_pratinjau_pdf_hanya_sameorigin(dunia):
    c = Client()
    c.force_login(dunia.pengguna["pd_dishub"])
    url = reverse("kerjasama:dokumen_unduh", args=[dunia.versi_dishub.pk])
    r = c.get(url)
    assert r.status_code == 200
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["Content-Disposition"].startswith("attachment;")
    assert 'filename="pks-dishub.pdf"' in r["Content-Disposition"]
    # the in-page PDF preview (the approval dashboard) may be framed by our own origin only
    r = c.get(url, {"tampil": "1"})
    assert r["Content-Disposition"].startswith("inline;")
    assert r["X-Frame-Options"] == "SAMEORIGIN"
    assert r["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_endpoint_token_api_dibatasi(pengguna, settings):
    """POST /api/v1/auth/token/ is throttled (20/min): guessing passwords through the API is slow."""
    cache.clear()
    c = APIClient(REMOTE_ADDR="10.1.2.3")
    kode = [c.post("/api/v1/auth/token/", {"username": f"tidak-ada-{i}", "password": "x"}, format="json").status_code
            for i in range(21)]
    assert kode[:20] == [400] * 20
    assert kode[20] == 429
    # and the right password is refused too while throttled
    r = c.post("/api/v1/auth/token/", {"username": "tkksd", "password": "rahasia-uji"}, format="json")
    assert r.status_code == 429
    cache.clear()


@pytest.mark.django_db
def test_api_dengan_sesi_tetap_butuh_csrf(dunia):
    """The API also accepts the browser session; then a write without the CSRF token is refused."""
    c = APIClient(enforce_csrf_checks=True)
    c.force_login(dunia.pengguna["tkksd"])
    r = c.post(f"/api/v1/kerjasama/{dunia.kasus_dishub.pk}/transisi/akhiri/",
               {"tanggal_selesai": "2026-01-02", "komentar": "x"}, format="json")
    assert r.status_code == 403
    assert "CSRF" in r.json()["detail"]
    dunia.kasus_dishub.refresh_from_db()
    assert dunia.kasus_dishub.tahap == "pelaksanaan"


@pytest.mark.django_db
@pytest.mark.parametrize("username", sorted(SEMUA))
def test_pengguna_nonaktif_tidak_dapat_masuk_lewat_token(pengguna, username):
    from rest_framework.authtoken.models import Token

    user = pengguna[username]
    token, _ = Token.objects.get_or_create(user=user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    c = APIClient()
    c.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert c.get("/api/v1/kerjasama/").status_code == 401
