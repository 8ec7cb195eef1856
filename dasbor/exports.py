"""Exports of the registry and of every list of the dashboards, as Excel (openpyxl) and PDF
(WeasyPrint, `kerjasama.pdf.render_pdf`). Each list is read through the same selectors as its page,
so an export never holds a row the user may not see (Permissions: "exports ... go through it")."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable

from django.utils import timezone

from kerjasama.forms import FilterRegistryForm
from kerjasama.pdf import render_pdf
from kerjasama.selectors import label_aturan, registry_list, tenggat_list

from . import selectors


@dataclasses.dataclass
class Tabel:
    judul: str
    kolom: list[str]
    baris: list[list]
    keterangan: str = ""
    nama_berkas: str = "daftar"


def _tgl(d) -> str:
    if d is None:
        return ""
    if isinstance(d, datetime.datetime):
        return f"{timezone.localtime(d):%d-%m-%Y %H:%M}"
    return f"{d:%d-%m-%Y}"


def _baris_kasus(ks) -> list:
    return [ks.nomor, ks.judul, ks.jenis, selectors.label_tahap(ks), str(ks.perangkat_daerah or ""),
            str(ks.mitra or ""), ks.tanggal_penandatanganan, ks.tanggal_mulai, ks.tanggal_berakhir, ks.nilai]


KOLOM_KASUS = ["Nomor", "Judul", "Jenis", "Tahap", "PD Pemrakarsa", "Mitra", "Tanggal penandatanganan",
               "Mulai", "Berakhir", "Nilai (Rp)"]
KOLOM_TENGGAT = ["Kerja sama", "Judul kerja sama", "Tenggat", "Aturan", "Dasar hukum", "Mulai", "Jatuh tempo", "Status"]


def _baris_tenggat(t) -> list:
    return [t.kerjasama.nomor if t.kerjasama_id else "", t.kerjasama.judul if t.kerjasama_id else "", t.judul,
            label_aturan(t.aturan), t.dasar_hukum, t.mulai, timezone.localtime(t.jatuh_tempo), t.get_status_display()]


def registri(user, params) -> Tabel:
    form = FilterRegistryForm(params or None)
    f = form.cleaned_data if form.is_valid() else {}
    qs = registry_list(
        user=user, jenis=f.get("jenis"), tahap=f.get("tahap"),
        perangkat_daerah=getattr(f.get("perangkat_daerah"), "pk", None), mitra=getattr(f.get("mitra"), "pk", None),
        tahun=f.get("tahun"), berakhir_dalam_hari=f.get("berakhir_dalam_hari"), q=f.get("q") or "",
    )
    saring = ", ".join(f"{form.fields[k].label}: {v}" for k, v in f.items() if v not in (None, ""))
    return Tabel("Registri kerja sama daerah", KOLOM_KASUS, [_baris_kasus(ks) for ks in qs],
                 keterangan=f"Saringan: {saring}" if saring else "Tanpa saringan", nama_berkas="registri-kerja-sama")


def _hari(params, bawaan: int = 180) -> int:
    try:
        return max(0, min(3650, int(params.get("hari", bawaan))))
    except (TypeError, ValueError):
        return bawaan


def berakhir(user, params) -> Tabel:
    hari = _hari(params)
    return Tabel(f"Perjanjian yang berakhir dalam {hari} hari", KOLOM_KASUS,
                 [_baris_kasus(ks) for ks in selectors.berakhir_dalam(user=user, hari=hari)],
                 keterangan="Perwal 57/2023 Pasal 26 ayat (1), Pasal 42 ayat (1), Pasal 78 ayat (1)",
                 nama_berkas=f"berakhir-{hari}-hari")


def terlama(user, params) -> Tabel:
    rows = [[ks.nomor, ks.judul, ks.jenis, selectors.label_tahap(ks), ks.tahap_sejak,
             (timezone.now() - ks.tahap_sejak).days, str(ks.perangkat_daerah or "")]
            for ks in selectors.terlama_di_tahap(user=user, batas=200)]
    return Tabel("Kerja sama terlama di tahapnya", ["Nomor", "Judul", "Jenis", "Tahap", "Di tahap ini sejak", "Hari",
                                                     "PD Pemrakarsa"], rows, nama_berkas="terlama-di-tahap")


def tenggat(user, params) -> Tabel:
    qs = tenggat_list(user=user, status=params.get("status") or None, aturan=params.get("aturan") or None)
    return Tabel("Daftar tenggat", KOLOM_TENGGAT, [_baris_tenggat(t) for t in qs], nama_berkas="tenggat")


def minggu_ini(user, params) -> Tabel:
    return Tabel("Tenggat minggu ini", KOLOM_TENGGAT,
                 [_baris_tenggat(t) for t in selectors.tenggat_minggu_ini(user=user)], nama_berkas="tenggat-minggu-ini")


def terlambat(user, params) -> Tabel:
    return Tabel("Tenggat terlewat", KOLOM_TENGGAT,
                 [_baris_tenggat(t) for t in selectors.tenggat_terlambat(user=user).order_by("jatuh_tempo")],
                 nama_berkas="tenggat-terlewat")


def pengawasan_terlambat(user, params) -> Tabel:
    return Tabel("Pemantauan dan evaluasi terlambat", KOLOM_TENGGAT,
                 [_baris_tenggat(t) for t in selectors.pengawasan_terlambat(user=user).order_by("jatuh_tempo")],
                 keterangan="Perwal 57/2023 Pasal 85 ayat (3) dan (5)", nama_berkas="pengawasan-terlambat")


def laporan_mitra(user, params) -> Tabel:
    return Tabel("Laporan mitra belum diterima", KOLOM_TENGGAT,
                 [_baris_tenggat(t) for t in selectors.laporan_mitra_belum_ada(user=user).order_by("jatuh_tempo")],
                 keterangan="Perwal 57/2023 Pasal 87 ayat (1)", nama_berkas="laporan-mitra-belum-ada")


# list name (URL) → builder(user, GET params) -> Tabel
DAFTAR: dict[str, Callable] = {
    "registri": registri,
    "berakhir": berakhir,
    "terlama": terlama,
    "tenggat": tenggat,
    "minggu-ini": minggu_ini,
    "terlambat": terlambat,
    "pengawasan-terlambat": pengawasan_terlambat,
    "laporan-mitra": laporan_mitra,
}


# ---------------------------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------------------------

# Excel column widths, in characters: titles get room to be read, long text wraps rather than running on.
KOLOM_JUDUL = frozenset({"Judul", "Judul kerja sama", "Tenggat", "Kerja sama (judul)"})
LEBAR_JUDUL_MIN = 40
LEBAR_MAKS = 60


def _sel(v):
    if isinstance(v, datetime.datetime):
        return timezone.localtime(v).replace(tzinfo=None)  # Excel has no time zones: WIB
    return v


def xlsx(*tabel: Tabel) -> bytes:
    """One sheet per table: title, note, bold header, data rows; dates as real Excel dates. No text becomes
    a formula (kerjasama.ekspor.xlsx_simpan)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from kerjasama.ekspor import xlsx_simpan

    wb = Workbook()
    wb.remove(wb.active)
    for tb in tabel:
        ws = wb.create_sheet(title=tb.judul[:31].replace("/", "-"))
        ws.append([tb.judul])
        ws["A1"].font = Font(bold=True, size=13)
        ws.append([tb.keterangan or f"Dicetak {timezone.localtime():%d-%m-%Y %H:%M} WIB"])
        ws.append(tb.kolom)
        for cell in ws[3]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in tb.baris:
            ws.append([_sel(v) for v in row])
        for i, judul in enumerate(tb.kolom, start=1):
            panjang = max([len(str(judul))] + [len(str(r[i - 1])) for r in tb.baris[:500] if r[i - 1] is not None])
            # A title column is wide enough to read (at least LEBAR_JUDUL_MIN characters) and never wider than
            # LEBAR_MAKS; text longer than its column wraps inside the cell (top-aligned, the row grows) instead of
            # being cut at the next column.
            lebar = min(LEBAR_MAKS, max(LEBAR_JUDUL_MIN if judul in KOLOM_JUDUL else 10, panjang + 2))
            ws.column_dimensions[get_column_letter(i)].width = lebar
            bungkus = Alignment(wrap_text=True, vertical="top")
            for row in ws.iter_rows(min_row=4, min_col=i, max_col=i):
                for cell in row:
                    if isinstance(cell.value, str) and (judul in KOLOM_JUDUL or len(cell.value) + 2 > lebar):
                        cell.alignment = bungkus
                    else:
                        cell.alignment = Alignment(vertical="top")
                    if isinstance(cell.value, datetime.datetime):
                        cell.number_format = "dd-mm-yyyy hh:mm"
                    elif isinstance(cell.value, datetime.date):
                        cell.number_format = "dd-mm-yyyy"
                    elif judul.startswith("Nilai") or judul == "Jumlah":
                        cell.number_format = "#,##0"
        ws.freeze_panes = "A4"
    return xlsx_simpan(wb)


