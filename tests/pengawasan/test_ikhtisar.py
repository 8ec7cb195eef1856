"""The Ketua TKKSD's overview of every cooperation in pelaksanaan (last monitoring, last evaluation,
next activity due, partner-report status, open recommendations; overdue in red; filters; Excel),
and the matrix exports (PDF landscape, Excel)."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from kerjasama import services as inti
from pengawasan import selectors
from tests.pengawasan.conftest import wib
from tests.pengawasan.factories import KegiatanPengawasanFactory, baris_matrik

D = datetime.date


@pytest.fixture
def riwayat(ks, ks_lain, pengguna, jam, pdf_cepat):
    """ks: monitoring 20-07-2026 and evaluation 18-01-2027 with two open recommendations;
    ks_lain: nothing done, its monitoring overdue since 10-07-2026."""
    tkksd = pengguna["tkksd"]
    jam(2026, 7, 20)
    KegiatanPengawasanFactory(kerjasama=ks, by=tkksd, jenis="pemantauan", sifat="terjadwal", dilaksanakan=True,
                              tanggal_pelaksanaan=D(2026, 7, 20))
    jam(2027, 1, 18)
    KegiatanPengawasanFactory(kerjasama=ks, by=tkksd, ketua=pengguna["ketua"], jenis="evaluasi", sifat="terjadwal",
                              tanggal_pelaksanaan=D(2027, 1, 18), rekomendasi=("menagih_kewajiban", "addendum"),
                              diterima=True)
    jam(2027, 1, 20)


@pytest.mark.django_db
def test_baris_ikhtisar(riwayat, ks, ks_lain, pengguna):
    baris = {b.kerjasama.pk: b for b in selectors.ikhtisar(user=pengguna["ketua"])}
    a, b = baris[ks.pk], baris[ks_lain.pk]
    assert (a.pemantauan_terakhir, a.evaluasi_terakhir) == (D(2026, 7, 20), D(2027, 1, 18))
    assert a.berikut.aturan == "pemantauan" and a.berikut.jatuh_tempo == wib(2027, 7, 18, 23, 59, 59)
    assert not a.berikut_terlambat
    assert a.rekomendasi_terbuka == 2 and a.rekomendasi_lewat == 0
    # Semester 1 (due 15-07-2026) was never reported; without a sweep it is still "terbuka", yet the
    # overview counts it overdue by its date.
    assert a.laporan_terlambat == 1 and a.laporan_berikut is None
    assert (b.pemantauan_terakhir, b.evaluasi_terakhir) == (None, None)
    assert b.berikut.aturan == "pemantauan" and b.berikut_terlambat  # due 10-07-2026
    terlambat = selectors.ikhtisar(user=pengguna["ketua"], hanya_terlambat=True)
    assert {x.kerjasama.pk for x in terlambat} == {ks.pk, ks_lain.pk}
    assert [x.kerjasama.pk for x in selectors.ikhtisar(user=pengguna["ketua"], perangkat_daerah=ks.perangkat_daerah)] == [ks.pk]
    assert [x.kerjasama.pk for x in selectors.ikhtisar(user=pengguna["ketua"], q="Parkir")] == [ks_lain.pk]


@pytest.mark.django_db
def test_ikhtisar_mengikuti_hak_lihat(riwayat, ks, ks_lain, pengguna, anggota):
    assert [x.kerjasama.pk for x in selectors.ikhtisar(user=pengguna["pd_dishub"])] == [ks.pk]
    assert [x.kerjasama.pk for x in selectors.ikhtisar(user=anggota)] == [ks.pk]
    assert selectors.ikhtisar(user=pengguna["dprd"]) == []


@pytest.mark.django_db
def test_halaman_ikhtisar_merah_bila_terlambat(riwayat, ks, ks_lain, pengguna, klien):
    r = klien(pengguna["ketua"]).get("/pengawasan/")
    assert r.status_code == 200
    html = r.content.decode()
    assert html.count('data-terlambat="1"') == 1  # ks_lain's monitoring
    assert "Terlambat 1 periode" in html
    assert klien(pengguna["mitra_bogor"]).get("/pengawasan/")["Location"] == "/pengawasan/laporan-saya/"


@pytest.mark.django_db
def test_ekspor_excel_ikhtisar(riwayat, ks, ks_lain, pengguna, klien):
    r = klien(pengguna["ketua"]).get("/pengawasan/ikhtisar.xlsx?jenis=KSDD")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(r.content)).active
    kepala = [c.value for c in ws[4]]
    assert kepala[:3] == ["Nomor", "Judul", "Jenis"]
    baris = {row[0].value: row for row in ws.iter_rows(min_row=5)}
    a, b = baris[ks.nomor], baris[ks_lain.nomor]
    assert a[kepala.index("Evaluasi terakhir")].value.date() == D(2027, 1, 18)
    assert a[kepala.index("Rekomendasi terbuka")].value == 2
    assert b[kepala.index("Jatuh tempo")].value.date() == D(2026, 7, 10)
    assert b[kepala.index("Jatuh tempo")].font.color.rgb.endswith("B02A37")  # red: overdue
    assert not (a[kepala.index("Jatuh tempo")].font.color and a[kepala.index("Jatuh tempo")].font.color.rgb == "00B02A37")


@pytest.mark.django_db
def test_ekspor_matrik_pdf_lanskap_dan_excel(ks, pengguna, klien):
    tkksd = pengguna["tkksd"]
    k = KegiatanPengawasanFactory(kerjasama=ks, by=tkksd, jenis="evaluasi", dilaksanakan=True)
    baris_matrik(k, by=tkksd, rekomendasi="perpanjangan", materi_evaluasi="Jangka waktu")
    baris_matrik(k, by=tkksd, rekomendasi="proses_hukum", materi_evaluasi="Wanprestasi")
    c = klien(tkksd)
    x = load_workbook(io.BytesIO(c.get(f"/pengawasan/kegiatan/{k.pk}/matrik.xlsx").content)).active
    assert [c.value for c in x[6]][1:] == [
        "a. Dasar perjanjian kerja sama/kesepakatan bersama", "b. Materi evaluasi", "c. Permasalahan", "d. Solusi",
        "e. Tindak lanjut", "f. Perangkat Daerah penanggung jawab", "g. Keterangan", "h. Rekomendasi"]
    assert [x.cell(row=r, column=9).value for r in (7, 8)] == [
        "a. Perpanjangan jangka waktu PKS/KB", "h. Menempuh proses secara hukum"]
    assert x.page_setup.orientation == "landscape"
    pdf = c.get(f"/pengawasan/kegiatan/{k.pk}/matrik.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # A4 landscape: the laid-out page is wider than tall (297 × 210 mm).
    from django.template.loader import render_to_string

    from weasyprint import HTML

    from pengawasan import services

    halaman = HTML(string=render_to_string("pengawasan/dokumen/matrik.html", services._konteks_laporan(k))).render().pages
    assert round(halaman[0].width * 25.4 / 96) == 297 and round(halaman[0].height * 25.4 / 96) == 210


@pytest.mark.django_db
def test_halaman_pengawasan_kerjasama(ks, pengguna, klien, anggota):
    inti.kewajiban_atur(kerjasama=ks, by=pengguna["tkksd"], daftar=[{"pihak": "mitra", "uraian": "Membangun halte"}])
    r = klien(anggota).get(f"/pengawasan/kerjasama/{ks.pk}/")
    html = r.content.decode()
    assert r.status_code == 200
    for teks in ("Tim Pengawasan", "Kepala Bagian Kerja Sama", "Membangun halte", "Laporan mitra semester ke-1",
                 "Pasal 85 ayat (3)", "Rencanakan pemantauan/evaluasi"):
        assert teks in html
    assert klien(pengguna["pd_dishub"]).get(f"/pengawasan/kerjasama/{ks.pk}/").status_code == 200
    assert klien(pengguna["pd_disbudpar"]).get(f"/pengawasan/kerjasama/{ks.pk}/").status_code == 404
    assert klien(pengguna["mitra_bogor"]).get(f"/pengawasan/kerjasama/{ks.pk}/").status_code == 403


@pytest.mark.django_db
def test_ikhtisar_tanpa_kerja_sama(pengguna, klien):
    assert "Tidak ada kerja sama" in klien(pengguna["ketua"]).get("/pengawasan/").content.decode()


@pytest.mark.django_db
def test_laporan_terlambat_tampil_pada_evaluasi(ks, pengguna, klien, jam):
    inti.tenggat_sweep(now=wib(2026, 7, 16, 1))
    jam(2026, 7, 20)
    k = KegiatanPengawasanFactory(kerjasama=ks, by=pengguna["tkksd"], jenis="evaluasi")
    html = klien(pengguna["tkksd"]).get(f"/pengawasan/kegiatan/{k.pk}/").content.decode()
    assert 'data-testid="laporan-terlambat"' in html and "semester ke-1" in html
