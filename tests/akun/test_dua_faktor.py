"""Two-factor login (issue 12 item 6): required for the Wali Kota, surat kuasa holders (Perwal 57/2023
Ps 29(2), 45), the Sekretariat TKKSD and admin accounts; optional for the others. A required account
without a verified second factor reaches no case page and no API with its session, and gets an API
token only with a code."""

import datetime
import re
import time
from pathlib import Path

from django.test import Client
from django.utils import timezone

import pytest
import time_machine
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from akun.dua_faktor import wajib_2fa as aturan_wajib_2fa
from kerjasama.permissions import PERM_TANDATANGANI, beri_akses
from tests.akun.conftest import kode_totp
from tests.factories import PenggunaFactory, PerjanjianLamaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wajib_2fa")]


@pytest.fixture
def kasus(pengguna, pd_dishub, mitra_bogor):
    return PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor)


def _masuk(username):
    c = Client()
    r = c.post("/masuk/", {"username": username, "password": "rahasia-uji"})
    assert r.status_code == 302
    return c


def test_siapa_yang_wajib(pengguna, kasus):
    wajib = {u for u, user in pengguna.items() if aturan_wajib_2fa(user)}
    assert wajib == {"tkksd", "walikota"}
    # a surat kuasa for one case (Ps 29(2)) makes its holder sign for the Wali Kota: required too
    beri_akses(kasus, user=pengguna["ketua"], codename=PERM_TANDATANGANI)
    assert aturan_wajib_2fa(pengguna["ketua"])
    admin = PenggunaFactory(username="admin-uji")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    assert aturan_wajib_2fa(admin)
    # a surat kuasa given to a group counts for its members
    from django.contrib.auth.models import Group

    grup = Group.objects.create(name="penandatangan-uji")
    pengguna["dprd"].groups.add(grup)
    assert not aturan_wajib_2fa(pengguna["dprd"])
    beri_akses(kasus, grup=grup, codename=PERM_TANDATANGANI)
    assert aturan_wajib_2fa(pengguna["dprd"])


def test_tanpa_penegakan_tidak_ada_yang_wajib(pengguna, settings):
    settings.SIKSD_2FA_WAJIB = False
    assert not any(aturan_wajib_2fa(u) for u in pengguna.values())


@pytest.mark.parametrize("username", ["tkksd", "walikota"])
def test_wajib_tanpa_perangkat_diarahkan_ke_penyiapan_dan_tidak_membuka_apa_pun(pengguna, kasus, username):
    c = _masuk(username)
    for url in ("/", "/kerjasama/", f"/kerjasama/{kasus.pk}/", "/dasbor/", "/akun/"):
        r = c.get(url)
        assert r.status_code == 302, url
        assert r["Location"].startswith("/akun/2fa/siapkan/?next="), url
    for url in ("/api/v1/kerjasama/", f"/api/v1/kerjasama/{kasus.pk}/", "/api/v1/schema/"):
        r = c.get(url)
        assert r.status_code == 403 and "dua langkah" in r.json()["detail"], url
    r = c.post(f"/kerjasama/{kasus.pk}/transisi/akhiri/", {"tanggal_selesai": "2026-01-02", "komentar": "x"})
    assert r.status_code == 302 and r["Location"].startswith("/akun/2fa/siapkan/")
    kasus.refresh_from_db()
    assert kasus.tahap == "pelaksanaan"


def test_pemegang_surat_kuasa_wajib_verifikasi(pengguna, kasus):
    beri_akses(kasus, user=pengguna["ketua"], codename=PERM_TANDATANGANI)
    r = _masuk("ketua").get(f"/kerjasama/{kasus.pk}/")
    assert r.status_code == 302 and r["Location"].startswith("/akun/2fa/siapkan/")


def test_admin_wajib_verifikasi(pengguna):
    admin = PenggunaFactory(username="admin-uji")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    r = _masuk("admin-uji").get("/admin/")
    assert r.status_code == 302 and r["Location"].startswith("/akun/2fa/siapkan/")


def test_penyiapan_dengan_qr_lalu_kode_pemulihan_sekali(pengguna, kasus):
    c = _masuk("walikota")
    r = c.get("/akun/2fa/siapkan/?next=/kerjasama/")
    assert r.status_code == 200 and "Mulai penyiapan" in r.content.decode()
    assert not TOTPDevice.objects.exists()  # a GET creates nothing

    r = c.post("/akun/2fa/siapkan/", {"mulai": "1", "next": "/kerjasama/"})
    assert r.status_code == 302
    r = c.get(r["Location"])
    isi = r.content.decode()
    assert "<svg" in isi and 'data-testid="qr-2fa"' in isi
    perangkat = TOTPDevice.objects.get(user=pengguna["walikota"], confirmed=False)
    assert "issuer=SIKSD" in perangkat.config_url

    r = c.post("/akun/2fa/siapkan/?next=/kerjasama/", {"kode": "000000", "next": "/kerjasama/"})
    assert "Kode tidak cocok" in r.content.decode()
    assert c.get("/kerjasama/").status_code == 302

    # a wrong code slows the next try down (django-otp throttling): the user types again a moment later
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=3)):
        r = c.post("/akun/2fa/siapkan/", {"kode": kode_totp(perangkat), "next": "/kerjasama/"})
    assert r.status_code == 200
    kode = re.findall(r"<li>([a-z2-7]{8})</li>", r.content.decode())
    assert "Kode pemulihan" in r.content.decode(), r.content.decode()[-3000:]
    assert len(kode) == 10
    assert set(kode) == set(StaticToken.objects.filter(device__user=pengguna["walikota"]).values_list("token", flat=True))
    perangkat.refresh_from_db()
    assert perangkat.confirmed
    # this session has passed the second factor now
    assert c.get("/kerjasama/").status_code == 200
    assert c.get(f"/api/v1/kerjasama/{kasus.pk}/").status_code == 200
    # the codes are not shown again
    assert kode[0] not in c.get("/akun/").content.decode()


