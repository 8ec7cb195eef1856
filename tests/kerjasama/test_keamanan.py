"""Security checks: deploy check on production settings, login throttling, CSRF, cookie flags."""

import os
import subprocess
import sys
from pathlib import Path

from django.test import Client

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_pengaturan_produksi_bersih():
    # The test runner's own environment must not leak in (a browser test's DJANGO_ALLOW_ASYNC_UNSAFE would be
    # reported as async.E001): the check judges the production settings alone.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {"DJANGO_SETTINGS_MODULE": "siksd.settings.production", "SECRET_KEY": "x" * 60 + "aB3$",
           "ALLOWED_HOSTS": "siksd.bekasikota.go.id", "DATABASE_URL": "sqlite:////tmp/siksd-deploy-check.sqlite3",
           "EMAIL_HOST": "smtp.bekasikota.go.id"}  # SMTP is required in production
    r = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], cwd=ROOT, env=env,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "no issues" in r.stdout


def test_produksi_menolak_berjalan_tanpa_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "siksd.settings.production"
    r = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert r.returncode != 0 and "SECRET_KEY wajib diisi" in r.stderr


def test_tidak_ada_rahasia_di_repositori():
    r = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    berkas = r.stdout.split()
    assert ".env" not in berkas
    for nama in berkas:
        if nama.endswith((".py", ".yml", ".toml", ".sh", ".json")) and "tests/" not in nama:
            isi = (ROOT / nama).read_text(errors="ignore")
            assert "BEGIN RSA PRIVATE KEY" not in isi and "BEGIN OPENSSH PRIVATE KEY" not in isi, nama


@pytest.mark.django_db
def test_login_dibatasi_setelah_lima_kegagalan(pengguna):
    c = Client(REMOTE_ADDR="10.9.8.7")
    status = [c.post("/masuk/", {"username": "tkksd", "password": "salah"}).status_code for _ in range(5)]
    assert status == [200, 200, 200, 200, 429]  # the fifth failure locks (AXES_FAILURE_LIMIT=5)
    # now even the right password is refused
    r = c.post("/masuk/", {"username": "tkksd", "password": "rahasia-uji"})
    assert r.status_code == 429
    assert "dikunci sementara" in r.content.decode()
    # another user from the same address is not locked out
    assert Client(REMOTE_ADDR="10.9.8.7").post("/masuk/", {"username": "ketua", "password": "rahasia-uji"}).status_code == 302


@pytest.mark.django_db
def test_post_tanpa_token_csrf_ditolak(pengguna):
    c = Client(enforce_csrf_checks=True)
    c.force_login(pengguna["tkksd"])
    r = c.post("/kerjasama/notifikasi/baca/")
    assert r.status_code == 403


@pytest.mark.django_db
def test_cookie_sesi_httponly_dan_secure_di_produksi(pengguna, settings):
    settings.SESSION_COOKIE_SECURE = True  # as siksd.settings.production sets it
    settings.CSRF_COOKIE_SECURE = True
    c = Client()
    r = c.post("/masuk/", {"username": "tkksd", "password": "rahasia-uji"})
    assert r.status_code == 302
    cookie = r.cookies["sessionid"]
    assert cookie["httponly"] and cookie["secure"] and cookie["samesite"] == "Lax"


def test_nilai_pengaturan_produksi():
    # The test runner's own environment must not leak in (a browser test's DJANGO_ALLOW_ASYNC_UNSAFE would be
    # reported as async.E001): the check judges the production settings alone.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {"DJANGO_SETTINGS_MODULE": "siksd.settings.production", "SECRET_KEY": "y" * 64,
            "EMAIL_HOST": "smtp.bekasikota.go.id"}
    code = ("from django.conf import settings as s; import django; django.setup(); "
            "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.DEBUG, s.SECURE_HSTS_SECONDS > 0)")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert r.stdout.strip() == "True True True False True", r.stderr
