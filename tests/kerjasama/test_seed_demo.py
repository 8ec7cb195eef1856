"""seed_demo per interfaces.md: one user per role, idempotent; a newcomer can log in and work."""

from django.core.management import call_command
from django.urls import reverse

import pytest

from kerjasama.models import KerjaSama, Mitra, Pengguna, PerangkatDaerah

PENGGUNA = {
    "tkksd": "sekretariat_tkksd", "ketua": "ketua_tkksd", "pd_dishub": "pd", "pd_disbudpar": "pd", "dprd": "dprd",
    "walikota": "wali_kota", "pengawas": "tim_pengawasan", "auditor": "auditor", "mitra_bogor": "mitra", "mitra_pt": "mitra",
}


@pytest.mark.django_db
def test_seed_demo_idempoten_dan_lengkap():
    call_command("seed_demo", "--password", "uji-demo", "--izinkan-produksi")
    jumlah = (KerjaSama.objects.count(), Pengguna.objects.count(), Mitra.objects.count(), PerangkatDaerah.objects.count())
    call_command("seed_demo", "--password", "uji-demo", "--izinkan-produksi")
    assert (KerjaSama.objects.count(), Pengguna.objects.count(), Mitra.objects.count(),
            PerangkatDaerah.objects.count()) == jumlah
    for username, peran in PENGGUNA.items():
        user = Pengguna.objects.get(username=username)
        assert peran in user.peran, username
        assert user.check_password("uji-demo")
    assert Pengguna.objects.get(username="pd_dishub").perangkat_daerah.kode == "DISHUB"
    assert Pengguna.objects.get(username="pd_disbudpar").perangkat_daerah.kode == "DISBUDPAR"
    assert Pengguna.objects.get(username="mitra_bogor").mitra.nama == "Pemerintah Kota Bogor"
    assert Pengguna.objects.get(username="mitra_pt").mitra != Pengguna.objects.get(username="mitra_bogor").mitra


@pytest.mark.django_db
def test_tkksd_masuk_dan_melihat_registri_kasus_dan_tugas(client):
    call_command("seed_demo", "--izinkan-produksi")
    r = client.post("/masuk/", {"username": "tkksd", "password": "demo-bekasi"})
    assert r.status_code == 302
    beranda = client.get("/")
    assert beranda.status_code == 200 and "Tugas saya" in beranda.content.decode()
    registri = client.get(reverse("kerjasama:registry"))
    assert registri.status_code == 200
    ks = KerjaSama.objects.order_by("pk").first()
    assert ks.nomor in registri.content.decode() or registri.context["halaman"].paginator.count > 50
    halaman = client.get(reverse("kerjasama:detail", args=[ks.pk]))
    assert halaman.status_code == 200 and ks.judul in halaman.content.decode()


@pytest.mark.django_db
def test_seed_demo_menolak_bila_debug_mati(settings):
    """Issue 12: demo users with a published password must never reach a real server by accident."""
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG tidak aktif.*--izinkan-produksi"):
        call_command("seed_demo")
    assert not Pengguna.objects.filter(username="walikota").exists()


@pytest.mark.django_db
def test_seed_demo_menolak_pengaturan_produksi_walau_debug_hidup(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = True
    settings.SETTINGS_MODULE = "siksd.settings.production"
    with pytest.raises(CommandError, match="pengaturan produksi"):
        call_command("seed_demo")
    assert not Pengguna.objects.exists()


@pytest.mark.django_db
def test_seed_demo_berjalan_di_pengembangan(settings):
    settings.DEBUG = True
    settings.SETTINGS_MODULE = "siksd.settings.dev"
    call_command("seed_demo", "--password", "uji-demo")
    assert Pengguna.objects.filter(username="walikota").exists()
