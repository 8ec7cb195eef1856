"""The web pages drive the same services: a monitoring from plan to the Ketua TKKSD's acceptance,
with the refusals shown on the form (400), conflicts (409), and the 403/404 answers."""

import pytest

from kerjasama import services as inti
from pengawasan.models import BarisMatrik, KegiatanPengawasan
from tests.pengawasan.factories import KegiatanPengawasanFactory, berkas_pdf


@pytest.mark.django_db
def test_alur_pemantauan_lewat_halaman(ks, pengguna, klien, anggota, pdf_cepat):
    c = klien(anggota)
    r = c.get(f"/pengawasan/kerjasama/{ks.pk}/kegiatan/baru/")
    assert r.status_code == 200 and "Pasal 85 ayat (3)" in r.content.decode()
    r = c.post(f"/pengawasan/kerjasama/{ks.pk}/kegiatan/baru/", {"jenis": "pemantauan", "sifat": "terjadwal"})
    k = KegiatanPengawasan.objects.get(kerjasama=ks)
    assert r.status_code == 302 and r["Location"] == f"/pengawasan/kegiatan/{k.pk}/"
    halaman = c.get(r["Location"]).content.decode()
    assert 'data-transisi="laksanakan"' in halaman and "Pasal 88" in halaman

    url = f"/pengawasan/kegiatan/{k.pk}/transisi/laksanakan/"
    r = c.post(url, {"_tahap": "direncanakan", "tanggal_pelaksanaan": "2026-01-19", "hasil": "Baik."})
    assert r.status_code == 400 and "Pasal 85 ayat (2)" in r.content.decode()
    r = c.post(url, {"_tahap": "direncanakan", "tanggal_pelaksanaan": "2026-01-19", "hasil": "Baik.",
                     "analisa_laporan_mitra": "on", "tinjau_lokasi": "on"})
    assert r.status_code == 302

    url = f"/pengawasan/kegiatan/{k.pk}/transisi/ajukan_laporan/"
    r = c.post(url, {"_tahap": "dilaksanakan", "ringkasan_laporan": "Ringkas."})
    html = r.content.decode()
    assert r.status_code == 400
    assert "Lampiran belum ada: Dokumen laporan mitra kerja sama" in html
    assert "Lampiran belum ada: Berita acara tinjau lokasi" in html
    for jenis in ("laporan", "berita_acara"):
        assert c.post(f"/pengawasan/kegiatan/{k.pk}/lampiran/", {"jenis": jenis, "berkas": berkas_pdf()}).status_code == 302
    assert c.post(url, {"_tahap": "dilaksanakan", "ringkasan_laporan": "Ringkas."}).status_code == 302

    # Only the Ketua TKKSD sees and takes "Terima laporan".
    assert 'data-transisi="terima_laporan"' not in c.get(f"/pengawasan/kegiatan/{k.pk}/").content.decode()
    assert c.get(f"/pengawasan/kegiatan/{k.pk}/transisi/terima_laporan/").status_code == 403
    ketua = klien(pengguna["ketua"])
    assert 'data-transisi="terima_laporan"' in ketua.get(f"/pengawasan/kegiatan/{k.pk}/").content.decode()
    r = ketua.post(f"/pengawasan/kegiatan/{k.pk}/transisi/terima_laporan/", {"_tahap": "laporan_diajukan"})
    assert r.status_code == 302
    assert KegiatanPengawasan.objects.get(pk=k.pk).tahap == "diterima"
    # The same form again, now out of date: 409.
    r = ketua.post(f"/pengawasan/kegiatan/{k.pk}/transisi/kembalikan_laporan/",
                   {"_tahap": "laporan_diajukan", "alasan": "x"})
    assert r.status_code == 409


