"""Excel exports (openpyxl): the evaluation matrix (Ps 85(6)) and the Ketua TKKSD's overview."""

from __future__ import annotations

from django.utils import timezone

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from kerjasama.ekspor import xlsx_simpan

MERAH = Font(color="B02A37", bold=True)
TEBAL = Font(bold=True)
KEPALA = PatternFill("solid", fgColor="DDDDDD")
BUNGKUS = Alignment(wrap_text=True, vertical="top")

KOLOM_MATRIK = [
    ("No.", 5),
    ("a. Dasar perjanjian kerja sama/kesepakatan bersama", 28),
    ("b. Materi evaluasi", 28),
    ("c. Permasalahan", 28),
    ("d. Solusi", 28),
    ("e. Tindak lanjut", 28),
    ("f. Perangkat Daerah penanggung jawab", 22),
    ("g. Keterangan", 22),
    ("h. Rekomendasi", 26),
]


def _simpan(wb: Workbook) -> bytes:
    return xlsx_simpan(wb)  # no text becomes a formula (issue 12 item 5)


def _kepala(ws, baris: int, kolom: list[tuple[str, int]]) -> None:
    for i, (judul, lebar) in enumerate(kolom, start=1):
        sel = ws.cell(row=baris, column=i, value=judul)
        sel.font = TEBAL
        sel.fill = KEPALA
        sel.alignment = BUNGKUS
        ws.column_dimensions[get_column_letter(i)].width = lebar


def matrik_xlsx(kegiatan) -> bytes:
    ks = kegiatan.kerjasama
    wb = Workbook()
    ws = wb.active
    ws.title = "Matrik hasil evaluasi"
    ws.page_setup.orientation = "landscape"
    ws["A1"] = "MATRIK HASIL EVALUASI KERJA SAMA DAERAH"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = f"{ks.nomor} — {ks.judul}"
    ws["A3"] = (f"Mitra: {ks.mitra or '—'} · PD Pemrakarsa: {ks.perangkat_daerah or '—'} · Evaluasi #{kegiatan.pk}"
                f"{' tanggal ' + format(kegiatan.tanggal_pelaksanaan, '%d-%m-%Y') if kegiatan.tanggal_pelaksanaan else ''}")
    ws["A4"] = "Dasar: Perwal Bekasi 57/2023 Pasal 85 ayat (6) dan (7)"
    _kepala(ws, 6, KOLOM_MATRIK)
    for n, b in enumerate(kegiatan.matrik.select_related("perangkat_daerah").order_by("urutan", "id"), start=1):
        nilai = [n, b.dasar_perjanjian, b.materi_evaluasi, b.permasalahan, b.solusi, b.tindak_lanjut,
                 str(b.perangkat_daerah), b.keterangan, b.get_rekomendasi_display()]
        for i, v in enumerate(nilai, start=1):
            ws.cell(row=6 + n, column=i, value=v).alignment = BUNGKUS
    ws.freeze_panes = "A7"
    _analisa(wb, kegiatan)
    return _simpan(wb)


KOLOM_ANALISA = [("Huruf", 40), ("Temuan", 50), ("Bukti", 50), ("Penilaian kewajiban mitra", 50), ("Status", 30)]


def _analisa(wb, kegiatan) -> None:
    """The parts of the evaluation's analysis (Perwal 57/2023 Ps 85(4) huruf a–c), on their own sheet."""
    from . import selectors

    ws = wb.create_sheet("Analisa Ps 85(4)")
    ws["A1"] = "ANALISA EVALUASI — Perwal Bekasi 57/2023 Pasal 85 ayat (4) huruf a–c"
    ws["A1"].font = Font(bold=True, size=13)
    _kepala(ws, 3, KOLOM_ANALISA)
    penilaian = "\n".join(
        f"{p.uraian}{' (' + p.dasar + ')' if p.dasar else ''}: {p.get_status_display()}{' — ' + p.catatan if p.catatan else ''}"
        for p in kegiatan.penilaian.all() if p.pihak == "mitra")
    for n, s in enumerate(selectors.bagian_evaluasi_status(kegiatan), start=4):
        b = s.bagian
        nilai = [s.label, b.temuan if b else "", b.bukti_teks if b else "", penilaian if s.huruf == "a" else "",
                 "lengkap" if s.lengkap else "belum lengkap: " + "; ".join(s.kekurangan)]
        for i, v in enumerate(nilai, start=1):
            ws.cell(row=n, column=i, value=v).alignment = BUNGKUS


KOLOM_IKHTISAR = [
    ("Nomor", 22), ("Judul", 40), ("Jenis", 8), ("PD Pemrakarsa", 20), ("Mitra", 28),
    ("Pemantauan terakhir", 14), ("Evaluasi terakhir", 14), ("Kegiatan berikutnya", 14), ("Jatuh tempo", 14),
    ("Laporan mitra", 24), ("Rekomendasi terbuka", 12), ("Rekomendasi lewat batas", 12),
]


def ikhtisar_xlsx(baris, *, now) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Ikhtisar pengawasan"
    ws["A1"] = "IKHTISAR PENGAWASAN KERJA SAMA DAERAH (dalam pelaksanaan)"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = f"Per {timezone.localtime(now):%d-%m-%Y %H:%M} WIB · Perwal Bekasi 57/2023 Pasal 85–88 · merah = terlambat"
    _kepala(ws, 4, KOLOM_IKHTISAR)
    for n, b in enumerate(baris, start=5):
        ks = b.kerjasama
        due = timezone.localtime(b.berikut.jatuh_tempo).date() if b.berikut else None
        nilai = [ks.nomor, ks.judul, ks.jenis, str(ks.perangkat_daerah or ""), str(ks.mitra or ""),
                 b.pemantauan_terakhir, b.evaluasi_terakhir,
                 b.berikut.aturan.capitalize() if b.berikut else "",
                 due, b.status_laporan, b.rekomendasi_terbuka, b.rekomendasi_lewat]
        for i, v in enumerate(nilai, start=1):
            sel = ws.cell(row=n, column=i, value=v)
            if hasattr(v, "year"):
                sel.number_format = "DD-MM-YYYY"
        if b.berikut_terlambat:
            ws.cell(row=n, column=8).font = MERAH
            ws.cell(row=n, column=9).font = MERAH
        if b.laporan_terlambat:
            ws.cell(row=n, column=10).font = MERAH
        if b.rekomendasi_lewat:
            ws.cell(row=n, column=12).font = MERAH
    ws.freeze_panes = "A5"
    ws.auto_filter.ref = f"A4:{get_column_letter(len(KOLOM_IKHTISAR))}{max(4, 4 + len(baris))}"
    return _simpan(wb)
