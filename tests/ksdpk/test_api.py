"""/api/v1/ksdpk/ (interfaces.md): a third party's application walked to pelaksanaan through the API, with the
DPRD's approval (Ps 43), and the fields and transitions each role is offered."""

import pytest

from ksdd.dokumen_contoh import berkas_contoh
from tests.factories import ttd

from .conftest import D, iso
from .factories import item_ksdpk

pytestmark = pytest.mark.django_db


def test_permohonan_lewat_api_sampai_pelaksanaan_dengan_persetujuan_dprd(beku, pengguna, klien_api, pd_dishub, pt):
    mitra, tkksd, wali, dprd, pd = (klien_api(pengguna[u]) for u in ("mitra_pt", "tkksd", "walikota", "dprd", "pd_dishub"))
    r = mitra.c.post("/api/v1/ksdpk/permohonan/", {
        "judul": "Pengelolaan pasar tradisional", "jenis_ksdpk": "pengelolaan_aset", "objek": "Pasar Baru Bekasi",
        "nilai": 12_000_000_000, "pendapatan_daerah": 900_000_000, "lokasi": "Pasar Baru", "lintang": "-6.2383",
        "bujur": "106.9756", "nama_perwakilan": "Rina Kusuma",
        "studi_kelayakan": berkas_contoh("Studi kelayakan pasar", "studi.pdf")}, format="multipart")
    assert r.status_code == 201, r.content
    obj = r.json()
    kid = obj["id"]
    assert (obj["jenis"], obj["tahap"], obj["inisiatif"], obj["mitra"], obj["perangkat_daerah"]) == (
        "KSDPK", "kajian_tkksd", "mitra", pt.pk, None)
    assert obj["lintang"] == "-6.238300" and obj["pendapatan_daerah"] == 900_000_000 and obj["studi_kelayakan"]
    assert obj["transisi_tersedia"] == []  # the applicant waits for the TKKSD

    obj = tkksd.baca(kid)
    assert {t["nama"] for t in obj["transisi_tersedia"]} == {"terima_tawaran_mitra", "tolak_tawaran_mitra"}
    [terima] = [t for t in obj["transisi_tersedia"] if t["nama"] == "terima_tawaran_mitra"]
    assert terima["tujuan"] == "penyusunan_kb" and str(pd_dishub.pk) in [p["nilai"] for p in terima["isian"][0]["pilihan"]]
    obj = tkksd.langkah(kid, "terima_tawaran_mitra", perangkat_daerah=str(pd_dishub.pk),
                        kajian=tkksd.unggah(kid, "kajian", "Kajian"), tenaga_ahli="Dinas Perdagangan")
    assert (obj["tahap"], obj["perangkat_daerah"]) == ("penyusunan_kb", pd_dishub.pk)
    # The Ps 43 answers are missing: the KB cannot be signed before the TKKSD records them.
    tkksd.langkah(kid, "ajukan_rancangan_kb", rancangan_kb=tkksd.unggah(kid, "kesepakatan_bersama", "Rancangan KB"))
    tkksd.langkah(kid, "setujui_rancangan_kb")
    isian_kb = {"nomor_kb": "KB/5/2026", "cara_penandatanganan": "bersama", "tanggal_penandatanganan": iso(D(2026, 2, 2)),
           "tanggal_mulai": iso(D(2026, 2, 2)), "tanggal_berakhir": iso(D(2031, 2, 1)), "penandatangan_mitra": "Direktur Utama"}
    r = wali.langkah(kid, "tandatangani_kb", status=400, kesepakatan_bersama=ttd(kid, "kesepakatan_bersama"), **isian_kb)
    assert "Pasal 43" in r["__all__"][0]
    from ksdpk import services
    from ksdpk.models import KasusKsdpk

    services.ksdpk_ubah(kasus=KasusKsdpk.objects.get(pk=kid), by=pengguna["tkksd"], membebani_masyarakat_daerah=True,
                        sudah_dianggarkan_apbd=True)
    obj = wali.langkah(kid, "tandatangani_kb", kesepakatan_bersama=ttd(kid, "kesepakatan_bersama"), **isian_kb)
    assert (obj["tahap"], obj["persetujuan_dprd_diperlukan"]) == ("persetujuan_dprd", True)
    assert obj["alasan_dprd"].startswith("Persetujuan DPRD diperlukan (Pasal 43)")
    obj = dprd.langkah(kid, "setujui_dprd", tanggal_diterima_dprd=iso(D(2026, 2, 3)), tanggal_keputusan=iso(D(2026, 2, 20)),
                       surat_dprd=dprd.unggah(kid, "surat_dprd", "Persetujuan"))
    assert obj["tahap"] == "penyusunan_pks"
    pd.langkah(kid, "ajukan_rancangan_pks", rancangan_pks=pd.unggah(kid, "pks", "Rancangan PKS"))
    tkksd.langkah(kid, "setujui_rancangan_pks")
    obj = wali.langkah(kid, "tandatangani_pks", pks=ttd(kid, "pks"), nomor_pks="PKS/5/2026",
                       tanggal_penandatanganan=iso(D(2026, 3, 1)), tanggal_mulai=iso(D(2026, 3, 1)),
                       tanggal_berakhir=iso(D(2031, 2, 28)), penandatangan_mitra="Direktur Utama")
    assert (obj["tahap"], obj["tanggal_mulai"], obj["tanggal_berakhir"]) == ("pelaksanaan", "2026-03-01", "2031-02-28")
    assert "masa_berlaku_perjanjian" in [t["aturan"] for t in obj["tenggat"]]  # (supervision adds its own)
    assert {r["aksi"] for r in obj["riwayat"]} >= {"permohonan_diajukan", "terima_tawaran_mitra", "perlu_persetujuan_dprd",
                                                   "setujui_dprd", "tandatangani_pks"}
    # The mitra now takes part: it may ask for an extension (Ps 42(2)).
    assert "ajukan_perpanjangan" in {t["nama"] for t in mitra.baca(kid)["transisi_tersedia"]}


def test_daftar_api_dan_filter(beku, pengguna, klien_api, pt, pd_dishub):
    pd = klien_api(pengguna["pd_dishub"])
    for jenis in ("investasi", "pelayanan_publik"):
        assert pd.c.post("/api/v1/ksdpk/", {"judul": f"KSDPK {jenis}", "jenis_ksdpk": jenis, "objek": "x",
                                            "calon_mitra": [pt.pk], "item_pemetaan": item_ksdpk(pd_dishub).pk},
                         format="json").status_code == 201
    hasil = pd.c.get("/api/v1/ksdpk/", {"jenis_ksdpk": "investasi"}).json()
    assert [o["judul"] for o in hasil["results"]] == ["KSDPK investasi"]
    assert hasil["results"][0]["riwayat"] == []  # lists stay light
    assert klien_api(pengguna["pd_disbudpar"]).c.get("/api/v1/ksdpk/").json()["count"] == 0
