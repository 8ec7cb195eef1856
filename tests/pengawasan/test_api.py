"""/api/v1/pengawasan/kegiatan/ (interfaces.md): list, plan, steps, matrix, attachments — with the
answers of the rest of the API: 400 fields, 403 not allowed, 404 invisible, 409 stage conflict."""

import pytest

from kerjasama import services as inti
from pengawasan.models import KegiatanPengawasan, TindakLanjut
from tests.pengawasan.factories import KegiatanPengawasanFactory, berkas_pdf

URL = "/api/v1/pengawasan/kegiatan/"


@pytest.mark.django_db
def test_rencanakan_dan_daftar(ks, ks_lain, pengguna, api, anggota):
    r = api(anggota).post(URL, {"kerjasama": ks.pk, "jenis": "pemantauan", "sifat": "terjadwal"}, format="json")
    assert r.status_code == 201, r.content
    data = r.json()
    assert data["tahap"] == "direncanakan" and data["jatuh_tempo"] == "2026-07-15"
    assert [t["nama"] for t in data["transisi_tersedia"]] == ["laksanakan"]
    assert {x["kode"]: x["wajib"] for x in data["lampiran"]} == {"laporan_mitra": True, "berita_acara": False}
    KegiatanPengawasanFactory(kerjasama=ks_lain, by=pengguna["tkksd"])
    assert [x["kerjasama"] for x in api(anggota).get(URL).json()["results"]] == [ks.pk]
    assert len(api(pengguna["ketua"]).get(URL).json()["results"]) == 2
    assert api(pengguna["mitra_bogor"]).get(URL).json()["results"] == []


@pytest.mark.django_db
def test_jawaban_400_403_404_409(ks, ks_lain, pengguna, api, anggota):
    assert api(anggota).post(URL, {"kerjasama": ks_lain.pk, "jenis": "pemantauan", "sifat": "terjadwal"},
                             format="json").status_code == 404
    assert api(pengguna["pd_dishub"]).post(URL, {"kerjasama": ks.pk, "jenis": "pemantauan", "sifat": "terjadwal"},
                                           format="json").status_code == 403
    assert api(pengguna["mitra_bogor"]).post(URL, {"kerjasama": ks.pk, "jenis": "pemantauan", "sifat": "terjadwal"},
                                             format="json").status_code == 403
    r = api(anggota).post(URL, {"kerjasama": ks.pk, "jenis": "evaluasi", "sifat": "terjadwal"}, format="json")
    assert r.status_code == 400 and "sedang menunggu: pemantauan" in r.json()["jenis"][0]
    k = KegiatanPengawasanFactory(kerjasama=ks, by=anggota)
    url = f"{URL}{k.pk}/transisi/"
    r = api(anggota).post(url + "laksanakan/", {"tanggal_pelaksanaan": "2026-01-21", "hasil": "x",
                                                "analisa_laporan_mitra": True}, format="json")
    assert r.status_code == 400 and "masa depan" in r.json()["tanggal_pelaksanaan"][0]
    assert api(anggota).post(url + "terima_laporan/", {}, format="json").status_code == 409
    assert api(pengguna["pd_dishub"]).post(url + "laksanakan/", {}, format="json").status_code == 403
    assert api(pengguna["pd_disbudpar"]).post(url + "laksanakan/", {}, format="json").status_code == 404
    r = api(anggota).post(url + "laksanakan/", {"tanggal_pelaksanaan": "2026-01-19", "hasil": "Baik.",
                                                "analisa_laporan_mitra": True}, format="json")
    assert r.status_code == 200 and r.json()["tahap"] == "dilaksanakan"
    # A client still holding the old stage gets a conflict.
    r = api(anggota).post(url + "batalkan/", {"alasan": "x", "_tahap": "direncanakan"}, format="json")
    assert r.status_code == 409