def test_masuk_dengan_perangkat_minta_kode(pengguna, totp_untuk, kasus):
    perangkat = totp_untuk(pengguna["tkksd"])
    c = _masuk("tkksd")
    r = c.get(f"/kerjasama/{kasus.pk}/")
    assert r.status_code == 302 and r["Location"] == f"/akun/2fa/verifikasi/?next=%2Fkerjasama%2F{kasus.pk}%2F"
    r = c.post(r["Location"], {"kode": "123456", "next": f"/kerjasama/{kasus.pk}/"})
    assert r.status_code == 400 and "Kode salah" in r.content.decode()
    # right away, even the right code waits: the user is told to wait, not that the code is wrong
    r = c.post("/akun/2fa/verifikasi/", {"kode": kode_totp(perangkat), "next": f"/kerjasama/{kasus.pk}/"})
    assert r.status_code == 400 and "Tunggu beberapa detik" in r.content.decode()
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=3)):
        r = c.post("/akun/2fa/verifikasi/", {"kode": kode_totp(perangkat), "next": f"/kerjasama/{kasus.pk}/"})
    assert r.status_code == 302 and r["Location"] == f"/kerjasama/{kasus.pk}/"
    assert c.get(r["Location"]).status_code == 200


def test_verifikasi_tidak_mengarahkan_ke_situs_lain(pengguna, totp_untuk):
    perangkat = totp_untuk(pengguna["tkksd"])
    c = _masuk("tkksd")
    r = c.post("/akun/2fa/verifikasi/", {"kode": kode_totp(perangkat), "next": "https://jahat.example/"})
    assert r.status_code == 302 and r["Location"] == "/"


def test_kode_pemulihan_berlaku_sekali(pengguna, totp_untuk):
    from akun.dua_faktor import kode_pemulihan_buat

    totp_untuk(pengguna["tkksd"])
    kode = kode_pemulihan_buat(pengguna=pengguna["tkksd"])
    c = _masuk("tkksd")
    r = c.post("/akun/2fa/verifikasi/", {"kode": kode[0].upper(), "next": "/kerjasama/"})
    assert r.status_code == 302 and r["Location"] == "/kerjasama/"
    c2 = _masuk("tkksd")
    assert c2.post("/akun/2fa/verifikasi/", {"kode": kode[0]}).status_code == 400
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=3)):
        assert c2.post("/akun/2fa/verifikasi/", {"kode": kode[1]}).status_code == 302


def test_token_api_untuk_akun_wajib_butuh_kode(pengguna, totp_untuk):
    api = APIClient()
    dasar = {"username": "walikota", "password": "rahasia-uji"}
    # no authenticator yet: set it up in the browser first
    r = api.post("/api/v1/auth/token/", dasar, format="json")
    assert r.status_code == 400 and "Siapkan dahulu" in r.json()["otp"][0]

    perangkat = totp_untuk(pengguna["walikota"])
    r = api.post("/api/v1/auth/token/", dasar, format="json")
    assert r.status_code == 400 and r.json()["otp"] == ["Kode verifikasi dua langkah wajib diisi untuk akun ini."]
    r = api.post("/api/v1/auth/token/", dasar | {"otp": "000000"}, format="json")
    assert r.status_code == 400 and "salah" in r.json()["otp"][0]
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=3)):
        r = api.post("/api/v1/auth/token/", dasar | {"otp": kode_totp(perangkat)}, format="json")
    assert r.status_code == 200
    api.credentials(HTTP_AUTHORIZATION=f"Token {r.json()['token']}")
    assert api.get("/api/v1/kerjasama/").status_code == 200


def test_akun_opsional_tanpa_perangkat_tidak_diganggu(pengguna, kasus):
    c = _masuk("pd_dishub")
    assert c.get(f"/kerjasama/{kasus.pk}/").status_code == 200
    r = APIClient().post("/api/v1/auth/token/", {"username": "pd_dishub", "password": "rahasia-uji"}, format="json")
    assert r.status_code == 200


