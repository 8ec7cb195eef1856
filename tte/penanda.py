"""Signer back-ends, chosen by `settings.SIKSD_TTE_BACKEND` (issue 13 item 2):

- `lokal`: a PKCS#12 file per signatory (`<SIKSD_TTE_P12_DIR>/<username>.p12`), unlocked by the passphrase
  the signatory types; pyHanko signs PAdES B-B (B-T with `SIKSD_TTE_TSA_URL`).
- `bsre`: BSSN's Balai Sertifikasi Elektronik e-sign API v2 (`POST /api/v2/sign/pdf`), HTTP basic auth
  with the client id/secret; BSrE holds the key, the passphrase goes to it and nowhere else.

The passphrase is an argument, never stored, never logged, never put in an exception message.
Every failure is a `GagalTandaTangan` with an Indonesian message for the signatory.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import io
from pathlib import Path

from django.conf import settings
from django.views.decorators.debug import sensitive_variables


def tanpa_event_loop(fn, *args, **kwargs):
    """pyHanko's synchronous API calls asyncio.run(): from a thread that already runs an event loop (an ASGI
    worker, Playwright in the tests) it runs in a short-lived worker thread instead."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as ex:
        return ex.submit(fn, *args, **kwargs).result()


class GagalTandaTangan(Exception):
    """The signature was not made; the message is for the signatory (Indonesian, no secrets)."""


@dataclasses.dataclass
class Tampilan:
    """What the visible signature block shows and where: the signatory's name, jabatan, the date and a
    QR code linking to the public verification page."""

    nama: str
    jabatan: str
    nip: str = ""
    url: str = ""
    kode: str = ""
    alasan: str = "Menyetujui isi dokumen"
    lokasi: str = "Bekasi"
    halaman: int = -1  # 0-based; -1 = last page
    kotak: tuple[float, float, float, float] | None = None  # x1, y1, x2, y2 in PDF points
    waktu: datetime.datetime | None = None


# --- where the block goes: the document's own signature area ----------------------------------------

LEBAR_KOTAK, TINGGI_KOTAK = 230.0, 80.0


def area_tanda_tangan(pdf: bytes, *, penanda_teks: tuple[str, ...]) -> tuple[int, tuple[float, float, float, float]]:
    """See `_area_tanda_tangan`; PDFium is used under the process-wide lock (tte.pratinjau.KUNCI_PDFIUM)."""
    from .pratinjau import KUNCI_PDFIUM

    with KUNCI_PDFIUM:
        return _area_tanda_tangan(pdf, penanda_teks=penanda_teks)


def _area_tanda_tangan(pdf: bytes, *, penanda_teks: tuple[str, ...]) -> tuple[int, tuple[float, float, float, float]]:
    """(page index, box) for the visible signature, in the document's own signature area: between the
    signatory's jabatan and his printed name (searched from the last page back), else above the name or
    below the jabatan, else the lower right of the last page. Naskah dinas leave that space free
    (`.ttd .ruang`)."""
    import pypdfium2 as pdfium

    jabatan, nama = (penanda_teks + ("", ""))[:2]
    doc = pdfium.PdfDocument(pdf)
    try:
        n = len(doc)
        for i in range(n - 1, -1, -1):
            page = doc[i]
            lebar, tinggi = page.get_size()
            teks = page.get_textpage()

            def cari(kata, teks=teks):
                if not kata:
                    return None
                hit = teks.search(kata, match_case=False).get_next()
                return teks.get_charbox(hit[0]) if hit else None

            kotak_jabatan, kotak_nama = cari(jabatan), cari(nama)
            if kotak_jabatan is None and kotak_nama is None:
                continue
            acuan = kotak_nama or kotak_jabatan
            x1 = max(20.0, min(acuan[0] - 20, lebar - LEBAR_KOTAK - 20))
            if kotak_jabatan and kotak_nama and kotak_nama[3] < kotak_jabatan[1]:
                y1, y2 = kotak_nama[3] + 2, kotak_jabatan[1] - 2  # the free space between them
                if y2 - y1 < 40:
                    y2 = y1 + 40
            elif kotak_nama:
                y1 = kotak_nama[3] + 2
                y2 = y1 + TINGGI_KOTAK
            else:
                y2 = kotak_jabatan[1] - 2
                y1 = y2 - TINGGI_KOTAK
            y1 = max(20.0, min(y1, tinggi - 60))
            return i, (x1, y1, x1 + LEBAR_KOTAK, min(y2, tinggi - 20))
        lebar, _ = doc[n - 1].get_size()
        return n - 1, (lebar - LEBAR_KOTAK - 40, 40.0, lebar - 40, 40.0 + TINGGI_KOTAK)
    finally:
        doc.close()


