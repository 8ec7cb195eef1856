"""Both initiatives walked through the JSON API (/api/v1/ksdd/), as the real roles (interfaces.md)."""

import datetime

import pytest

from kerjasama import services
from kerjasama.models import Tenggat
from ksdd.dokumen_contoh import berkas_contoh
from ksdd.models import KasusKsdd
from tests.factories import ttd

from .conftest import iso

pytestmark = pytest.mark.django_db
D = datetime.date


def nama_transisi(obj):
    return {t["nama"] for t in obj["transisi_tersedia"]}


def test_prakarsa_daerah_lewat_api_dengan_persetujuan_dprd(beku, pengguna, rest, pd_dishub, mitra_bogor):
    """Ps 22–33 through the API; Ps 27: the plan burdens the public and the Daerah, so the DPRD decides."""
    pd, tkksd, mitra, wali, dprd = (rest(pengguna[u]) for u in ("pd_dishub", "tkksd", "mitra_bogor", "walikota", "dprd"))
    r = pd.c.post("/api/v1/ksdd/", {
        "judul": "Pengendalian banjir Kali Bekasi", "sifat": "sukarela", "urusan": "Pekerjaan umum",
        "mitra": mitra_bogor.pk, "membebani_masyarakat_daerah": True, "sudah_dianggarkan_apbd": True,
    }, format="json")
    assert r.status_code == 201, r.content
    obj = r.json()
    kid = obj["id"]
    assert (obj["jenis"], obj["tahap"], obj["perangkat_daerah"]) == ("KSDD", "persiapan", pd_dishub.pk)
    assert nama_transisi(obj) == {"ajukan_kak"}
    [ajukan] = obj["transisi_tersedia"]
    assert ajukan["tujuan"] == "kajian_tkksd" and ajukan["pasal"] == "Pasal 22 ayat (1)–(2)"
    assert [i["nama"] for i in ajukan["isian"]] == ["kak", "komentar"]

    obj = pd.langkah(kid, "ajukan_kak", kak=pd.unggah(kid, "kak", "KAK banjir"))
    assert obj["tahap"] == "kajian_tkksd"
    obj = tkksd.langkah(kid, "terima_kajian", kajian=tkksd.unggah(kid, "kajian", "Kajian"))
    assert obj["tahap"] == "penawaran"
    obj = tkksd.langkah(kid, "perbarui_surat_penawaran", nomor_surat="415.4/77/Ks")
    obj = tkksd.langkah(kid, "kirim_penawaran", surat_penawaran=tkksd.unggah(kid, "surat_penawaran", "Surat bertanda tangan"),
                        nomor_surat="415.4/77/Ks", tanggal_surat=iso(D(2026, 1, 5)), tanggal_dikirim=iso(D(2026, 1, 5)))
    assert obj["tahap"] == "menunggu_jawaban"
    assert nama_transisi(mitra.c.get(f"/api/v1/ksdd/{kid}/").json()) == {"mitra_menerima", "mitra_menolak"}
    obj = mitra.langkah(kid, "mitra_menerima", tanggal_jawaban=iso(D(2026, 1, 15)))
    obj = pd.langkah(kid, "ajukan_rancangan_kb", rancangan_kb=pd.unggah(kid, "kesepakatan_bersama", "Rancangan KB"))
    obj = tkksd.langkah(kid, "setujui_rancangan_kb")
    assert obj["tahap"] == "penandatanganan_kb"
    obj = wali.langkah(kid, "tandatangani_kb", kesepakatan_bersama=ttd(kid, "kesepakatan_bersama"),
                       nomor_kb="KB/9/2026", cara_penandatanganan="bersama", tanggal_penandatanganan=iso(D(2026, 2, 2)),
                       tanggal_mulai=iso(D(2026, 2, 2)), tanggal_berakhir=iso(D(2031, 2, 1)),
                       penandatangan_mitra="Wali Kota Bogor")
    assert obj["tahap"] == "persetujuan_dprd"
    assert obj["persetujuan_dprd_diperlukan"] is True
    assert "membebani masyarakat dan Daerah" in obj["alasan_dprd"]
    assert [(r["aksi"], r["oleh"]) for r in obj["riwayat"][-2:]] == [("tandatangani_kb", "walikota"),
                                                                     ("perlu_persetujuan_dprd", None)]
    # The DPRD now sees the case and decides, recording when its secretariat received the request.
    assert nama_transisi(dprd.c.get(f"/api/v1/ksdd/{kid}/").json()) == {"setujui_dprd", "tolak_dprd"}
    obj = dprd.langkah(kid, "setujui_dprd", tanggal_diterima_dprd=iso(D(2026, 2, 9)), tanggal_keputusan=iso(D(2026, 2, 20)),
                       surat_dprd=dprd.unggah(kid, "surat_dprd", "Surat persetujuan DPRD"))
    assert (obj["tahap"], obj["tanggal_diterima_dprd"]) == ("penyusunan_pks", "2026-02-09")
    obj = pd.langkah(kid, "ajukan_rancangan_pks", rancangan_pks=pd.unggah(kid, "pks", "Rancangan PKS"))
    obj = tkksd.langkah(kid, "setujui_rancangan_pks")
    obj = wali.langkah(kid, "tandatangani_pks", pks=ttd(kid, "pks"), nomor_pks="PKS/5/2026",
                       tanggal_penandatanganan=iso(D(2026, 3, 2)), tanggal_mulai=iso(D(2026, 3, 2)),
                       tanggal_berakhir=iso(D(2031, 3, 1)), penandatangan_mitra="Wali Kota Bogor")
    assert (obj["tahap"], obj["tanggal_penandatanganan"], obj["tanggal_mulai"], obj["tanggal_berakhir"]) == (
        "pelaksanaan", "2026-03-02", "2026-03-02", "2031-03-01")
    assert [t["aturan"] for t in obj["tenggat"] if t["aturan"] == "masa_berlaku_perjanjian"] == ["masa_berlaku_perjanjian"]
    obj = pd.langkah(kid, "lampirkan_rencana_aksi", rencana_aksi=pd.unggah(kid, "rencana_aksi", "Rencana aksi"))

    # Ps 26(1): the end of the term, by the sweep.
    tenggat = Tenggat.objects.get(kerjasama_id=kid, aturan="masa_berlaku_perjanjian", status="terbuka")
    services.tenggat_sweep(now=tenggat.jatuh_tempo + datetime.timedelta(minutes=1))
    obj = tkksd.c.get(f"/api/v1/ksdd/{kid}/").json()
    assert (obj["tahap"], obj["tanggal_selesai"]) == ("selesai", "2031-03-01")


