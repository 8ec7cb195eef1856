"""Naskah dinas (Permendagri 1/2023 on tata naskah dinas of regional governments), issue 13 item 5–6: the
letterhead follows the signatory, signature blocks come from the officials register, the berita acara's opening
in words, rupiah with terbilang, outgoing-letter numbers from a per-year counter, and a QR code + short code on
every generated official document."""

from __future__ import annotations

import base64
import datetime
import io
import logging

from django.db import transaction
from django.utils import timezone

from .models import FormatNomorSurat, NomorSuratUrut, Pejabat, PengaturanNaskah

logger = logging.getLogger(__name__)

SATUAN = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas"]
HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
BULAN = ["", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember"]
ROMAWI = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def terbilang(n: int) -> str:
    """Indonesian number words: 1.250.000 → "satu juta dua ratus lima puluh ribu"."""
    if n < 0:
        return "minus " + terbilang(-n)
    if n < 12:
        return SATUAN[n] if n else "nol"
    if n < 20:
        return f"{SATUAN[n - 10]} belas"
    if n < 100:
        return f"{SATUAN[n // 10]} puluh" + (f" {SATUAN[n % 10]}" if n % 10 else "")
    if n < 200:
        return "seratus" + (f" {terbilang(n - 100)}" if n > 100 else "")
    if n < 1000:
        return f"{SATUAN[n // 100]} ratus" + (f" {terbilang(n % 100)}" if n % 100 else "")
    if n < 2000:
        return "seribu" + (f" {terbilang(n - 1000)}" if n > 1000 else "")
    for besar, nama in ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (10**3, "ribu")):
        if n >= besar:
            return f"{terbilang(n // besar)} {nama}" + (f" {terbilang(n % besar)}" if n % besar else "")
    return ""


def rupiah(n: int) -> str:
    """"Rp1.250.000,00 (satu juta dua ratus lima puluh ribu rupiah)"."""
    return f"Rp{n:,.0f}".replace(",", ".") + f",00 ({terbilang(n)} rupiah)"


def tanggal_panjang(d: datetime.date) -> str:
    return f"{d.day} {BULAN[d.month]} {d.year}"


def pembuka_berita_acara(d: datetime.date) -> str:
    """"Pada hari ini Senin tanggal lima bulan Desember tahun dua ribu dua puluh enam"."""
    return (f"Pada hari ini {HARI[d.weekday()]} tanggal {terbilang(d.day)} bulan {BULAN[d.month]} "
            f"tahun {terbilang(d.year)}")


@transaction.atomic
def nomor_surat_berikut(kode: str, *, tanggal: datetime.date | None = None) -> str:
    """The next outgoing-letter number of format `kode` (row-locked per year): kode klasifikasi / nomor urut /
    unit / tahun, as the administrator configured it."""
    tanggal = tanggal or timezone.localdate()
    fmt = FormatNomorSurat.objects.get(kode=kode)
    hitung, _ = NomorSuratUrut.objects.select_for_update().get_or_create(format=fmt, tahun=tanggal.year)
    hitung.terakhir += 1
    hitung.save(update_fields=["terakhir"])
    return fmt.pola.format(klasifikasi=fmt.kode_klasifikasi, urut=hitung.terakhir, unit=fmt.unit, tahun=tanggal.year,
                           bulan_romawi=ROMAWI[tanggal.month])


def _gambar(field) -> str:
    if not field:
        return ""
    with field.open("rb") as f:
        return "data:image/png;base64," + base64.b64encode(f.read()).decode()


def jenis_kop(penandatangan) -> str:
    """Whose letterhead a document carries, from its actual signatory (issue 13 item 5): a register entry or the
    dict of `identitas_penandatangan` says it (`kop`); a user is looked up in the register; a bare signature
    block (`{"jabatan": "WALI KOTA BEKASI"}`, as the apps' letters pass it) is read from its jabatan — the Wali
    Kota's own letters (Plt./Plh. included) carry his letterhead, "a.n. Wali Kota" letters signed by the
    Sekretaris Daerah and everything else the Setda's."""
    if penandatangan is None:
        return Pejabat.Kop.SETDA
    jenis = penandatangan.get("kop") if isinstance(penandatangan, dict) else getattr(penandatangan, "kop", None)
    if jenis:
        return jenis
    if hasattr(penandatangan, "punya_peran"):
        from .services import identitas_penandatangan

        return identitas_penandatangan(penandatangan)["kop"]
    jabatan = (penandatangan.get("jabatan") if isinstance(penandatangan, dict)
               else getattr(penandatangan, "jabatan", "")) or ""
    jabatan = " ".join(str(jabatan).upper().replace("PLT.", "").replace("PLH.", "").split())
    return Pejabat.Kop.WALI_KOTA if jabatan.startswith("WALI KOTA") else Pejabat.Kop.SETDA


