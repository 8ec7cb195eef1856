"""JSON API per interfaces.md: token auth, the registry with filters, the generic transition endpoint."""

import datetime

import pytest

from kerjasama.models import KerjaSama
from tests.factories import PerjanjianLamaFactory


@pytest.fixture
def lama(pengguna, pd_dishub, mitra_bogor):
    return PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor)


@pytest.mark.django_db
def test_token_lalu_registri_lalu_transisi(lama, pengguna, client):
    from rest_framework.test import APIClient

    c = APIClient()
    r = c.post("/api/v1/auth/token/", {"username": "tkksd", "password": "rahasia-uji"}, format="json")
    assert r.status_code == 200
    c.credentials(HTTP_AUTHORIZATION=f"Token {r.json()['token']}")

    r = c.get("/api/v1/kerjasama/", {"jenis": "KSDD", "tahap": "pelaksanaan"})
    assert r.status_code == 200
    [obj] = r.json()["results"]
    assert {"id", "nomor", "judul", "jenis", "tahap", "transisi_tersedia", "tenggat", "riwayat"} <= set(obj)
    assert obj["tahap"] == "pelaksanaan" and obj["jenis"] == "KSDD"
    [akhiri] = [t for t in obj["transisi_tersedia"] if t["nama"] == "akhiri"]
    assert akhiri["tujuan"] == "selesai"
    assert {i["nama"]: (i["tipe"], i["wajib"]) for i in akhiri["isian"]} == {
        "tanggal_selesai": ("tanggal", True), "komentar": ("teks", True)}
    assert "masa_berlaku_perjanjian" in {t["aturan"] for t in obj["tenggat"]}

    r = c.post(f"/api/v1/kerjasama/{lama.pk}/transisi/akhiri/", {"tanggal_selesai": "2026-01-05"}, format="json")
    assert r.status_code == 400
    assert r.json()["komentar"] == ["Bidang ini harus diisi."]

    r = c.post(f"/api/v1/kerjasama/{lama.pk}/transisi/akhiri/",
               {"tanggal_selesai": "2026-01-05", "komentar": "Tujuan tercapai (Ps 79 huruf b)."}, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["tahap"] == "selesai"
    assert "akhiri" in [x["aksi"] for x in r.json()["riwayat"]]

    r = c.post(f"/api/v1/kerjasama/{lama.pk}/transisi/akhiri/",
               {"tanggal_selesai": "2026-01-05", "komentar": "lagi"}, format="json")
    assert r.status_code == 409


@pytest.mark.django_db
def test_token_salah_ditolak(pengguna, client):
    r = client.post("/api/v1/auth/token/", {"username": "tkksd", "password": "salah"})
    assert r.status_code == 400


@pytest.mark.django_db
def test_filter_tahun_perangkat_daerah_mitra(lama, pengguna, pd_lain, api):
    c = api(pengguna["tkksd"])
    tahun = lama.tanggal_penandatanganan.year
    assert c.get("/api/v1/kerjasama/", {"tahun": tahun}).json()["count"] == 1
    assert c.get("/api/v1/kerjasama/", {"tahun": tahun - 3}).json()["count"] == 0
    assert c.get("/api/v1/kerjasama/", {"perangkat_daerah": lama.perangkat_daerah_id}).json()["count"] == 1
    assert c.get("/api/v1/kerjasama/", {"perangkat_daerah": pd_lain.pk}).json()["count"] == 0
    assert c.get("/api/v1/kerjasama/", {"mitra": lama.mitra_id}).json()["count"] == 1
    assert c.get("/api/v1/tenggat/", {"aturan": "masa_berlaku_perjanjian", "status": "terbuka"}).json()["count"] == 1
    assert c.get("/api/v1/tenggat/", {"kerjasama": lama.pk + 1}).json()["count"] == 0


@pytest.mark.django_db
def test_data_referensi(pengguna, api, mitra_bogor):
    r = api(pengguna["tkksd"]).get("/api/v1/perangkat-daerah/")
    assert {pd["kode"] for pd in r.json()["results"]} >= {"DISHUB", "DISBUDPAR"}
    semua = api(pengguna["tkksd"]).get("/api/v1/mitra/").json()["count"]
    assert semua >= 2
    # a mitra's representative sees only its own organisation
    r = api(pengguna["mitra_bogor"]).get("/api/v1/mitra/").json()
    assert [m["nama"] for m in r["results"]] == ["Pemerintah Kota Bogor"]


@pytest.mark.django_db
def test_skema_openapi_dan_dokumentasi(pengguna, klien):
    c = klien(pengguna["tkksd"])
    r = c.get("/api/v1/schema/")
    assert r.status_code == 200 and b"/api/v1/kerjasama/{id}/transisi/{nama}/" in r.content
    assert c.get("/api/v1/docs/").status_code == 200


@pytest.mark.django_db
def test_perjanjian_lama_dicatat_sebagaimana_ditandatangani_hanya_batas_kewajaran(pengguna, pd_dishub, mitra_bogor):
    """A legacy agreement is entered as it was signed: Ps 26(1), 42(1), 78(1) cap the KB and the KSDPL/KSDLL Naskah,
    not every agreement (the regulation wins over spec README "term ≤ 5 years"; this test used to refuse
    5 years and 1 day). Only sanity bounds remain: an end before the start, or more than 99 years."""
    from django.core.exceptions import ValidationError

    mulai = datetime.date(2026, 1, 1)
    PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor, judul="BGS 30 tahun",
                          tanggal_mulai=mulai, tanggal_penandatanganan=mulai, tanggal_berakhir=datetime.date(2055, 12, 31))
    with pytest.raises(ValidationError, match="tidak wajar"):
        PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor, judul="Salah ketik",
                              tanggal_mulai=mulai, tanggal_penandatanganan=mulai, tanggal_berakhir=datetime.date(2926, 1, 1))
    with pytest.raises(ValidationError, match="tidak boleh sebelum"):
        PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor, judul="Terbalik",
                              tanggal_mulai=mulai, tanggal_penandatanganan=mulai, tanggal_berakhir=datetime.date(2025, 1, 1))
    assert set(KerjaSama.objects.values_list("judul", flat=True)) == {"BGS 30 tahun"}