def test_prakarsa_daerah_lain_lewat_api_tanpa_dprd(beku, pengguna, rest, pd_dishub, mitra_bogor):
    """Ps 35(3) through the API: the offer with its draft KB, the TKKSD's study naming the PD, then the
    same stages; Ps 27 answers say no DPRD; the Sekretariat terminates at the end."""
    tkksd, pd, wali = (rest(pengguna[u]) for u in ("tkksd", "pd_dishub", "walikota"))
    r = tkksd.c.post("/api/v1/ksdd/tawaran-mitra/", {
        "judul": "Pertukaran data kependudukan", "sifat": "sukarela", "urusan": "Administrasi kependudukan",
        "mitra": mitra_bogor.pk, "membebani_masyarakat_daerah": "false", "sudah_dianggarkan_apbd": "true",
        "nomor_surat": "470/12/Disdukcapil", "tanggal_surat": "2026-02-16",
        "surat_penawaran": berkas_contoh("Surat Bogor", "surat.pdf"), "rancangan_kb": berkas_contoh("KB Bogor", "kb.pdf"),
    }, format="multipart")
    assert r.status_code == 201, r.content
    obj = r.json()
    kid = obj["id"]
    assert (obj["tahap"], obj["inisiatif"], obj["perangkat_daerah"]) == ("kajian_tkksd", "mitra", None)
    assert nama_transisi(obj) == {"terima_tawaran_mitra", "tolak_tawaran_mitra"}
    assert pd.c.get(f"/api/v1/ksdd/{kid}/").status_code == 404
    [terima] = [t for t in obj["transisi_tersedia"] if t["nama"] == "terima_tawaran_mitra"]
    pilihan_pd = {p["nilai"] for p in terima["isian"][0]["pilihan"]}
    assert str(pd_dishub.pk) in pilihan_pd

    obj = tkksd.langkah(kid, "terima_tawaran_mitra", perangkat_daerah=str(pd_dishub.pk),
                        kajian=tkksd.unggah(kid, "kajian", "Kajian tawaran"))
    assert (obj["tahap"], obj["perangkat_daerah"]) == ("penyusunan_kb", pd_dishub.pk)
    kasus = KasusKsdd.objects.get(pk=kid)
    obj = pd.langkah(kid, "ajukan_rancangan_kb", rancangan_kb=kasus.rancangan_kb_id)
    obj = tkksd.langkah(kid, "setujui_rancangan_kb")
    obj = wali.langkah(kid, "tandatangani_kb", kesepakatan_bersama=ttd(kid, "kesepakatan_bersama"),
                       nomor_kb="KB/3/2026", cara_penandatanganan="sirkuler", tanggal_penandatanganan=iso(D(2026, 2, 25)),
                       tanggal_mulai=iso(D(2026, 2, 25)), tanggal_berakhir=iso(D(2027, 2, 24)),
                       penandatangan_mitra="Wali Kota Bogor")
    assert obj["tahap"] == "penyusunan_pks"
    assert obj["persetujuan_dprd_diperlukan"] is False
    assert obj["riwayat"][-1]["aksi"] == "tanpa_persetujuan_dprd"
    assert obj["riwayat"][-1]["komentar"].startswith("Persetujuan DPRD tidak diperlukan (Pasal 27)")
    obj = pd.langkah(kid, "ajukan_rancangan_pks", rancangan_pks=pd.unggah(kid, "pks", "Rancangan PKS"))
    obj = tkksd.langkah(kid, "setujui_rancangan_pks")
    obj = wali.langkah(kid, "tandatangani_pks", pks=ttd(kid, "pks"), nomor_pks="PKS/8/2026",
                       tanggal_penandatanganan=iso(D(2026, 3, 1)), tanggal_mulai=iso(D(2026, 3, 1)),
                       tanggal_berakhir=iso(D(2027, 2, 28)), penandatangan_mitra="Wali Kota Bogor")
    assert obj["tahap"] == "pelaksanaan"
    obj = tkksd.langkah(kid, "akhiri", tanggal_selesai=iso(D(2026, 3, 2)), komentar="Mitra mengundurkan diri.")
    assert (obj["tahap"], obj["tanggal_selesai"]) == ("selesai", "2026-03-02")