def _teks_stempel(t: Tampilan) -> str:
    waktu = (t.waktu or datetime.datetime.now()).strftime("%d-%m-%Y")
    baris = ["Ditandatangani secara elektronik", t.nama, t.jabatan]
    if t.nip:
        baris.append(f"NIP {t.nip}")
    baris.append(f"Tanggal {waktu} · Kode {t.kode}")
    return "\n".join(b.replace("%", "%%") for b in baris if b)


# --- local PKCS#12 --------------------------------------------------------------------------------


class PenandaLokal:
    nama = "lokal"

    def __init__(self, folder: str | None = None):
        self.folder = Path(folder or settings.SIKSD_TTE_P12_DIR)

    def _p12(self, pengguna) -> bytes:
        path = self.folder / f"{pengguna.username}.p12"
        if not path.exists():
            raise GagalTandaTangan("Sertifikat elektronik Anda belum terdaftar pada SIKSD. Hubungi administrator "
                                   "(Bagian Kerja Sama) untuk pendaftaran sertifikat.")
        return path.read_bytes()

    @sensitive_variables("passphrase")
    def pemberi_tanda(self, pengguna, passphrase: str):
        from cryptography import x509 as cx509
        from cryptography.hazmat.primitives.serialization import pkcs12
        from pyhanko.sign import signers
        from pyhanko_certvalidator.registry import SimpleCertificateStore  # noqa: F401 (pyHanko dependency check)

        data = self._p12(pengguna)
        try:
            _, sert, _ = pkcs12.load_key_and_certificates(data, passphrase.encode())
        except (ValueError, TypeError):
            raise GagalTandaTangan("Passphrase salah. Dokumen tidak ditandatangani; silakan coba lagi.") from None
        sekarang = datetime.datetime.now(datetime.UTC)
        if isinstance(sert, cx509.Certificate):
            if sert.not_valid_after_utc < sekarang:
                raise GagalTandaTangan(f"Sertifikat elektronik Anda sudah kedaluwarsa sejak "
                                       f"{sert.not_valid_after_utc:%d-%m-%Y}. Ajukan perpanjangan sertifikat.")
            if sert.not_valid_before_utc > sekarang:
                raise GagalTandaTangan("Sertifikat elektronik Anda belum berlaku.")
        return signers.SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=passphrase.encode())

    @sensitive_variables("passphrase")
    def tandatangani(self, pdf: bytes, *, pengguna, passphrase: str, tampilan: Tampilan, **ident) -> bytes:
        signer = self.pemberi_tanda(pengguna, passphrase)
        return tandatangani_pades(pdf, signer=signer, tampilan=tampilan)


