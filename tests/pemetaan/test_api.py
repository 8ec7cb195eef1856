"""/api/v1/pemetaan/siklus/ and /api/v1/pemetaan/rekomendasi/ (interfaces.md): 400/403/404/409."""

import datetime

from django.utils import timezone

import pytest

from pemetaan.constants import TahapRekomendasi, TahapSiklus
from pemetaan.models import Rekomendasi, SiklusPemetaan
from tests.pemetaan.factories import (
    ISI_REKOMENDASI,
    ItemRencanaFactory,
    ItemUsulanFactory,
    RekomendasiFactory,
    SiklusFactory,
    TimPemetaanFactory,
    pdf_kecil,
)

pytestmark = pytest.mark.django_db
SIKLUS = "/api/v1/pemetaan/siklus/"
REKOMENDASI = "/api/v1/pemetaan/rekomendasi/"
USULAN = {"urusan": "Perhubungan", "program": "Program LLAJ", "kegiatan": "Integrasi trayek", "jenis_usulan": "KSDD",
          "calon_mitra": "Kota Bogor", "jangka_waktu_bulan": 24, "ruang_lingkup": "Trayek."}


def test_buka_siklus_lewat_api(api, pengguna):
    batas = (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
    resp = api(pengguna["tkksd"]).post(SIKLUS, {"tahun": 2033, "batas_pengumpulan": batas}, format="json")
    assert resp.status_code == 201
    body = resp.json()
    assert body["tahap"] == TahapSiklus.PENGUMPULAN_DATA and body["tahun"] == 2033
    assert [t["aturan"] for t in body["tenggat"]] == ["pengumpulan_data_pemetaan"]
    assert body["dokumen"][0]["jenis"] == "surat_keluar"
    again = api(pengguna["tkksd"]).post(SIKLUS, {"tahun": 2033, "batas_pengumpulan": batas}, format="json")
    assert again.status_code == 400 and "tahun" in again.json()
    assert api(pengguna["pd_dishub"]).post(SIKLUS, {"tahun": 2034, "batas_pengumpulan": batas},
                                           format="json").status_code == 403


def test_siklus_terlihat_oleh_pd_tidak_oleh_mitra(api, pengguna):
    siklus = SiklusFactory()
    assert api(pengguna["pd_dishub"]).get(SIKLUS).json()["results"][0]["id"] == siklus.pk
    assert api(pengguna["mitra_bogor"]).get(SIKLUS).json()["results"] == []
    assert api(pengguna["mitra_bogor"]).get(f"{SIKLUS}{siklus.pk}/").status_code == 404


def test_transisi_siklus_api_200_400_403_409(api, pengguna):
    siklus = SiklusFactory(diajukan_ke_wali_kota=True)
    wali = api(pengguna["walikota"])
    detail = wali.get(f"{SIKLUS}{siklus.pk}/").json()
    t = detail["transisi_tersedia"][0]
    assert t["nama"] == "tetapkan" and t["pasal"] == "Pasal 18" and t["tujuan"] == "ditetapkan"
    assert {i["nama"] for i in t["isian"]} == {"nomor_keputusan", "tanggal_keputusan", "komentar"}
    url = f"{SIKLUS}{siklus.pk}/transisi/tetapkan/"
    assert api(pengguna["ketua"]).post(url, {}, format="json").status_code == 403
    resp = wali.post(url, {"nomor_keputusan": ""}, format="json")
    assert resp.status_code == 400 and "nomor_keputusan" in resp.json()
    resp = wali.post(url, {"nomor_keputusan": "K/5", "tanggal_keputusan": timezone.localdate().isoformat()}, format="json")
    assert resp.status_code == 200 and resp.json()["tahap"] == "ditetapkan"
    assert resp.json()["riwayat"][-1]["aksi"] == "tetapkan"
    assert wali.post(url, {"nomor_keputusan": "K/6", "tanggal_keputusan": timezone.localdate().isoformat()},
                     format="json").status_code == 409
    assert api(pengguna["dprd"]).post(url, {}, format="json").status_code == 404


def test_daftar_rencana_dan_kehadiran_api(api, pengguna, pd_dishub):
    siklus = SiklusFactory(pleno=True)
    rek = RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_dishub, dibahas=True)
    a, b = ItemUsulanFactory(rekomendasi=rek, kegiatan="A"), ItemUsulanFactory(rekomendasi=rek, kegiatan="B")
    c = api(pengguna["ketua"])
    resp = c.post(f"{SIKLUS}{siklus.pk}/daftar-rencana/",
                  {"pilihan": [{"item_usulan": a.pk, "peringkat": 2}, {"item_usulan": b.pk, "peringkat": 2}]}, format="json")
    assert resp.status_code == 400
    resp = c.post(f"{SIKLUS}{siklus.pk}/daftar-rencana/",
                  {"pilihan": [{"item_usulan": a.pk, "peringkat": 2}, {"item_usulan": b.pk, "peringkat": 1}]}, format="json")
    assert resp.status_code == 200
    assert [(i["peringkat"], i["kegiatan"]) for i in resp.json()["daftar_rencana"]] == [(1, "B"), (2, "A")]
    resp = c.post(f"{SIKLUS}{siklus.pk}/kehadiran/", {"daftar": [{"nama": "Sekda", "jabatan": "Ketua TKKSD"}]}, format="json")
    assert resp.status_code == 200 and resp.json()["kehadiran"] == [{"nama": "Sekda", "jabatan": "Ketua TKKSD", "unsur": ""}]
    assert api(pengguna["pd_dishub"]).post(f"{SIKLUS}{siklus.pk}/kehadiran/", {"daftar": []}, format="json").status_code == 403


