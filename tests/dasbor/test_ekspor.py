"""Exports (issue 7): Excel files open with openpyxl and hold exactly the filtered rows the user may see;
PDFs of the lists, the yearly LKPJ recap and a case's audit trail."""

import datetime
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.factories import PerjanjianLamaFactory

pytestmark = pytest.mark.django_db


def _baris(konten: bytes, lembar: int = 0) -> list[tuple]:
    ws = load_workbook(io.BytesIO(konten)).worksheets[lembar]
    return [row for row in ws.iter_rows(min_row=4, values_only=True)]


def _teks_pdf(konten: bytes) -> str:
    assert konten.startswith(b"%PDF")
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(konten)).pages)


@pytest.fixture
def kasus(beku, pengguna, ksdd, pd_dishub, pd_lain, mitra_bogor):
    return {
        "dishub_1": ksdd("pelaksanaan", judul="Angkutan umum terpadu"),
        "dishub_2": ksdd("persiapan", judul="Parkir perbatasan"),
        "lain": ksdd("pelaksanaan", judul="Festival budaya", perangkat_daerah=pd_lain),
        "dishub_ksdpk": PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor,
                                              judul="Terminal lama", jenis="KSDPK"),
    }


def test_registri_excel_berisi_baris_tersaring_yang_terlihat(kasus, pengguna, klien):
    r = klien(pengguna["pd_dishub"]).get("/dasbor/ekspor/registri.xlsx?jenis=KSDD")
    assert r.status_code == 200
    assert r["Content-Disposition"] == 'attachment; filename="registri-kerja-sama.xlsx"'
    baris = _baris(r.content)
    assert {b[0] for b in baris} == {kasus["dishub_1"].nomor, kasus["dishub_2"].nomor}  # not DISBUDPAR's, not KSDPK
    ws = load_workbook(io.BytesIO(r.content)).worksheets[0]
    assert [c.value for c in ws[3]][:4] == ["Nomor", "Judul", "Jenis", "Tahap"]
    assert ws["A2"].value == "Saringan: Jenis: KSDD"
    satu = next(b for b in baris if b[0] == kasus["dishub_1"].nomor)
    assert satu[3] == "Pelaksanaan, penatausahaan dan pelaporan"
    assert isinstance(satu[8], datetime.datetime)  # a real Excel date
    assert satu[8].date() == kasus["dishub_1"].tanggal_berakhir

    r = klien(pengguna["tkksd"]).get(f"/dasbor/ekspor/registri.xlsx?perangkat_daerah={kasus['lain'].perangkat_daerah_id}")
    assert [b[0] for b in _baris(r.content)] == [kasus["lain"].nomor]
    r = klien(pengguna["tkksd"]).get("/dasbor/ekspor/registri.xlsx")
    assert len(_baris(r.content)) == 4