def tandatangani_pades(pdf: bytes, *, signer, tampilan: Tampilan) -> bytes:
    """PAdES signature with a visible block (name, jabatan, date, QR code) in the signature area."""
    from pyhanko import stamp
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers, timestamps

    if tampilan.kotak is None:
        halaman, kotak = area_tanda_tangan(pdf, penanda_teks=(tampilan.jabatan, tampilan.nama))
    else:
        halaman, kotak = tampilan.halaman, tampilan.kotak
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    if tampilan.url:
        _tautan(writer, halaman, kotak, tampilan.url)
    nama_field = f"TTE_{tampilan.kode or 'SIKSD'}"
    meta = signers.PdfSignatureMetadata(
        field_name=nama_field, subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256",
        reason=tampilan.alasan, location=tampilan.lokasi, name=tampilan.nama,
    )
    timestamper = timestamps.HTTPTimeStamper(settings.SIKSD_TTE_TSA_URL) if settings.SIKSD_TTE_TSA_URL else None
    gaya = stamp.QRStampStyle(stamp_text="%(teks)s", border_width=1)
    pdf_signer = signers.PdfSigner(
        meta, signer=signer, stamp_style=gaya, timestamper=timestamper,
        new_field_spec=fields.SigFieldSpec(sig_field_name=nama_field, on_page=halaman, box=kotak),
    )
    keluar = io.BytesIO()
    try:
        tanpa_event_loop(pdf_signer.sign_pdf, writer, output=keluar,
                         appearance_text_params={"url": tampilan.url or "-", "teks": _teks_stempel(tampilan)})
    except Exception as exc:  # pyHanko/TSA errors: the document stays unsigned
        raise GagalTandaTangan(f"Penandatanganan gagal dibuat ({type(exc).__name__}). Dokumen tidak berubah; "
                               "coba lagi atau hubungi administrator.") from exc
    return keluar.getvalue()


def _tautan(writer, halaman: int, kotak, url: str) -> None:
    """A link over the signature block to the verification page (what the QR code says), inside the signed
    revision: a reader clicks it, a test reads it."""
    from pyhanko.pdf_utils import generic

    if halaman < 0:
        halaman += int(writer.root["/Pages"]["/Count"])
    page_ref = writer.find_page_for_modification(halaman)[0]
    annot = generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Annot"),
        generic.NameObject("/Subtype"): generic.NameObject("/Link"),
        generic.NameObject("/Rect"): generic.ArrayObject([generic.FloatObject(v) for v in kotak]),
        generic.NameObject("/Border"): generic.ArrayObject([generic.NumberObject(0)] * 3),
        generic.NameObject("/A"): generic.DictionaryObject({
            generic.NameObject("/S"): generic.NameObject("/URI"),
            generic.NameObject("/URI"): generic.TextStringObject(url),
        }),
    })
    writer.register_annotation(page_ref, writer.add_object(annot))


# --- BSrE API v2 ------------------------------------------------------------------------------------

# BSrE's error answers (JSON `{"status_code": <int>, "error": "<text>"}` with HTTP 4xx), as messages for the
# signatory. The codes are those of BSrE's integration documents for API v2; unknown codes fall back on the
# HTTP status.
PESAN_BSRE = {
    2031: "Passphrase salah. Dokumen tidak ditandatangani; silakan coba lagi.",
    1111: "NIK Anda belum terdaftar sebagai pengguna TTE BSrE. Hubungi administrator untuk pendaftaran.",
    2011: "Sertifikat elektronik Anda di BSrE sudah kedaluwarsa atau dicabut. Ajukan pembaruan sertifikat ke BSrE.",
}
PESAN_HTTP = {
    401: "SIKSD tidak dapat masuk ke layanan BSrE (client id/secret ditolak). Hubungi administrator.",
    404: "NIK Anda belum terdaftar sebagai pengguna TTE BSrE. Hubungi administrator untuk pendaftaran.",
}