def test_mulai_kasus_api(api, pengguna, pd_dishub, pembuat_uji):
    pembuat_uji("KSDPK")
    siklus = SiklusFactory(ditetapkan=True)
    item = ItemRencanaFactory(item_usulan=ItemUsulanFactory(
        rekomendasi=RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_dishub, dibahas=True), jenis_usulan="KSDPK"))
    url = f"{SIKLUS}{siklus.pk}/item/{item.pk}/mulai-kasus/"
    assert api(pengguna["pd_disbudpar"]).post(url).status_code == 403
    resp = api(pengguna["pd_dishub"]).post(url)
    assert resp.status_code == 201 and resp.json()["nomor"].startswith("KS/")
    assert api(pengguna["pd_dishub"]).post(url).status_code == 409
    assert api(pengguna["pd_dishub"]).post(f"{SIKLUS}{siklus.pk}/item/999999/mulai-kasus/").status_code == 404


def test_rekomendasi_api_pd_hanya_miliknya(api, pengguna, pd_dishub, pd_lain):
    siklus = SiklusFactory()
    milik = RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_dishub)
    lain = RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_lain)
    c = api(pengguna["pd_dishub"])
    assert [r["id"] for r in c.get(REKOMENDASI).json()["results"]] == [milik.pk]
    assert c.get(f"{REKOMENDASI}{lain.pk}/").status_code == 404
    assert c.post(f"{REKOMENDASI}{lain.pk}/transisi/ajukan/", {}, format="json").status_code == 404
    assert c.patch(f"{REKOMENDASI}{lain.pk}/", {"jangka_waktu": "x"}, format="json").status_code == 404
    assert {r["id"] for r in api(pengguna["auditor"]).get(REKOMENDASI).json()["results"]} == {milik.pk, lain.pk}
    assert api(pengguna["mitra_pt"]).get(REKOMENDASI).json()["results"] == []


