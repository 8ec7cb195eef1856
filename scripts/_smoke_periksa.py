"""The checks of the production smoke test (scripts/smoke_produksi.sh), over HTTPS through Caddy.

Run by the smoke script with the production environment it set up; every check prints one line, and the
first failure stops the run with exit status 1. Environment read here (set by the script):
SMOKE_URL (https://localhost:PORT), SMOKE_CA (Caddy's local root certificate), SMOKE_GUNICORN
(127.0.0.1:PORT), SMOKE_SMTP_DIR (the SMTP stand-in's messages), SMOKE_SANDI (the demo password),
SIKSD_INTERVAL_SAPU (beat's sweep interval, seconds).
"""

import datetime
import http.client
import os
import re
import sys
import time
from pathlib import Path

import requests
from django_otp.oath import totp

# The demo's published authenticator secret (akun/demo.py, README): tkksd must use two-factor login
# (SIKSD_2FA_WAJIB is on in production). A TOTP code is accepted once, so the web login uses this
# step's code and the API the next step's (the device tolerates one step of drift).
KUNCI_DEMO = bytes.fromhex(os.environ.get("SMOKE_KUNCI_2FA", "") or
                           __import__("base64").b32decode("SIKSDDEMOKOTABEKASIDEMOSIKSDDEMO").hex())


def kode_2fa(langkah: int = 0) -> str:
    return f"{totp(KUNCI_DEMO, drift=langkah):06d}"

URL = os.environ["SMOKE_URL"].rstrip("/")
CA = os.environ["SMOKE_CA"]
SANDI = os.environ["SMOKE_SANDI"]
INTERVAL = float(os.environ["SIKSD_INTERVAL_SAPU"])


def ok(pesan: str) -> None:
    print(f"   ok  {pesan}", flush=True)


def gagal(pesan: str) -> None:
    print(f"!! GAGAL: {pesan}", flush=True)
    sys.exit(1)


def pastikan(kondisi, pesan: str, rincian: str = "") -> None:
    if not kondisi:
        gagal(f"{pesan}{' — ' + rincian if rincian else ''}")
    ok(pesan)


def sesi() -> requests.Session:
    s = requests.Session()
    s.trust_env = False  # REQUESTS_CA_BUNDLE and proxies from the environment would override `verify`
    s.verify = CA  # Caddy's own CA ("tls internal"): the certificate is checked, not ignored
    return s


def cek_sehat_dan_https():
    s = sesi()
    r = s.get(f"{URL}/sehat/", allow_redirects=False, timeout=10)
    pastikan(r.status_code == 200 and r.json().get("status") == "ok", "GET /sehat/ lewat Caddy (HTTPS) = 200 ok",
             f"{r.status_code} {r.text[:200]}")
    http_port = os.environ["CADDY_HTTP_PORT"]
    r = s.get(f"http://localhost:{http_port}/masuk/", allow_redirects=False, timeout=10)
    pastikan(r.status_code in (301, 308) and r.headers.get("Location", "").startswith("https://"),
             "HTTP biasa dialihkan Caddy ke HTTPS", f"{r.status_code} {r.headers.get('Location')}")
    r = s.get(f"{URL}/masuk/", timeout=10)
    pastikan(r.status_code == 200, "halaman masuk = 200 lewat HTTPS (Django melihat permintaan aman)", str(r.status_code))
    pastikan("max-age=" in r.headers.get("Strict-Transport-Security", ""), "HSTS dikirim",
             str(r.headers.get("Strict-Transport-Security")))
    return r.text


def cek_statis(html: str):
    s = sesi()
    tautan = re.findall(r'(?:href|src)="(/static/[^"]+\.[0-9a-f]{12}\.(?:css|js))"', html)
    pastikan(tautan, "halaman memakai berkas statis bernama-hash (collectstatic + manifest)", html[:300])
    r = s.get(f"{URL}{tautan[0]}", headers={"Accept-Encoding": "gzip"}, timeout=10)
    pastikan(r.status_code == 200 and len(r.content) > 0, f"berkas statis {tautan[0]} = 200", str(r.status_code))
    pastikan("immutable" in r.headers.get("Cache-Control", ""), "berkas bernama-hash disimpan lama (immutable)",
             str(r.headers.get("Cache-Control")))
    pastikan(r.headers.get("Content-Encoding") == "gzip", "berkas statis dikirim terkompresi (WhiteNoise)",
             str(r.headers.get("Content-Encoding")))