class PenandaBsre:
    nama = "bsre"

    def __init__(self, url: str | None = None, client_id: str | None = None, client_secret: str | None = None,
                 timeout: float | None = None):
        self.url = (url if url is not None else settings.SIKSD_BSRE_URL).rstrip("/")
        self.auth = (client_id if client_id is not None else settings.SIKSD_BSRE_CLIENT_ID,
                     client_secret if client_secret is not None else settings.SIKSD_BSRE_CLIENT_SECRET)
        self.timeout = timeout if timeout is not None else settings.SIKSD_BSRE_TIMEOUT

    def _post(self, path: str, body: dict) -> dict:
        import requests

        if not self.url:
            raise GagalTandaTangan("Layanan BSrE belum dikonfigurasi (SIKSD_BSRE_URL). Hubungi administrator.")
        try:
            r = requests.post(f"{self.url}{path}", json=body, auth=self.auth, timeout=self.timeout)
        except requests.Timeout:
            raise GagalTandaTangan("Layanan BSrE tidak menjawab tepat waktu. Dokumen tidak ditandatangani; "
                                   "coba lagi beberapa saat lagi.") from None
        except requests.RequestException:
            raise GagalTandaTangan("Layanan BSrE tidak dapat dihubungi. Dokumen tidak ditandatangani; "
                                   "coba lagi beberapa saat lagi.") from None
        try:
            isi = r.json()
        except ValueError:
            isi = {}
        if r.status_code >= 400:
            kode = isi.get("status_code") if isinstance(isi, dict) else None
            pesan = PESAN_BSRE.get(kode) or PESAN_HTTP.get(r.status_code)
            if pesan is None:
                pesan = f"Layanan BSrE menolak permintaan (HTTP {r.status_code}). Dokumen tidak ditandatangani."
            raise GagalTandaTangan(pesan)
        if not isinstance(isi, dict):
            raise GagalTandaTangan("Jawaban layanan BSrE tidak dapat dibaca. Dokumen tidak ditandatangani.")
        return isi

    def status_pengguna(self, nik: str) -> dict:
        """BSrE's user status by NIK (`POST /api/v2/user/check/status`): `{"status": "ISSUE", ...}` when the
        certificate is issued and active."""
        return self._post("/api/v2/user/check/status", {"nik": nik})

    @sensitive_variables("passphrase", "body")
    def tandatangani(self, pdf: bytes, *, pengguna, passphrase: str, tampilan: Tampilan, nik: str = "", **ident) -> bytes:
        if not nik:
            raise GagalTandaTangan("NIK penandatangan belum tercatat pada daftar pejabat; TTE BSrE memerlukannya.")
        halaman, kotak = (tampilan.halaman, tampilan.kotak) if tampilan.kotak else area_tanda_tangan(
            pdf, penanda_teks=(tampilan.jabatan, tampilan.nama))
        body = {
            "nik": nik, "passphrase": passphrase,
            "signatureProperties": [{
                "tampilan": "VISIBLE", "imageBase64": gambar_tanda_tangan(tampilan),
                "page": (halaman + 1) if halaman >= 0 else 1, "originX": kotak[0], "originY": kotak[1],
                "width": kotak[2] - kotak[0], "height": kotak[3] - kotak[1],
                "location": tampilan.lokasi, "reason": tampilan.alasan,
            }],
            "file": [base64.b64encode(pdf).decode()],
        }
        isi = self._post("/api/v2/sign/pdf", body)
        try:
            return base64.b64decode(isi["file"][0], validate=True)
        except (KeyError, IndexError, TypeError, ValueError):
            raise GagalTandaTangan("Jawaban layanan BSrE tidak berisi dokumen bertanda tangan.") from None

    def verifikasi(self, pdf: bytes) -> dict:
        return self._post("/api/v2/verify/pdf", {"file": base64.b64encode(pdf).decode()})


def gambar_tanda_tangan(tampilan: Tampilan) -> str:
    """The visible block BSrE draws (imageBase64): QR code and the text, as a PNG."""
    import qrcode
    from PIL import Image, ImageDraw

    qr = qrcode.make(tampilan.url or tampilan.kode or "-", box_size=4, border=1).get_image().convert("RGB")
    qr = qr.resize((150, 150))
    img = Image.new("RGB", (460, 160), "white")
    img.paste(qr, (5, 5))
    d = ImageDraw.Draw(img)
    for i, baris in enumerate(_teks_stempel(tampilan).replace("%%", "%").split("\n")):
        d.text((165, 10 + i * 22), baris, fill="black")
    out = io.BytesIO()
    img.save(out, format="PNG")
    return base64.b64encode(out.getvalue()).decode()


def penanda():
    """The configured back-end."""
    if settings.SIKSD_TTE_BACKEND == "bsre":
        return PenandaBsre()
    return PenandaLokal()