def test_akun_opsional_yang_memasang_2fa_juga_diminta_kode(pengguna, totp_untuk, kasus):
    perangkat = totp_untuk(pengguna["pd_dishub"])
    c = _masuk("pd_dishub")
    r = c.get(f"/kerjasama/{kasus.pk}/")
    assert r.status_code == 302 and r["Location"].startswith("/akun/2fa/verifikasi/")
    r = APIClient().post("/api/v1/auth/token/", {"username": "pd_dishub", "password": "rahasia-uji"}, format="json")
    assert r.status_code == 400
    c.post("/akun/2fa/verifikasi/", {"kode": kode_totp(perangkat)})
    # the optional user may turn it off again (from a verified session)
    r = c.post("/akun/2fa/nonaktifkan/", follow=True)
    assert "dimatikan" in r.content.decode()
    assert not TOTPDevice.objects.filter(user=pengguna["pd_dishub"]).exists()


def test_akun_wajib_tidak_dapat_mematikan_2fa(pengguna, totp_untuk):
    perangkat = totp_untuk(pengguna["tkksd"])
    c = _masuk("tkksd")
    c.post("/akun/2fa/verifikasi/", {"kode": kode_totp(perangkat)})
    r = c.post("/akun/2fa/nonaktifkan/", follow=True)
    assert "tidak dapat dimatikan" in r.content.decode()
    assert TOTPDevice.objects.filter(user=pengguna["tkksd"]).exists()


def test_ganti_aplikasi_autentikator_butuh_kode_lama(pengguna, totp_untuk):
    perangkat = totp_untuk(pengguna["tkksd"])
    c = _masuk("tkksd")
    r = c.post("/akun/2fa/siapkan/", {"mulai": "1"})
    assert r.status_code == 302 and r["Location"].startswith("/akun/2fa/verifikasi/")
    assert TOTPDevice.objects.filter(user=pengguna["tkksd"]).count() == 1
    c.post("/akun/2fa/verifikasi/", {"kode": kode_totp(perangkat)})
    c.post("/akun/2fa/siapkan/", {"mulai": "1"})
    baru = TOTPDevice.objects.get(user=pengguna["tkksd"], confirmed=False)
    r = c.post("/akun/2fa/siapkan/", {"kode": kode_totp(baru, time.time())})
    assert r.status_code == 200
    assert list(TOTPDevice.objects.filter(user=pengguna["tkksd"]).values_list("pk", flat=True)) == [baru.pk]


def test_kode_pemulihan_baru_hanya_dari_sesi_terverifikasi(pengguna, totp_untuk):
    perangkat = totp_untuk(pengguna["pd_dishub"])
    c = _masuk("pd_dishub")
    r = c.post("/akun/2fa/kode-pemulihan/")
    assert r.status_code == 302 and not StaticToken.objects.exists()
    c.post("/akun/2fa/verifikasi/", {"kode": kode_totp(perangkat)})
    r = c.post("/akun/2fa/kode-pemulihan/")
    assert r.status_code == 200 and StaticToken.objects.count() == 10


def test_logout_dan_halaman_publik_tetap_terbuka(pengguna):
    c = _masuk("walikota")
    assert c.get("/publik/").status_code == 200
    assert c.post("/keluar/").status_code == 302
    assert c.get("/kerjasama/").status_code == 302


def test_demo_memberi_akun_wajib_rahasia_yang_dipublikasikan(client):
    """A newcomer can sign in as the demo's required accounts: the README publishes their secret and
    `manage.py kode_2fa_demo` prints the current code."""
    from io import StringIO

    from django.core.management import call_command

    from akun.demo import KUNCI_DEMO, RAHASIA_DEMO

    call_command("seed_demo", "--izinkan-produksi", stdout=StringIO())
    pemilik = set(TOTPDevice.objects.filter(key=KUNCI_DEMO, confirmed=True).values_list("user__username", flat=True))
    assert pemilik == {"tkksd", "walikota", "admin"}
    assert RAHASIA_DEMO in (Path(__file__).resolve().parents[2] / "README.md").read_text()

    assert client.post("/masuk/", {"username": "walikota", "password": "demo-bekasi"}).status_code == 302
    assert client.get("/kerjasama/")["Location"].startswith("/akun/2fa/verifikasi/")
    keluaran = StringIO()
    call_command("kode_2fa_demo", "walikota", stdout=keluaran)
    r = client.post("/akun/2fa/verifikasi/", {"kode": keluaran.getvalue().strip(), "next": "/kerjasama/"})
    assert r.status_code == 302 and client.get("/kerjasama/").status_code == 200


def test_tanpa_penegakan_tidak_ada_kode_diminta(pengguna, totp_untuk, settings, kasus):
    """The test settings' switch: off, no second factor is asked (even of an account that has one)."""
    settings.SIKSD_2FA_WAJIB = False
    totp_untuk(pengguna["tkksd"])
    assert _masuk("tkksd").get(f"/kerjasama/{kasus.pk}/").status_code == 200
    r = APIClient().post("/api/v1/auth/token/", {"username": "tkksd", "password": "rahasia-uji"}, format="json")
    assert r.status_code == 200