def _csrf(s: requests.Session, path: str) -> str:
    r = s.get(f"{URL}{path}", timeout=10)
    cocok = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', r.text)
    if not cocok:
        gagal(f"token CSRF tidak ada di {path}")
    return cocok.group(1)


def cek_masuk():
    s = sesi()
    token = _csrf(s, "/masuk/")
    r = s.post(f"{URL}/masuk/", data={"username": "tkksd", "password": SANDI}, allow_redirects=False, timeout=10,
               headers={"Referer": f"{URL}/masuk/"})
    pastikan(r.status_code == 403, "masuk tanpa token CSRF ditolak (403)", str(r.status_code))
    r = s.post(f"{URL}/masuk/", data={"username": "tkksd", "password": SANDI, "csrfmiddlewaretoken": token},
               allow_redirects=False, timeout=10, headers={"Referer": f"{URL}/masuk/"})
    pastikan(r.status_code == 302, "masuk dengan token CSRF = 302", f"{r.status_code} {r.text[:300]}")
    # Two-factor (docs/keamanan.md): the password alone reaches only the verification page.
    r = s.get(f"{URL}/", allow_redirects=False, timeout=10)
    pastikan(r.status_code == 302 and "/akun/2fa/verifikasi/" in r.headers.get("Location", ""),
             "tanpa kode dua langkah beranda dialihkan ke verifikasi", f"{r.status_code} {r.headers.get('Location')}")
    token = _csrf(s, "/akun/2fa/verifikasi/")
    r = s.post(f"{URL}/akun/2fa/verifikasi/", data={"kode": kode_2fa(0), "csrfmiddlewaretoken": token},
               allow_redirects=False, timeout=10, headers={"Referer": f"{URL}/akun/2fa/verifikasi/"})
    pastikan(r.status_code == 302, "kode dua langkah diterima (302)", f"{r.status_code} {r.text[:300]}")
    kuki = {c.name: c for c in s.cookies}
    pastikan("sessionid" in kuki and kuki["sessionid"].secure, "kuki sesi ditandai Secure")
    r = s.get(f"{URL}/", allow_redirects=False, timeout=10)
    pastikan(r.status_code == 200 and 'action="/keluar/"' in r.text, "beranda terbuka setelah masuk (sesi berlaku)",
             f"{r.status_code} {r.headers.get('Location')}")


def cek_api_transisi():
    s = sesi()
    r = s.post(f"{URL}/api/v1/auth/token/", json={"username": "tkksd", "password": SANDI, "otp": kode_2fa(1)},
               timeout=10)
    pastikan(r.status_code == 200 and r.json().get("token"), "POST /api/v1/auth/token/ memberi token",
             f"{r.status_code} {r.text[:200]}")
    s.headers["Authorization"] = f"Token {r.json()['token']}"
    # The first transition (by case id, then name) whose required fields are all free text: the API drives
    # it without knowing it in advance, from `transisi_tersedia`, as any client would.
    pilihan = []
    for sumber in ("ksdd", "ksdpk", "ksdln"):
        r = s.get(f"{URL}/api/v1/{sumber}/", timeout=20)
        if r.status_code != 200:
            gagal(f"GET /api/v1/{sumber}/ = {r.status_code}")
        for kasus in r.json()["results"]:
            for t in kasus["transisi_tersedia"]:
                if all(i["tipe"] == "teks" for i in t["isian"] if i["wajib"]):
                    pilihan.append((kasus["id"], t["nama"], sumber, kasus, t))
    pastikan(pilihan, "API menawarkan transisi yang dapat diambil tkksd")
    _, nama, sumber, kasus, t = min(pilihan, key=lambda p: (p[0], p[1]))
    isian = {i["nama"]: "Uji asap produksi" for i in t["isian"] if i["wajib"]}
    r = s.post(f"{URL}/api/v1/{sumber}/{kasus['id']}/transisi/{nama}/", json=isian, timeout=20)
    pastikan(r.status_code == 200 and r.json()["tahap"] == t["tujuan"],
             f"transisi {nama} pada {kasus['nomor']} lewat API: {kasus['tahap']} → {t['tujuan']}",
             f"{r.status_code} {r.text[:300]}")
    pastikan(len(r.json()["riwayat"]) > len(kasus["riwayat"]), "transisi tercatat di riwayat audit")


