"""API tokens (issue 12, finding 6): they expire, rotate, die with a password change and with
"keluar dari semua perangkat" (web and API). The contract of interfaces.md stays: POST
/api/v1/auth/token/ with `username`, `password` → {"token": …}; `Authorization: Token …`."""

import datetime

from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

import pytest
import time_machine
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

MINTA = "/api/v1/auth/token/"


def _minta(username="pd_dishub", **extra):
    r = APIClient().post(MINTA, {"username": username, "password": "rahasia-uji", **extra}, format="json")
    return r


def _dengan(token):
    c = APIClient()
    c.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return c


@pytest.mark.django_db
def test_token_diterbitkan_dengan_masa_berlaku(pengguna, settings):
    settings.SIKSD_TOKEN_MASA_BERLAKU_JAM = 24
    r = _minta()
    assert r.status_code == 200
    assert set(r.json()) == {"token", "kedaluwarsa"}
    token = Token.objects.get(user=pengguna["pd_dishub"])
    assert r.json()["token"] == token.key
    kedaluwarsa = datetime.datetime.fromisoformat(r.json()["kedaluwarsa"])
    assert kedaluwarsa == token.created + datetime.timedelta(hours=24)
    assert _dengan(token.key).get("/api/v1/kerjasama/").status_code == 200


@pytest.mark.django_db
def test_token_kedaluwarsa_ditolak_dan_dihapus(pengguna, settings):
    settings.SIKSD_TOKEN_MASA_BERLAKU_JAM = 8
    key = _minta().json()["token"]
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=7, minutes=59)):
        assert _dengan(key).get("/api/v1/kerjasama/").status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=8, seconds=1)):
        r = _dengan(key).get("/api/v1/kerjasama/")
        assert r.status_code == 401
        assert "kedaluwarsa" in r.json()["detail"]
    assert not Token.objects.filter(key=key).exists()


@pytest.mark.django_db
def test_token_baru_menggantikan_yang_lama(pengguna):
    """Rotation: each issue replaces the account's previous token."""
    lama = _minta().json()["token"]
    baru = _minta().json()["token"]
    assert lama != baru
    assert _dengan(lama).get("/api/v1/kerjasama/").status_code == 401
    assert _dengan(baru).get("/api/v1/kerjasama/").status_code == 200


@pytest.mark.django_db
def test_perbarui_token_sebelum_kedaluwarsa(pengguna):
    lama = _minta().json()["token"]
    r = _dengan(lama).post("/api/v1/auth/token/perbarui/")
    assert r.status_code == 200
    baru = r.json()["token"]
    assert baru != lama
    assert _dengan(lama).get("/api/v1/kerjasama/").status_code == 401
    assert _dengan(baru).get("/api/v1/kerjasama/").status_code == 200


@pytest.mark.django_db
def test_cabut_token_dengan_delete(pengguna):
    key = _minta().json()["token"]
    assert _dengan(key).delete(MINTA).status_code == 204
    assert _dengan(key).get("/api/v1/kerjasama/").status_code == 401


@pytest.mark.django_db
def test_ganti_kata_sandi_mencabut_token_dan_sesi(pengguna):
    user = pengguna["pd_dishub"]
    key = _minta().json()["token"]
    web = Client()
    assert web.post("/masuk/", {"username": "pd_dishub", "password": "rahasia-uji"}).status_code == 302
    assert web.get("/kerjasama/").status_code == 200

    user.set_password("kata-sandi-baru-yang-panjang")
    user.save()

    assert _dengan(key).get("/api/v1/kerjasama/").status_code == 401
    r = web.get("/kerjasama/")
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")


@pytest.mark.django_db
def test_simpan_tanpa_ganti_sandi_tidak_mencabut_token(pengguna):
    user = pengguna["pd_dishub"]
    key = _minta().json()["token"]
    user.first_name = "Budi"
    user.save()
    assert _dengan(key).get("/api/v1/kerjasama/").status_code == 200


@pytest.mark.django_db
def test_keluar_semua_perangkat_lewat_web(pengguna):
    """"Keluar dari semua perangkat" (menu Akun): every session of the account and its token end;
    another account's session is untouched."""
    key = _minta().json()["token"]
    laptop, ponsel, orang_lain = Client(), Client(), Client()
    for c, u in ((laptop, "pd_dishub"), (ponsel, "pd_dishub"), (orang_lain, "pd_disbudpar")):
        assert c.post("/masuk/", {"username": u, "password": "rahasia-uji"}).status_code == 302

    r = laptop.get("/akun/")
    assert r.status_code == 200 and "Keluar dari semua perangkat" in r.content.decode()
    r = laptop.post("/akun/keluar-semua/", follow=True)
    assert r.redirect_chain[-1][0].startswith("/masuk/")
    assert "keluar dari semua perangkat" in r.content.decode()

    for c in (laptop, ponsel):
        r = c.get("/kerjasama/")
        assert r.status_code == 302 and r["Location"].startswith("/masuk/")
    assert orang_lain.get("/kerjasama/").status_code == 200
    assert _dengan(key).get("/api/v1/kerjasama/").status_code == 401


@pytest.mark.django_db
def test_keluar_semua_perangkat_lewat_api(pengguna):
    key = _minta().json()["token"]
    web = Client()
    web.post("/masuk/", {"username": "pd_dishub", "password": "rahasia-uji"})
    r = _dengan(key).post("/api/v1/auth/keluar-semua/")
    assert r.status_code == 200
    assert r.json() == {"token_dicabut": 1, "sesi_diakhiri": 1}
    assert _dengan(key).get("/api/v1/kerjasama/").status_code == 401
    assert web.get("/kerjasama/").status_code == 302
    assert not Session.objects.exists()


@pytest.mark.django_db
def test_keluar_semua_get_tidak_mengubah_apa_pun(pengguna):
    key = _minta().json()["token"]
    web = Client()
    web.force_login(pengguna["pd_dishub"])
    assert web.get("/akun/keluar-semua/").status_code == 405
    assert _dengan(key).get("/api/v1/auth/keluar-semua/").status_code == 405
    assert Token.objects.filter(key=key).exists()


@pytest.mark.django_db
def test_tanpa_login_endpoint_cabut_butuh_autentikasi(pengguna):
    assert APIClient().post("/api/v1/auth/keluar-semua/").status_code == 401
    assert APIClient().delete(MINTA).status_code == 401
    assert APIClient().post("/api/v1/auth/token/perbarui/").status_code == 401


@pytest.mark.django_db
def test_minta_token_baru_dengan_token_lama_yang_kedaluwarsa_di_header(pengguna):
    """A client that still sends its expired token while asking for a new one is not turned away."""
    c = APIClient()
    c.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    r = c.post(MINTA, {"username": "pd_dishub", "password": "rahasia-uji"}, format="json")
    assert r.status_code == 200 and r.json()["token"]


def test_pemeriksaan_mesin_sesi(settings):
    from akun.checks import sesi_dapat_diakhiri

    assert sesi_dapat_diakhiri(None) == []
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    assert [e.id for e in sesi_dapat_diakhiri(None)] == ["akun.E001"]


@pytest.mark.django_db
def test_keluar_semua_dengan_cached_db(pengguna, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    web = Client()
    web.post("/masuk/", {"username": "pd_dishub", "password": "rahasia-uji"})
    assert web.get("/kerjasama/").status_code == 200
    from akun.services import keluar_semua_perangkat

    assert keluar_semua_perangkat(pengguna=pengguna["pd_dishub"])["sesi"] == 1
    assert web.get("/kerjasama/").status_code == 302
