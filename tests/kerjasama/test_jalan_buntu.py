"""Issue 14, "dead ends": the menu shows only what the role may open, and 403/404/500 pages are the app's own,
in Indonesian, keeping the app's message and offering a way back."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("username", ["tkksd", "ketua", "pd_dishub", "dprd", "walikota", "pengawas", "auditor",
                                      "mitra_bogor"])
def test_setiap_item_menu_dapat_dibuka(klien, pengguna, username):
    c = klien(pengguna[username])
    html = c.get("/?tampil=tugas").content.decode()
    import re

    nav = html.split('<div class="collapse navbar-collapse" id="nav">', 1)[1].split("</div>", 1)[0]
    tautan = set(re.findall(r'href="(/[^"]*)"', nav))
    assert tautan
    for url in tautan:
        assert c.get(url).status_code in (200, 302), (username, url)


def test_pemetaan_tidak_ada_di_menu_mitra_dan_pengawas(klien, pengguna):
    for username in ("mitra_bogor", "pengawas"):
        html = klien(pengguna[username]).get("/?tampil=tugas").content.decode()
        assert 'href="/pemetaan/"' not in html
    assert 'href="/pemetaan/"' in klien(pengguna["pd_dishub"]).get("/").content.decode()
    assert 'href="/pengawasan/laporan-saya/"' in klien(pengguna["mitra_bogor"]).get("/").content.decode()


def test_403_menyimpan_pesan_aplikasi_dan_jalan_kembali(klien, pengguna):
    r = klien(pengguna["pd_dishub"]).get("/kerjasama/lama/baru/")
    html = r.content.decode()
    assert r.status_code == 403
    assert "Hanya Sekretariat TKKSD yang dapat mencatat perjanjian lama." in html
    assert "Anda tidak berwenang membuka halaman ini" in html and 'href="/"' in html


def test_404_berbahasa_indonesia_dengan_jalan_kembali(klien, pengguna):
    r = klien(pengguna["tkksd"]).get("/kerjasama/999999/")
    html = r.content.decode()
    assert r.status_code == 404 and "Halaman tidak ditemukan" in html and "Ke Tugas saya" in html
    assert "Not Found" not in html


def test_500_berbahasa_indonesia(client):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Terjadi gangguan pada SIKSD" in html and 'href="/"' in html
