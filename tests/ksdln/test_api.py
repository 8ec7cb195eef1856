"""/api/v1/ksdln/ (interfaces.md): the case object, creation, transitions with 200/400/403/404/409, and the
checklist and penjajakan endpoints."""

import datetime

import pytest
import time_machine

from kerjasama.models import RiwayatAudit
from ksdln.constants import BAGIAN_LOI
from ksdln.models import KasusKsdln
from tests.factories import naskah_bertanda_tangan
from tests.ksdln.conftest import wib
from tests.ksdln.factories import bagian, muat

D = datetime.date
URL = "/api/v1/ksdln/"


def baris(r):
    assert r.status_code == 200
    data = r.json()
    return data["results"] if isinstance(data, dict) else data


@pytest.mark.django_db
def test_objek_kasus_sesuai_kontrak(buat, pengguna, api):
    kasus = buat(persetujuan_dprd=True)
    r = api(pengguna["dprd"]).get(f"{URL}{kasus.pk}/")
    assert r.status_code == 200
    data = r.json()
    for field in ("id", "nomor", "judul", "jenis", "tahap", "transisi_tersedia", "tenggat", "riwayat", "negara",
                  "bentuk", "berlaku_sampai", "tanggal_diterima_dprd", "tanggal_dikirim_gubernur",
                  "tanggal_diteruskan_gubernur", "tanggal_penandatanganan", "tanggal_mulai", "tanggal_berakhir",
                  "persyaratan"):
        assert field in data, field
    assert (data["jenis"], data["tahap"], data["negara"]) == ("KSDPL", "persetujuan_dprd", "JP")
    langkah = {t["nama"]: t for t in data["transisi_tersedia"]}
    # Ps 65(1): the DPRD may also record its commission's discussion (issue 15)
    assert set(langkah) == {"catat_penerimaan_dprd", "catat_rapat_komisi_dprd"}
    isian = langkah["catat_penerimaan_dprd"]["isian"]
    assert isian[0] == {"nama": "tanggal_diterima_dprd", "label": "Tanggal diterima Sekretariat DPRD",
                        "tipe": "tanggal", "wajib": True}
    assert langkah["catat_penerimaan_dprd"]["tujuan"] == "persetujuan_dprd"
    assert len(data["persyaratan"]) == 8 and all(p["terpenuhi"] for p in data["persyaratan"])


@pytest.mark.django_db
def test_daftar_hanya_yang_terlihat(buat, pengguna, api, pd_lain):
    milik_dishub = buat()
    milik_disbudpar = buat(perangkat_daerah=pd_lain)
    assert {k["id"] for k in baris(api(pengguna["pd_dishub"]).get(URL))} == {milik_dishub.pk}
    semua = {k["id"] for k in baris(api(pengguna["tkksd"]).get(URL, {"jenis": "KSDPL"}))}
    assert semua == {milik_dishub.pk, milik_disbudpar.pk}
    assert baris(api(pengguna["tkksd"]).get(URL, {"jenis": "KSDLL"})) == []
    assert api(pengguna["pd_dishub"]).get(f"{URL}{milik_disbudpar.pk}/").status_code == 404
    assert api(pengguna["dprd"]).get(f"{URL}{milik_dishub.pk}/").status_code == 404  # not yet before the DPRD


@pytest.mark.django_db
def test_mencatat_prakarsa_lewat_api(pengguna, api, pd_dishub, ham):
    body = {"jenis": "KSDPL", "bentuk": "kota_kembar", "judul": "Bekasi–Hamamatsu", "perangkat_daerah": pd_dishub.pk,
            "sumber_prakarsa": "mitra", "mitra": ham.pk, "objek": ["budaya", "olahraga"]}
    r = api(pengguna["tkksd"]).post(URL, body, format="json")
    assert r.status_code == 201, r.content
    assert (r.json()["tahap"], r.json()["bentuk"], r.json()["objek"]) == ("prakarsa", "kota_kembar", ["budaya", "olahraga"])
    assert api(pengguna["pd_dishub"]).post(URL, body, format="json").status_code == 403
    r = api(pengguna["tkksd"]).post(URL, {**body, "sumber_prakarsa": "daerah"}, format="json")
    assert r.status_code == 400 and "Pasal 58 ayat (3)" in r.json()["item_pemetaan"][0]
    r = api(pengguna["tkksd"]).post(URL, {**body, "bentuk": "penerusan"}, format="json")
    assert r.status_code == 400 and "bentuk" in r.json()
    assert KasusKsdln.objects.count() == 1


