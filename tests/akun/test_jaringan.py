"""Rate limits key on the real client address: X-Forwarded-For counts only as far as
SIKSD_TRUSTED_PROXIES proxies vouch for it (issue 12, finding 6)."""

from django.core.cache import cache
from django.test import Client, RequestFactory

import pytest
from rest_framework.test import APIClient

from akun.jaringan import alamat_klien


@pytest.mark.parametrize(("proksi", "xff", "harap"), [
    (0, "", "10.0.0.9"),
    (0, "1.2.3.4", "10.0.0.9"),                      # no trusted proxy: the client's own header is ignored
    (0, "1.2.3.4, 5.6.7.8", "10.0.0.9"),
    (1, "", "10.0.0.9"),                             # a direct hit on the app behind no header
    (1, "203.0.113.7", "203.0.113.7"),               # Caddy appended what it saw
    (1, "1.2.3.4, 203.0.113.7", "203.0.113.7"),      # the client's forged entry is left of Caddy's
    (2, "1.2.3.4, 198.51.100.2, 203.0.113.7", "198.51.100.2"),
    (2, "203.0.113.7", "203.0.113.7"),               # shorter chain than configured: the leftmost
    (1, "bukan-alamat", "10.0.0.9"),                 # garbage is not an address
])
def test_alamat_klien(settings, proksi, xff, harap):
    settings.SIKSD_TRUSTED_PROXIES = proksi
    meta = {"REMOTE_ADDR": "10.0.0.9"} | ({"HTTP_X_FORWARDED_FOR": xff} if xff else {})
    assert alamat_klien(RequestFactory().get("/", **meta)) == harap


@pytest.mark.django_db
def test_token_throttle_tidak_bisa_dihindari_dengan_x_forwarded_for(pengguna, settings):
    """Without a trusted proxy, a new X-Forwarded-For on every request is still the same client."""
    settings.SIKSD_TRUSTED_PROXIES = 0
    cache.clear()
    c = APIClient(REMOTE_ADDR="10.1.2.3")
    kode = [c.post("/api/v1/auth/token/", {"username": "x", "password": "y"}, format="json",
                   HTTP_X_FORWARDED_FOR=f"192.0.2.{i}").status_code for i in range(21)]
    assert kode[:20] == [400] * 20 and kode[20] == 429
    cache.clear()


@pytest.mark.django_db
def test_token_throttle_di_belakang_satu_proksi_per_klien(pengguna, settings):
    """Behind Caddy (1 trusted proxy) every client has its own budget, and a client cannot borrow
    another's by writing its own X-Forwarded-For (Caddy's entry is the rightmost)."""
    settings.SIKSD_TRUSTED_PROXIES = 1
    cache.clear()
    caddy = APIClient(REMOTE_ADDR="172.18.0.2")
    kode = [caddy.post("/api/v1/auth/token/", {"username": "x", "password": "y"}, format="json",
                       HTTP_X_FORWARDED_FOR=f"192.0.2.{i}, 203.0.113.7").status_code for i in range(21)]
    assert kode[20] == 429
    # another client behind the same proxy is not slowed down
    r = caddy.post("/api/v1/auth/token/", {"username": "tkksd", "password": "rahasia-uji"}, format="json",
                   HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert r.status_code == 200
    cache.clear()


@pytest.mark.django_db
def test_axes_mengunci_alamat_nyata_bukan_x_forwarded_for(pengguna, settings):
    """django-axes (username + address) uses the same address: a forged header does not reset the count."""
    settings.SIKSD_TRUSTED_PROXIES = 0
    c = Client(REMOTE_ADDR="10.9.8.1")
    status = [c.post("/masuk/", {"username": "ketua", "password": "salah"}, HTTP_X_FORWARDED_FOR=f"192.0.2.{i}").status_code
              for i in range(5)]
    assert status[-1] == 429
    r = c.post("/masuk/", {"username": "ketua", "password": "rahasia-uji"}, HTTP_X_FORWARDED_FOR="198.51.100.50")
    assert r.status_code == 429

    from axes.models import AccessAttempt

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.9.8.1"}


@pytest.mark.django_db
def test_axes_di_belakang_proksi_mencatat_alamat_klien(pengguna, settings):
    settings.SIKSD_TRUSTED_PROXIES = 1
    c = Client(REMOTE_ADDR="172.18.0.2")
    c.post("/masuk/", {"username": "ketua", "password": "salah"}, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")

    from axes.models import AccessAttempt

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.9"]


def test_produksi_di_belakang_satu_proksi_dan_dua_langkah_wajib():
    """Production sits behind Caddy: one trusted proxy by default; two-factor enforcement on."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "SIKSD_TRUSTED_PROXIES",
                                                             "SIKSD_2FA_WAJIB")}
    env |= {"DJANGO_SETTINGS_MODULE": "siksd.settings.production", "SECRET_KEY": "z" * 64, "EMAIL_HOST": "smtp.bekasikota.go.id"}
    code = ("import django; django.setup(); from django.conf import settings as s; "
            "print(s.SIKSD_TRUSTED_PROXIES, s.REST_FRAMEWORK['NUM_PROXIES'], s.SIKSD_2FA_WAJIB, s.AXES_CLIENT_IP_CALLABLE)")
    r = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[2], env=env,
                       capture_output=True, text=True)
    assert r.stdout.split() == ["1", "1", "True", "akun.jaringan.alamat_klien"], r.stderr
