"""The reference-data fixtures (fixtures/wilayah.json, fixtures/perangkat_daerah.json) load and hold
what the rest of the system relies on."""

from django.conf import settings
from django.core.management import call_command

import pytest

from kerjasama.models import PerangkatDaerah, Wilayah

FIXTURES = settings.BASE_DIR / "fixtures"


@pytest.fixture
def referensi(db):
    call_command(
        "loaddata", str(FIXTURES / "wilayah.json"), str(FIXTURES / "perangkat_daerah.json"), verbosity=0
    )


@pytest.mark.django_db
def test_semua_provinsi(referensi):
    provinsi = Wilayah.objects.filter(tingkat=Wilayah.Tingkat.PROVINSI)
    assert provinsi.count() == 38
    assert not provinsi.exclude(induk=None).exists()
    for kode in ("93", "94", "95", "96"):  # Papua Selatan, Tengah, Pegunungan, Barat Daya
        assert provinsi.filter(kode=kode).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("provinsi", "kabupaten", "kota"),
    [("32", 18, 9), ("31", 1, 5), ("36", 4, 4)],
)
def test_kabupaten_kota_sekitar_bekasi(referensi, provinsi, kabupaten, kota):
    anak = Wilayah.objects.filter(induk__kode=provinsi)
    assert anak.filter(tingkat=Wilayah.Tingkat.KABUPATEN).count() == kabupaten
    assert anak.filter(tingkat=Wilayah.Tingkat.KOTA).count() == kota
    assert all(w.kode.startswith(provinsi + ".") for w in anak)


@pytest.mark.django_db
def test_kota_bekasi(referensi):
    bekasi = Wilayah.objects.select_related("induk").get(kode="32.75")
    assert bekasi.nama == "Kota Bekasi"
    assert bekasi.tingkat == Wilayah.Tingkat.KOTA
    assert bekasi.induk.kode == "32"
    assert bekasi.lintang is not None and bekasi.bujur is not None


@pytest.mark.django_db
def test_setiap_kabupaten_kota_di_bawah_provinsinya(referensi):
    for w in Wilayah.objects.exclude(tingkat=Wilayah.Tingkat.PROVINSI).select_related("induk"):
        assert w.induk.tingkat == Wilayah.Tingkat.PROVINSI
        assert w.kode.split(".")[0] == w.induk.kode
    # Every province has at least one kab/kota to place a partner on the map.
    assert not Wilayah.objects.filter(tingkat=Wilayah.Tingkat.PROVINSI, anak=None).exists()


@pytest.mark.django_db
def test_perangkat_daerah(referensi):
    kode = set(PerangkatDaerah.objects.values_list("kode", flat=True))
    for wajib in (
        "DISHUB",
        "DISBUDPAR",
        "SETDA",
        "BAPPELITBANGDA",
        "DPMPTSP",
        "DISKOMINFOSTANDI",
        "DLH",
        "BMSDA",
    ):
        assert wajib in kode
    assert PerangkatDaerah.objects.get(kode="DISHUB").nama == "Dinas Perhubungan"
    assert PerangkatDaerah.objects.get(kode="DISBUDPAR").nama == "Dinas Kebudayaan dan Pariwisata"
    assert PerangkatDaerah.objects.filter(nama__startswith="Kecamatan ").count() == 12
    assert not PerangkatDaerah.objects.filter(aktif=False).exists()
