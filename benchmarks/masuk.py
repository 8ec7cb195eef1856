"""Signing in as the load scenario's users do (issue 8 item 2; two-factor login of docs/keamanan.md): the login
form, then — for the accounts that must use it (Wali Kota, Sekretariat TKKSD, admin) — the second factor on
/akun/2fa/verifikasi/.

Several simulated sessions sign in as the same account at once (every Wali Kota session is `bench_walikota`),
and django-otp accepts an authenticator's six-digit code only once per 30-second step (and counts every code
tried against an authenticator as a failure of the others): each session therefore gives one of the account's
one-time recovery codes (kode pemulihan, the same page and the same check), which the generator issues from a
published bench string (`kode_pemulihan`, a bench database only; used codes are issued again before each run).
`kode_totp` computes the authenticator's code (RFC 6238) for a single sign-in. Kept apart from locustfile.py
(no gevent) so tests drive it with Django's test client."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import re
import struct
import time
from collections import defaultdict

SLOT = 200  # recovery codes per bench account with two-factor login (≥ the sessions of one account in a run)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_slot: dict[str, itertools.count] = defaultdict(itertools.count)


def kunci_totp(username: str) -> str:
    """The hex key of a bench account's authenticator (20 bytes, as django-otp stores it)."""
    return hashlib.sha1(f"siksd-bench-totp:{username}".encode()).hexdigest()


def kode_pemulihan(username: str, slot: int) -> str:
    """Recovery code `slot` of a bench account: letters and digits (all digits would be taken for a TOTP code)."""
    return "ub" + hashlib.sha1(f"siksd-bench-pemulihan:{username}:{slot}".encode()).hexdigest()[:10]


def kode_totp(kunci_hex: str, waktu: float | None = None) -> str:
    """The six-digit code an authenticator app shows now (30-s step, HMAC-SHA1)."""
    langkah = int((time.time() if waktu is None else waktu) // 30)
    h = hmac.new(bytes.fromhex(kunci_hex), struct.pack(">Q", langkah), hashlib.sha1).digest()
    o = h[-1] & 0x0F
    return f"{(struct.unpack('>I', h[o:o + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def slot_berikut(username: str) -> int:
    """The next recovery code of `username` for a new session (one locust process: no two sessions share one)."""
    return next(_slot[username]) % SLOT


def masuk(client, *, username: str, sandi: str) -> None:
    """Log in; answer the two-factor page when it comes. Raises RuntimeError when the login fails."""
    r = client.get("/masuk/", name="/masuk/ (formulir)")
    token = CSRF.search(r.text).group(1)
    r = client.post("/masuk/", {"username": username, "password": sandi, "csrfmiddlewaretoken": token},
                    name="/masuk/ (kirim)", allow_redirects=False)
    if r.status_code != 302:
        raise RuntimeError(f"login {username} gagal: {r.status_code}")
    # the home page; an account with two-factor login is sent to the code page first (akun.middleware)
    r = client.get("/", name="/ (setelah masuk)")
    if 'name="kode"' not in r.text:
        return
    token = CSRF.search(r.text).group(1)
    kode = kode_pemulihan(username, slot_berikut(username))
    r = client.post("/akun/2fa/verifikasi/?next=/", {"kode": kode, "csrfmiddlewaretoken": token},
                    name="/akun/2fa/verifikasi/ (kode)", allow_redirects=False)
    if r.status_code != 302:
        raise RuntimeError(f"verifikasi dua langkah {username} gagal: {r.status_code}")
