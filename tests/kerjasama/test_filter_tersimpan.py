"""Saved registry filters per user (issue 14): save the current filter under a name, apply it (the registry's form
validates it again), delete it; another user's filter does not exist (404); a GET never writes; a limit per user."""

from django.urls import reverse

import pytest

from kerjasama.filter_registri import BATAS_PER_PENGGUNA
from kerjasama.models import FilterRegistriTersimpan

pytestmark = pytest.mark.django_db


def _pesan(r):
    return [str(m) for m in r.wsgi_request._messages]


def test_simpan_terapkan_hapus(klien, pengguna):
    c = klien(pengguna["tkksd"])
    r = c.post(reverse("kerjasama:filter_simpan"),
               {"nama": "KSDD aktif", "query": "jenis=KSDD&q=air&halaman=3&csrfmiddlewaretoken=x&urut=-nomor"})
    assert r.status_code == 302
    f = FilterRegistriTersimpan.objects.get(pengguna=pengguna["tkksd"])
    assert f.query == "q=air&jenis=KSDD&urut=-nomor"  # the filter only: no page, no token
    halaman = c.get(reverse("kerjasama:registry")).content.decode()
    assert reverse("kerjasama:filter_terapkan", args=[f.pk]) in halaman and "KSDD aktif" in halaman
    r = c.get(reverse("kerjasama:filter_terapkan", args=[f.pk]))
    assert r.status_code == 302 and r["Location"] == "/kerjasama/?q=air&jenis=KSDD&urut=-nomor"
    r = c.get(r["Location"])
    assert r.context["form"].is_valid() and r.context["form"].cleaned_data["jenis"] == "KSDD"
    # the same name again replaces its filter
    c.post(reverse("kerjasama:filter_simpan"), {"nama": "KSDD aktif", "query": "jenis=KSDPK"})
    assert FilterRegistriTersimpan.objects.get(pengguna=pengguna["tkksd"]).query == "jenis=KSDPK"
    r = c.post(reverse("kerjasama:filter_hapus", args=[f.pk]))
    assert r.status_code == 302 and not FilterRegistriTersimpan.objects.exists()


def test_filter_orang_lain_tidak_ada(klien, pengguna):
    f = FilterRegistriTersimpan.objects.create(pengguna=pengguna["pd_dishub"], nama="Milik Dishub", query="jenis=KSDD")
    c = klien(pengguna["tkksd"])
    assert c.get(reverse("kerjasama:filter_terapkan", args=[f.pk])).status_code == 404
    assert c.post(reverse("kerjasama:filter_hapus", args=[f.pk])).status_code == 404
    assert "Milik Dishub" not in c.get(reverse("kerjasama:registry")).content.decode()
    assert FilterRegistriTersimpan.objects.filter(pk=f.pk).exists()


def test_get_tidak_menulis(klien, pengguna):
    c = klien(pengguna["tkksd"])
    assert c.get(reverse("kerjasama:filter_simpan"), {"nama": "x", "query": "jenis=KSDD"}).status_code == 405
    assert c.get(reverse("kerjasama:registry"), {"jenis": "KSDD"}).status_code == 200
    f = FilterRegistriTersimpan.objects.create(pengguna=pengguna["tkksd"], nama="A", query="jenis=KSDD")
    assert c.get(reverse("kerjasama:filter_hapus", args=[f.pk])).status_code == 405
    assert FilterRegistriTersimpan.objects.count() == 1


def test_filter_usang_menampilkan_galat_formulir(klien, pengguna):
    """A stage code that no longer exists: the registry's form shows its error; nothing breaks."""
    f = FilterRegistriTersimpan.objects.create(pengguna=pengguna["tkksd"], nama="Lama", query="tahap=tahap_yang_sudah_hilang")
    c = klien(pengguna["tkksd"])
    r = c.get(c.get(reverse("kerjasama:filter_terapkan", args=[f.pk]))["Location"])
    assert r.status_code == 200 and "tahap" in r.context["form"].errors


def test_masukan_buruk_dan_batas(klien, pengguna):
    c = klien(pengguna["pd_dishub"])
    r = c.post(reverse("kerjasama:filter_simpan"), {"nama": " ", "query": "jenis=KSDD"})
    assert any("Beri nama filter" in p for p in _pesan(r))
    r = c.post(reverse("kerjasama:filter_simpan"), {"nama": "Kosong", "query": "halaman=2"})
    assert any("Belum ada filter" in p for p in _pesan(r))
    r = c.post(reverse("kerjasama:filter_simpan"), {"nama": "Salah", "query": "tahun=abc"})
    assert any("tidak sah" in p for p in _pesan(r))
    assert not FilterRegistriTersimpan.objects.exists()
    for i in range(BATAS_PER_PENGGUNA):
        FilterRegistriTersimpan.objects.create(pengguna=pengguna["pd_dishub"], nama=f"F{i}", query="jenis=KSDD")
    r = c.post(reverse("kerjasama:filter_simpan"), {"nama": "Satu lagi", "query": "jenis=KSDD"})
    assert any(f"sudah menyimpan {BATAS_PER_PENGGUNA} filter" in p for p in _pesan(r))
    assert FilterRegistriTersimpan.objects.count() == BATAS_PER_PENGGUNA
    # replacing an existing one is still possible at the limit
    c.post(reverse("kerjasama:filter_simpan"), {"nama": "F0", "query": "jenis=KSDPK"})
    assert FilterRegistriTersimpan.objects.get(nama="F0").query == "jenis=KSDPK"