@pytest.mark.django_db
def test_prakarsa_daerah_dari_item_pemetaan_lewat_api(pengguna, api, pd_dishub, ham):
    from tests.pemetaan.factories import (
        ItemRencanaFactory,
        ItemUsulanFactory,
        RekomendasiFactory,
        SiklusFactory,
    )

    siklus = SiklusFactory(ditetapkan=True)
    rek = RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_dishub, dibahas=True)
    item = ItemRencanaFactory(item_usulan=ItemUsulanFactory(rekomendasi=rek, jenis_usulan="KSDPL", kegiatan="Kota kembar"),
                              peringkat=1)
    r = api(pengguna["tkksd"]).post(URL, {
        "jenis": "KSDPL", "bentuk": "kota_kembar", "judul": "Kota kembar Bekasi–Hamamatsu", "perangkat_daerah": pd_dishub.pk,
        "sumber_prakarsa": "daerah", "mitra": ham.pk, "objek": ["budaya"], "item_pemetaan": item.pk}, format="json")
    assert r.status_code == 201, r.content
    item.refresh_from_db()
    assert item.kerjasama_id == r.json()["id"] and r.json()["item_pemetaan_id"] == item.pk
    assert r.json()["judul"] == "Kota kembar Bekasi–Hamamatsu" and r.json()["mitra"] == ham.pk


@pytest.mark.django_db
def test_transisi_lewat_api_200_400_403_404_409(buat, pengguna, api, pd_lain):
    kasus = buat(tanggapan_diterima=True)
    url = f"{URL}{kasus.pk}/transisi/tandatangani_loi/"
    hari = kasus.tanggal_tanggapan_menteri
    dok = naskah_bertanda_tangan(kasus, "loi")
    body = {"tempat_penandatanganan": "Bekasi", "tanggal_penandatanganan": hari.isoformat(),
            "berlaku_sampai": hari.replace(year=hari.year + 1).isoformat(), "dokumen_loi": dok.pk, **bagian(BAGIAN_LOI)}
    assert api(pengguna["tkksd"]).post(url, body, format="json").status_code == 403
    assert api(pengguna["pd_disbudpar"]).post(url, body, format="json").status_code == 404
    lebih = {**body, "berlaku_sampai": (hari.replace(year=hari.year + 1) + datetime.timedelta(days=1)).isoformat()}
    r = api(pengguna["walikota"]).post(url, lebih, format="json")
    assert r.status_code == 400 and "Pasal 62 ayat (3)" in r.json()["berlaku_sampai"][0]
    r = api(pengguna["walikota"]).post(url, body, format="json")
    assert r.status_code == 200 and r.json()["tahap"] == "loi_ditandatangani"
    r = api(pengguna["walikota"]).post(url, body, format="json")
    assert r.status_code == 409
    assert RiwayatAudit.objects.filter(kerjasama_id=kasus.pk, aksi="tandatangani_loi").count() == 1


@pytest.mark.django_db
def test_persyaratan_dan_penjajakan_lewat_api(buat, pengguna, api):
    kasus = buat()
    c = api(pengguna["tkksd"])
    r = c.post(f"{URL}{kasus.pk}/persyaratan/", {"kode": "hubungan_diplomatik", "terpenuhi": True,
                                                 "catatan": "Indonesia–Jepang: hubungan diplomatik sejak 1958."},
               format="json")
    assert r.status_code == 200 and r.json()["terpenuhi"] and r.json()["dikonfirmasi_oleh"] == "tkksd"
    r = c.post(f"{URL}{kasus.pk}/persyaratan/", {"kode": "hubungan_diplomatik", "terpenuhi": True}, format="json")
    assert r.status_code == 400 and "bukti" in r.json()["catatan"][0]
    r = c.post(f"{URL}{kasus.pk}/persyaratan/", {"kode": "alih_iptek", "terpenuhi": True, "catatan": "x"}, format="json")
    assert r.status_code == 400  # not applicable: the objects do not include science and technology
    r = api(pengguna["pd_dishub"]).post(f"{URL}{kasus.pk}/persyaratan/",
                                        {"kode": "hubungan_diplomatik", "terpenuhi": True, "catatan": "x"}, format="json")
    assert r.status_code == 403
    penjajakan = {"cara": "komunikasi", "tanggal": "2026-01-05", "catatan": "Surat elektronik."}
    with time_machine.travel(wib(2026, 1, 6, 9), tick=False):
        assert c.post(f"{URL}{kasus.pk}/penjajakan/", penjajakan, format="json").status_code == 409
        assert c.post(f"{URL}{kasus.pk}/transisi/mulai_penjajakan/", {}, format="json").status_code == 200
        r = c.post(f"{URL}{kasus.pk}/penjajakan/", penjajakan, format="json")
    assert r.status_code == 201 and muat(kasus).kegiatan_penjajakan.count() == 1


@pytest.mark.django_db
def test_id_di_luar_jangkauan_404_bukan_galat(pengguna, api):
    c = api(pengguna["tkksd"])
    assert c.get(f"{URL}95881007713962363875420536832/").status_code == 404
    assert c.post(f"{URL}95881007713962363875420536832/transisi/akhiri/", {}, format="json").status_code == 404