@pytest.mark.django_db
def test_evaluasi_lengkap_lewat_api(ks, pengguna, api, anggota, pdf_cepat):
    inti.kewajiban_atur(kerjasama=ks, by=pengguna["tkksd"], daftar=[{"pihak": "mitra", "uraian": "Membangun halte"}])
    kw = ks.kewajiban.get()
    r = api(anggota).post(URL, {"kerjasama": ks.pk, "jenis": "evaluasi", "sifat": "saat_diperlukan",
                                "keterangan": "Keluhan warga"}, format="json")
    kid = r.json()["id"]
    r = api(anggota).post(f"{URL}{kid}/transisi/laksanakan/", {
        "tanggal_pelaksanaan": "2026-01-19", "hasil": "Halte belum dibangun.", "fgd": True, "peserta": "Mitra, Dishub",
        "penilaian": [{"kewajiban": kw.pk, "status": "tidak_dipenuhi", "catatan": "0 dari 4"}],
    }, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["penilaian"][0]["status"] == "tidak_dipenuhi"
    r = api(anggota).post(f"{URL}{kid}/matrik/", {
        "dasar_perjanjian": "PKS Pasal 4", "materi_evaluasi": "Halte", "permasalahan": "Belum dibangun",
        "solusi": "Bangun", "tindak_lanjut": "Tagih", "perangkat_daerah": ks.perangkat_daerah_id,
        "rekomendasi": "menagih_kewajiban", "kewajiban": kw.pk}, format="json")
    assert r.status_code == 201 and r.json()["rekomendasi_label"].startswith("d. Menagih")
    r = api(anggota).post(f"{URL}{kid}/transisi/ajukan_laporan/", {"ringkasan_laporan": "R"}, format="json")
    assert r.status_code == 400 and len(r.json()["lampiran"]) == 4  # a, b, c, d missing; the matrix is there
    for jenis in ("laporan", "daftar_hadir", "notulensi", "berita_acara"):
        r = api(anggota).post(f"{URL}{kid}/lampiran/", {"jenis": jenis, "berkas": berkas_pdf(f"{jenis}.pdf")},
                              format="multipart")
        assert r.status_code == 201, r.content
    # Perwal 57/2023 Ps 85(4) huruf a–c: a client that does not fill the parts is refused, each huruf named.
    r = api(anggota).post(f"{URL}{kid}/transisi/ajukan_laporan/", {"ringkasan_laporan": "R"}, format="json")
    assert r.status_code == 400 and [p.rsplit("(Perwal 57/2023 ", 1)[1] for p in r.json()["bagian_evaluasi"]] == [
        "Pasal 85 ayat (4) huruf a).", "Pasal 85 ayat (4) huruf b).", "Pasal 85 ayat (4) huruf c)."]
    berita_acara = next(d["id"] for d in api(anggota).get(f"{URL}{kid}/").json()["dokumen"] if d["jenis"] == "berita_acara")
    for bagian in ({"huruf": "a", "temuan": "Halte belum dibangun."},
                   {"huruf": "b", "temuan": "Lokasi halte masih lahan kosong.", "dokumen": berita_acara},
                   {"huruf": "c", "temuan": "Mitra menunggu izin.", "rujukan": "Notulensi FGD 19-01-2026"}):
        r = api(anggota).post(f"{URL}{kid}/analisa/", bagian, format="json")
        assert r.status_code == 201, r.content
    assert all(b["lengkap"] for b in api(anggota).get(f"{URL}{kid}/").json()["bagian_evaluasi"])
    r = api(anggota).post(f"{URL}{kid}/transisi/ajukan_laporan/", {"ringkasan_laporan": "R"}, format="json")
    assert r.status_code == 200 and r.json()["tahap"] == "laporan_diajukan"
    assert api(anggota).post(f"{URL}{kid}/transisi/terima_laporan/", {}, format="json").status_code == 403
    r = api(pengguna["ketua"]).post(f"{URL}{kid}/transisi/terima_laporan/", {"catatan": "Ok"}, format="json")
    assert r.status_code == 200 and r.json()["tahap"] == "diterima"
    assert r.json()["matrik"][0]["tindak_lanjut_id"] == TindakLanjut.objects.get(kerjasama=ks).pk
    assert KegiatanPengawasan.objects.get(pk=kid).diterima_oleh == pengguna["ketua"]


@pytest.mark.django_db
def test_skema_openapi_memuat_sumber_daya_pengawasan(pengguna, api):
    r = api(pengguna["tkksd"]).get("/api/v1/schema/?format=json")
    assert r.status_code == 200
    paths = r.json()["paths"]
    for path in ("/api/v1/pengawasan/kegiatan/", "/api/v1/pengawasan/kegiatan/{id}/transisi/{nama}/",
                 "/api/v1/pengawasan/laporan-mitra/"):
        assert path in paths