def kop(pejabat: Pejabat | None) -> dict:
    """The letterhead of the signatory: the Wali Kota's own (national emblem) or the Setda's (city emblem).
    Without configured images, a neutral placeholder (the demo must not pass for the real thing)."""
    p = PengaturanNaskah.aktif()
    wali_kota = pejabat is not None and pejabat.kop == Pejabat.Kop.WALI_KOTA
    return {
        "jenis": "wali_kota" if wali_kota else "setda",
        "lambang": _gambar(p.lambang_negara if wali_kota else p.lambang_daerah),
        "lambang_alt": "Lambang Negara" if wali_kota else "Lambang Daerah Kota Bekasi",
        "baris1": p.nama_kepala_daerah if wali_kota else p.nama_pemda,
        "baris2": "" if wali_kota else p.nama_setda,
        "alamat": "" if wali_kota else p.alamat,
        "kontak": "" if wali_kota else p.kontak,
        "tempat": p.tempat,
    }


def qr_data_uri(teks: str) -> str:
    import qrcode

    img = qrcode.make(teks, box_size=3, border=1)
    out = io.BytesIO()
    img.save(out, format="PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


def blok_ttd(pejabat: Pejabat | None, *, nama: str = "", jabatan: str = "") -> dict:
    if pejabat is None:
        return {"jabatan": jabatan, "nama": nama, "nip": "", "pangkat": "", "atas_nama": ""}
    return {"jabatan": f"{pejabat.awalan_jabatan}{pejabat.jabatan}", "nama": pejabat.nama, "nip": pejabat.nip,
            "pangkat": pejabat.pangkat_golongan,
            "atas_nama": "a.n. WALI KOTA BEKASI" if pejabat.status == Pejabat.Status.KUASA else ""}


def render_naskah(template: str, *, pejabat: Pejabat | None, konteks: dict, kode: str = "", url: str = "") -> bytes:
    """Render a naskah dinas to PDF with its letterhead, signature block, QR code and short code."""
    from kerjasama.pdf import render_pdf

    return render_pdf(template, {**konteks, "kop": kop(pejabat), "ttd": blok_ttd(pejabat), "kode_verifikasi": kode,
                                 "qr": qr_data_uri(url or kode) if (url or kode) else ""})


def cap_verifikasi(pdf: bytes, *, kode: str, url: str) -> bytes:
    """QR code + short code stamped on the last page's lower left margin of an already rendered PDF (an
    incremental update: the rendered text stays byte for byte)."""
    from pyhanko import stamp
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle

    from .penanda import tanpa_event_loop

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    n = int(writer.root["/Pages"]["/Count"])
    gaya = stamp.QRStampStyle(stamp_text="Kode verifikasi %(kode)s\n%(url)s", border_width=0, qr_inner_size=40, innsep=1,
                              text_box_style=TextBoxStyle(font_size=6))
    cap = stamp.QRStamp(writer, url=url or kode, style=gaya, text_params={"kode": kode, "url": url or "/verifikasi/"})
    tanpa_event_loop(cap.apply, n - 1, 28, 8)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def cap_verifikasi_hasilkan(*, konten: bytes, judul: str, jenis: str):
    """Hook of `kerjasama.services.dokumen_hasilkan`: every generated official document carries a QR code and
    a short code; the verification record is written once the version is stored."""
    from .models import DokumenResmi
    from .services import kode_baru, url_verifikasi

    kode = kode_baru()
    try:
        konten = cap_verifikasi(konten, kode=kode, url=url_verifikasi(kode))
    except Exception:  # not a PDF pyHanko can update (e.g. a renderer stub): stored as rendered, without a code
        logger.warning("Kode verifikasi tidak dapat dicapkan pada %s", judul, exc_info=True)
        return konten, lambda versi: None

    def setelah(versi):
        DokumenResmi.objects.create(kode=kode, versi=versi, judul=judul, tanggal=timezone.localdate(),
                                    sha256=versi.sha256, tanda_tangan=DokumenResmi.TandaTangan.TANPA)

    return konten, setelah