def test_rekomendasi_api_susun_ajukan_kembalikan(api, pengguna, pd_dishub):
    siklus = SiklusFactory()
    TimPemetaanFactory(perangkat_daerah=pd_dishub)
    c = api(pengguna["pd_dishub"])
    resp = c.post(REKOMENDASI, {"siklus": siklus.pk, "item": [USULAN]}, format="json")
    assert resp.status_code == 201
    body = resp.json()
    assert body["tahap"] == "draft" and len(body["kekurangan"]) == 6
    rek_id = body["id"]
    assert c.post(f"{REKOMENDASI}{rek_id}/transisi/ajukan/", {}, format="json").status_code == 400
    resp = c.patch(f"{REKOMENDASI}{rek_id}/", ISI_REKOMENDASI, format="json")
    assert resp.status_code == 200 and resp.json()["kekurangan"] == [] and len(resp.json()["item"]) == 1
    resp = c.post(f"{REKOMENDASI}{rek_id}/dokumen/", {"berkas": pdf_kecil("data.pdf"), "judul": "Data kinerja"},
                  format="multipart")
    assert resp.status_code == 201
    resp = c.post(f"{REKOMENDASI}{rek_id}/transisi/ajukan/", {}, format="json")
    assert resp.status_code == 200 and resp.json()["tahap"] == "diajukan"
    assert c.patch(f"{REKOMENDASI}{rek_id}/", {"jangka_waktu": "x"}, format="json").status_code == 409
    t = api(pengguna["tkksd"])
    assert t.post(f"{REKOMENDASI}{rek_id}/transisi/kembalikan/", {}, format="json").status_code == 400
    resp = t.post(f"{REKOMENDASI}{rek_id}/transisi/kembalikan/", {"komentar": "Data kurang."}, format="json")
    assert resp.status_code == 200 and resp.json()["catatan_pengembalian"] == "Data kurang."
    assert c.get(f"{REKOMENDASI}{rek_id}/").json()["transisi_tersedia"][0]["nama"] == "ajukan_ulang"
    assert Rekomendasi.objects.get().tahap == TahapRekomendasi.DIKEMBALIKAN


def test_rekomendasi_api_usulan_salah_400(api, pengguna, pd_dishub):
    siklus = SiklusFactory()
    resp = api(pengguna["pd_dishub"]).post(REKOMENDASI, {"siklus": siklus.pk, "item": [{**USULAN, "jenis_usulan": "X"}]},
                                           format="json")
    assert resp.status_code == 400 and "Usulan 1" in resp.json()["item"][0]
    assert not Rekomendasi.objects.exists()
    assert api(pengguna["tkksd"]).post(REKOMENDASI, {"siklus": siklus.pk}, format="json").status_code == 403
    assert not SiklusPemetaan.objects.exclude(pk=siklus.pk).exists()


def test_isian_aneh_dijawab_400_bukan_500(api, pengguna, pd_dishub):
    siklus = SiklusFactory(pleno=True)
    c = api(pengguna["tkksd"])
    for body in ({"pilihan": [1, 2]}, {"pilihan": [{"item_usulan": 2**70, "peringkat": 1}]}, {"pilihan": "x"},
                 {"pilihan": [{"item_usulan": 1, "peringkat": 1, "catatan": "x" * 301}]}):
        assert c.post(f"{SIKLUS}{siklus.pk}/daftar-rencana/", body, format="json").status_code == 400
    assert c.post(f"{SIKLUS}{siklus.pk}/kehadiran/", {"daftar": [{"nama": ""}]}, format="json").status_code == 400
    terbuka = SiklusFactory()
    p = api(pengguna["pd_dishub"])
    for body in ({"siklus": terbuka.pk, "item": [{**USULAN, "mitra": 2**40}]},
                 {"siklus": terbuka.pk, "item": [{**USULAN, "jangka_waktu_bulan": 2**40}]},
                 {"siklus": 2**70}):
        assert p.post(REKOMENDASI, body, format="json").status_code == 400
    assert p.get(f"{SIKLUS}{2**70}/").status_code == 404