@pytest.mark.django_db
def test_form_evaluasi_menilai_setiap_kewajiban(ks, pengguna, klien):
    inti.kewajiban_atur(kerjasama=ks, by=pengguna["tkksd"], daftar=[
        {"pihak": "mitra", "uraian": "Membangun halte", "dasar": "PKS Pasal 4"}])
    kw = ks.kewajiban.get()
    k = KegiatanPengawasanFactory(kerjasama=ks, by=pengguna["tkksd"], jenis="evaluasi")
    c = klien(pengguna["tkksd"])
    url = f"/pengawasan/kegiatan/{k.pk}/transisi/laksanakan/"
    assert "Membangun halte (PKS Pasal 4)" in c.get(url).content.decode()
    data = {"_tahap": "direncanakan", "tanggal_pelaksanaan": "2026-01-19", "hasil": "x", "fgd": "on", "peserta": "Mitra"}
    r = c.post(url, data)
    assert r.status_code == 400 and "Nilai pelaksanaan kewajiban mitra: Membangun halte" in r.content.decode()
    r = c.post(url, {**data, f"penilaian_{kw.pk}": "sebagian", f"catatan_{kw.pk}": "2 dari 4"})
    assert r.status_code == 302
    assert k.penilaian.get().status == "sebagian"

    r = c.post(f"/pengawasan/kegiatan/{k.pk}/matrik/baru/", {
        "dasar_perjanjian": "PKS Pasal 4", "materi_evaluasi": "Halte", "permasalahan": "Kurang", "solusi": "Bangun",
        "tindak_lanjut": "Tagih", "perangkat_daerah": ks.perangkat_daerah_id, "rekomendasi": "addendum"})
    assert r.status_code == 302
    baris = BarisMatrik.objects.get(kegiatan=k)
    r = c.post(f"/pengawasan/kegiatan/{k.pk}/matrik/{baris.pk}/", {
        "dasar_perjanjian": "PKS Pasal 4", "materi_evaluasi": "Halte", "permasalahan": "Kurang", "solusi": "Bangun",
        "tindak_lanjut": "Tagih", "perangkat_daerah": ks.perangkat_daerah_id, "rekomendasi": "bukan_rekomendasi"})
    assert r.status_code == 400
    assert c.post(f"/pengawasan/kegiatan/{k.pk}/matrik/{baris.pk}/hapus/").status_code == 302
    assert not BarisMatrik.objects.filter(kegiatan=k).exists()


@pytest.mark.django_db
def test_halaman_kegiatan_404_bagi_yang_tidak_melihat_kerja_samanya(ks, pengguna, klien):
    k = KegiatanPengawasanFactory(kerjasama=ks, by=pengguna["tkksd"], jenis="evaluasi")
    for url in (f"/pengawasan/kegiatan/{k.pk}/", f"/pengawasan/kegiatan/{k.pk}/matrik.pdf",
                f"/pengawasan/kegiatan/{k.pk}/matrik.xlsx", f"/pengawasan/kegiatan/{k.pk}/transisi/laksanakan/"):
        assert klien(pengguna["pd_disbudpar"]).get(url).status_code == 404
        assert klien(pengguna["mitra_pt"]).get(url).status_code == 404
        assert klien(pengguna["mitra_bogor"]).get(url).status_code == 403  # sees the case, not the team's papers
    assert klien(pengguna["auditor"]).get(f"/pengawasan/kegiatan/{k.pk}/").status_code == 200
    r = klien(pengguna["auditor"]).post(f"/pengawasan/kegiatan/{k.pk}/lampiran/",
                                        {"jenis": "notulensi", "berkas": berkas_pdf()})
    assert r.status_code == 403


@pytest.mark.django_db
def test_laporan_saya_hanya_kerja_sama_mitra_sendiri(ks, ks_lain, pengguna, klien):
    html = klien(pengguna["mitra_bogor"]).get("/pengawasan/laporan-saya/").content.decode()
    assert ks.nomor in html and ks_lain.nomor not in html
    html = klien(pengguna["mitra_pt"]).get("/pengawasan/laporan-saya/").content.decode()
    assert ks_lain.nomor in html and ks.nomor not in html


@pytest.mark.django_db
def test_tindak_lanjut_lewat_halaman(ks, pengguna, klien, pdf_cepat):
    KegiatanPengawasanFactory(kerjasama=ks, by=pengguna["tkksd"], ketua=pengguna["ketua"], jenis="evaluasi",
                              rekomendasi=("proses_hukum",), diterima=True)
    tl = ks.tindak_lanjut.get()
    c = klien(pengguna["tkksd"])
    assert "Bagian Hukum" in c.get(f"/pengawasan/tindak-lanjut/{tl.pk}/").content.decode()
    r = c.post(f"/pengawasan/tindak-lanjut/{tl.pk}/", {"aksi": "tutup", "status": "selesai", "hasil": ""})
    assert r.status_code == 400
    r = c.post(f"/pengawasan/tindak-lanjut/{tl.pk}/", {"aksi": "tutup", "status": "selesai", "hasil": "Gugatan diajukan."})
    assert r.status_code == 302
    tl.refresh_from_db()
    assert tl.status == "selesai" and tl.hasil == "Gugatan diajukan."
    r = c.post(f"/pengawasan/tindak-lanjut/{tl.pk}/", {"aksi": "tutup", "status": "selesai", "hasil": "Lagi."})
    assert r.status_code == 409