def test_registri_pdf_dan_saringan_tidak_sah(kasus, pengguna, klien):
    r = klien(pengguna["pd_dishub"]).get("/dasbor/ekspor/registri.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    teks = _teks_pdf(r.content)
    assert kasus["dishub_1"].nomor in teks and kasus["lain"].nomor not in teks
    assert klien(pengguna["pd_dishub"]).get("/dasbor/ekspor/registri.xlsx?tahun=abc").status_code == 400
    assert klien(pengguna["pd_dishub"]).get("/dasbor/ekspor/rahasia.xlsx").status_code == 404
    assert klien(pengguna["pd_dishub"]).get("/dasbor/ekspor/registri.csv").status_code == 404


@pytest.mark.parametrize("daftar", ["berakhir", "terlama", "tenggat", "minggu-ini", "terlambat",
                                    "pengawasan-terlambat", "laporan-mitra"])
def test_setiap_daftar_dapat_diunduh_dan_hanya_yang_terlihat(kasus, pengguna, klien, daftar):
    c = klien(pengguna["pd_disbudpar"])
    for ext in ("xlsx", "pdf"):
        r = c.get(f"/dasbor/ekspor/{daftar}.{ext}?hari=3650")
        assert r.status_code == 200
    isi = " ".join(str(v) for row in _baris(c.get(f"/dasbor/ekspor/{daftar}.xlsx?hari=3650").content) for v in row)
    for nama in ("dishub_1", "dishub_2", "dishub_ksdpk"):
        assert kasus[nama].nomor not in isi


def test_berakhir_excel_sesuai_jumlah_hari(kasus, pengguna, klien):
    c = klien(pengguna["tkksd"])
    # dishub_1 and lain end in about two years (tests/ksdd factory), the legacy one on 1 March 2028
    assert _baris(c.get("/dasbor/ekspor/berakhir.xlsx?hari=30").content) == []
    assert {b[0] for b in _baris(c.get("/dasbor/ekspor/berakhir.xlsx?hari=3650").content)} == {
        kasus["dishub_1"].nomor, kasus["lain"].nomor, kasus["dishub_ksdpk"].nomor}


def test_rekap_tahunan_lkpj(kasus, pengguna, klien):
    c = klien(pengguna["tkksd"])
    r = c.get("/dasbor/rekap/?tahun=2026")
    assert r.status_code == 200
    per_jenis = {d["nama"]: d for d in r.context["rekap"]["per_jenis"]}
    ksdd = per_jenis["KSDD — dengan Daerah lain"]
    assert (ksdd["ditandatangani"], ksdd["berjalan"], ksdd["proses"]) == (2, 2, 1)
    assert per_jenis["KSDPK — dengan Pihak Ketiga"]["berjalan"] == 1

    wb = load_workbook(io.BytesIO(c.get("/dasbor/rekap.xlsx?tahun=2026").content))
    assert [ws.title for ws in wb.worksheets] == ["Rekap 2026 per jenis", "Rekap 2026 per PD", "Rekap 2026 per mitra",
                                                  "Daftar kerja sama 2026"]
    baris = {row[0]: row for row in wb.worksheets[0].iter_rows(min_row=4, values_only=True)}
    assert baris["KSDD — dengan Daerah lain"][1:] == (2, 2, 0, 1)
    teks = _teks_pdf(c.get("/dasbor/rekap.pdf?tahun=2026").content)
    assert "REKAPITULASI KERJA SAMA DAERAH TAHUN 2026" in teks

    # a PD's recap counts only its own cooperation
    r = klien(pengguna["pd_disbudpar"]).get("/dasbor/rekap/?tahun=2026")
    assert [d["ks"].pk for d in r.context["rekap"]["daftar"]] == [kasus["lain"].pk]
    # nothing in 2019
    assert klien(pengguna["tkksd"]).get("/dasbor/rekap/?tahun=2019").context["rekap"]["daftar"] == []
    assert c.get("/dasbor/rekap/?tahun=dua-ribu").status_code == 400


def test_riwayat_kasus_sebagai_pdf(kasus, pengguna, klien):
    k = kasus["dishub_1"]
    r = klien(pengguna["pd_dishub"]).get(f"/kerjasama/{k.pk}/riwayat.pdf")
    assert r.status_code == 200
    teks = _teks_pdf(r.content)
    assert "RIWAYAT AUDIT KERJA SAMA" in teks and k.nomor in teks
    assert f"Kerja sama {k.nomor} dicatat." in teks  # the creation's audit row
    assert klien(pengguna["pd_disbudpar"]).get(f"/kerjasama/{k.pk}/riwayat.pdf").status_code == 404
    assert f'href="/kerjasama/{k.pk}/riwayat.pdf"' in klien(pengguna["pd_dishub"]).get(f"/kerjasama/{k.pk}/").content.decode()


def test_registri_excel_20_baris_kolom_judul_terbaca(beku, pengguna, pd_dishub, mitra_bogor, klien):
    """Issue 13: an export of 20 rows keeps long titles readable — the title column is wide enough, its cells
    wrap (top-aligned) instead of running into the next column, and no row has a fixed height (Excel and
    LibreOffice fit each row to its wrapped text)."""
    panjang = "Kerja sama pengelolaan sarana dan prasarana angkutan umum massal terpadu lintas batas wilayah nomor"
    for n in range(20):
        PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor,
                              judul=f"{panjang} {n:02d}" if n % 2 else f"Parkir {n:02d}")
    r = klien(pengguna["tkksd"]).get("/dasbor/ekspor/registri.xlsx")
    ws = load_workbook(io.BytesIO(r.content)).worksheets[0]
    assert [c.value for c in ws[3]][:3] == ["Nomor", "Judul", "Jenis"]
    judul = [ws.cell(row=i, column=2) for i in range(4, ws.max_row + 1)]
    assert len(judul) == 20 and sum(len(c.value) > 60 for c in judul) == 10
    assert 40 <= ws.column_dimensions["B"].width <= 60
    assert all(c.alignment.wrap_text and c.alignment.vertical == "top" for c in judul)  # short titles too
    assert not any(ws.row_dimensions[i].height for i in range(4, ws.max_row + 1))  # rows grow with the text
    jenis = ws.cell(row=4, column=3)
    assert not jenis.alignment.wrap_text and ws.column_dimensions["C"].width < 20  # short columns stay narrow