def cek_header_palsu():
    """A client reaching gunicorn directly (here from 127.0.0.2, not the proxy's address) cannot claim
    HTTPS with X-Forwarded-Proto: Django still sees plain HTTP and redirects."""
    host, port = os.environ["SMOKE_GUNICORN"].rsplit(":", 1)

    def minta(sumber: str) -> http.client.HTTPResponse:
        c = http.client.HTTPConnection(host, int(port), timeout=10, source_address=(sumber, 0))
        c.request("GET", "/masuk/", headers={"Host": "localhost", "X-Forwarded-Proto": "https"})
        return c.getresponse()

    r = minta("127.0.0.2")
    pastikan(r.status == 301 and r.getheader("Location", "").startswith("https://"),
             "X-Forwarded-Proto palsu langsung ke gunicorn tidak dipercaya (301 ke https)", str(r.status))
    r = minta("127.0.0.1")
    pastikan(r.status == 200, "header yang sama dari alamat proksi (127.0.0.1) dipercaya (200)", str(r.status))


def cek_sapuan_beat():
    """A deadline falling due during the test is acted on by the worker, sent there by beat's sweep."""
    import django

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the project, for its models
    django.setup()
    from django.utils import timezone

    from kerjasama.constants import StatusTenggat
    from kerjasama.models import KerjaSama, Tenggat

    t = (Tenggat.objects.filter(aturan="dprd_45_hari", status=StatusTenggat.TERBUKA,
                                kerjasama__tahap="persetujuan_dprd").order_by("pk").first())
    pastikan(t is not None, "data demo punya tenggat dprd_45_hari yang terbuka")
    mulai = timezone.now()
    jatuh = mulai + datetime.timedelta(seconds=2)
    Tenggat.objects.filter(pk=t.pk).update(jatuh_tempo=jatuh, peringatan_berikut=None)
    batas = time.monotonic() + 3 * INTERVAL + 90  # generous: CI machines are busy
    while time.monotonic() < batas:
        t.refresh_from_db()
        if t.status != StatusTenggat.TERBUKA:
            break
        time.sleep(0.5)
    waktu = (timezone.now() - jatuh).total_seconds()
    pastikan(t.status != StatusTenggat.TERBUKA and t.diselesaikan_pada and t.diselesaikan_pada >= jatuh,
             f"tenggat #{t.pk} yang jatuh tempo selama uji ditangani worker ({t.status}, {waktu:.1f} s setelah "
             f"jatuh tempo; interval sapuan {INTERVAL:g} s)", f"status {t.status}")
    kasus = KerjaSama.objects.get(pk=t.kerjasama_id)
    pastikan(kasus.tahap != "persetujuan_dprd",
             f"{kasus.nomor} berpindah dari persetujuan_dprd ke {kasus.tahap} (Perwal 57/2023 Pasal 65 ayat (3))")
    batas = time.monotonic() + 60
    while time.monotonic() < batas:
        if any(kasus.nomor in s for s in _subjek_surel()):
            break
        time.sleep(0.5)
    else:
        gagal(f"surel tentang {kasus.nomor} tidak sampai ke server SMTP pengganti ({len(_subjek_surel())} surel)")
    ok(f"surel pemberitahuan tentang {kasus.nomor} terkirim lewat SMTP (server pengganti lokal)")


def _subjek_surel() -> list[str]:
    import email
    from email.header import decode_header, make_header

    subjek = []
    for berkas in sorted(Path(os.environ["SMOKE_SMTP_DIR"]).glob("*.eml")):
        pesan = email.message_from_bytes(berkas.read_bytes())
        subjek.append(str(make_header(decode_header(pesan.get("Subject", "")))))
    return subjek

if __name__ == "__main__":
    html = cek_sehat_dan_https()
    cek_statis(html)
    cek_masuk()
    cek_api_transisi()
    cek_header_palsu()
    cek_sapuan_beat()
