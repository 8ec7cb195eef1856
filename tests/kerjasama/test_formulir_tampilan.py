"""Issue 14, forms: an error summary at the top linking to each field, one error per problem, no default on a legal
choice, Indonesian empty choices, dates as dd-mm-yyyy, and no inline script (the CSP allows our static files only)."""

import datetime
import re

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from kerjasama import alur
from kerjasama.widgets import TanggalInput
from tests.ksdd.factories import KasusKsddFactory

pytestmark = pytest.mark.django_db


def test_ringkasan_galat_di_atas_dengan_tautan_ke_isian(klien, pengguna, pd_dishub, mitra_bogor):
    kasus = KasusKsddFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor, kajian_tkksd=True)
    r = klien(pengguna["tkksd"]).post(f"/kerjasama/{kasus.pk}/transisi/kembalikan_kak/", {"_tahap": "kajian_tkksd"})
    html = r.content.decode()
    assert r.status_code == 400
    ringkasan = html.split('id="ringkasan-galat"', 1)[1].split("</div>", 1)[0]
    assert 'href="#id_komentar"' in ringkasan and "Alasan" in ringkasan
    assert html.index('id="ringkasan-galat"') < html.index('name="komentar"')
    assert 'aria-describedby="id_komentar-galat"' in html


def test_unggahan_ditolak_satu_galat_saja(klien, pengguna, pd_dishub, mitra_bogor):
    kasus = KasusKsddFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor)
    buruk = SimpleUploadedFile("kak.exe", b"MZ\x90\x00bukan dokumen", content_type="application/octet-stream")
    r = klien(pengguna["pd_dishub"]).post(f"/kerjasama/{kasus.pk}/transisi/ajukan_kak/",
                                          {"_tahap": "persiapan", "kak__berkas": buruk})
    html = r.content.decode()
    assert r.status_code == 400
    galat_kak = html.split('id="id_kak-galat"', 1)[1].split("</div></div>", 1)[0]
    assert galat_kak.count("<div>") == 1, galat_kak


def test_tanggal_dd_mm_yyyy_dan_iso_diterima():
    isian = alur.Isian("tanggal", "Tanggal", "tanggal")
    form = alur.buat_form([isian], initial={"tanggal": datetime.date(2026, 12, 5)})
    html = str(form["tanggal"])
    assert 'value="05-12-2026"' in html and 'type="text"' in html and 'placeholder="hh-bb-tttt"' in html
    for nilai in ("05-12-2026", "2026-12-05"):
        f = alur.buat_form([isian], data={"tanggal": nilai})
        assert f.is_valid() and f.cleaned_data["tanggal"] == datetime.date(2026, 12, 5)
    assert TanggalInput().format == "%d-%m-%Y"


def test_sifat_ksdd_tanpa_bawaan_dan_pilihan_kosong_berbahasa_indonesia(klien, pengguna):
    html = klien(pengguna["pd_dishub"]).get("/ksdd/baru/").content.decode()
    pilihan = html.split('name="sifat"', 1)[1].split("</select>", 1)[0]
    assert "— Pilih sifat kerja sama —" in pilihan and "selected" not in pilihan.split("</option>", 1)[1]
    lama = klien(pengguna["tkksd"]).get("/kerjasama/lama/baru/").content.decode()
    assert "---------" not in lama and "— Pilih mitra —" in lama


@pytest.mark.parametrize("url", ["/", "/kerjasama/", "/kerjasama/notifikasi/", "/kerjasama/lama/baru/",
                                 "/kerjasama/mulai/"])
def test_tanpa_skrip_sebaris(klien, pengguna, url):
    html = klien(pengguna["tkksd"]).get(url).content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
    assert not re.search(r"\son[a-z]+=\"", html), url
    assert "siksd/formulir.js" in html