def _teks(v) -> str:
    if v is None:
        return ""
    if isinstance(v, (datetime.date, datetime.datetime)):
        return _tgl(v)
    if isinstance(v, int) and not isinstance(v, bool):
        return f"{v:,}".replace(",", ".")
    return str(v)


def pdf(*tabel: Tabel, user=None, judul: str = "") -> bytes:
    return render_pdf("dasbor/pdf/tabel.html", {
        "judul": judul or tabel[0].judul,
        "tabel": [{"judul": tb.judul, "kolom": tb.kolom, "keterangan": tb.keterangan,
                   "baris": [[_teks(v) for v in row] for row in tb.baris]} for tb in tabel],
        "dicetak_oleh": (user.get_full_name() or user.username) if user else "",
        "dicetak_pada": timezone.localtime(),
    })


# ---------------------------------------------------------------------------------------------
# Yearly recap (LKPJ) and a case's audit trail
# ---------------------------------------------------------------------------------------------

KOLOM_REKAP = ["Uraian", "Ditandatangani", "Berjalan", "Berakhir", "Dalam proses"]


def rekap_tabel(rekap: dict) -> list[Tabel]:
    def t(judul, rows):
        return Tabel(judul, KOLOM_REKAP, [[r["nama"], r["ditandatangani"], r["berjalan"], r["berakhir"], r["proses"]]
                                          for r in rows])

    tahun = rekap["tahun"]
    daftar = Tabel(f"Daftar kerja sama {tahun}", ["Nomor", "Judul", "Jenis", "PD Pemrakarsa", "Mitra", "Tahap",
                                                  "Tanggal penandatanganan", "Mulai", "Berakhir", "Keterangan"],
                   [[d["ks"].nomor, d["ks"].judul, d["ks"].jenis, str(d["ks"].perangkat_daerah or ""),
                     str(d["ks"].mitra or ""), d["tahap"], d["ks"].tanggal_penandatanganan, d["ks"].tanggal_mulai,
                     d["ks"].tanggal_berakhir, ", ".join(d["kelompok"])] for d in rekap["daftar"]])
    return [t(f"Rekap {tahun} per jenis", rekap["per_jenis"]), t(f"Rekap {tahun} per PD", rekap["per_pd"]),
            t(f"Rekap {tahun} per mitra", rekap["per_mitra"]), daftar]
